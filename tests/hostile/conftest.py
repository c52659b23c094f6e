"""A fresh data folder for the hostile-input tests that store things."""

import pytest


@pytest.fixture
def data_dir(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR
