"""The audit and access log: who did or read what, when, from where."""
