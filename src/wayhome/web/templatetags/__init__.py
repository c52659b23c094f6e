"""Template tags and filters for the web app's pages."""
