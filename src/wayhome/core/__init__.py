"""The domain core: plain Python, no I/O, no web framework."""
