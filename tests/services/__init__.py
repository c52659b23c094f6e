"""The services: use cases over the stored data, without the web app."""
