"""Rule packs and the engine that applies them to a profile."""
