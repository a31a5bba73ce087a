"""Enquiries: the public contact form and the secretariat's inbox of questions (a platform app)."""
