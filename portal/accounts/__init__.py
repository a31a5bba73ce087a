"""Users, organisations (stakeholders) and roles."""
