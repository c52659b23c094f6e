"""The test run's cheap stand-ins for the costs that protect a real user.

tests/conftest.py puts them in place for every test; tests/test_real_costs.py
checks the real ones.
"""

from __future__ import annotations

from typing import Final

FAST_HASHERS: Final = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Argon2id's least: one pass over 8 KiB. The parameters are stored with each keyring
# and backup, so what a test makes opens again with the same ones.
LOW_KDF: Final = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
