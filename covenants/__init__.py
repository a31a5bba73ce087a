"""Covenants (sector IRBC agreements), parties, governance, memberships, annual cycles, risk themes."""
