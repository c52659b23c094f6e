"""Adapters at the edge: files in, domain objects out (and back)."""
