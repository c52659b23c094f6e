"""Hostile input (issue #24): every input surface refuses it in words, never hangs."""
