"""The profile: one physician's facts as entered, and the facts derived from them."""
