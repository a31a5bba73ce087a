"""Assessment frameworks shipped with the portal."""
