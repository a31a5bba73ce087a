"""Complaints and disputes, case workflow, messages, documents and rulings (complaints issue)."""
