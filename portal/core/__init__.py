"""Site-wide pages, health check, context processors and the demo-data command."""
