"""Settings package: base.py holds everything; dev/test/production adjust it for their use."""
