"""Use cases: join the core, the adapters and (later) storage."""
