"""Notification outbox: in-app notifications and e-mails written in the same transaction as their cause."""
