"""Dashboards (top layer): each role's view of the covenants, read from the domain apps' figures."""
