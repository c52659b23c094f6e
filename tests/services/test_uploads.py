"""An upload's temporary copy lives in the data folder, never the system's temp folder,
and is removed however the reader ends (services/uploads.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from wayhome.services import uploads


def test_the_copy_is_in_the_data_folder_and_gone_after_an_error_or_ctrl_c(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    system_temp = set(Path(tempfile.gettempdir()).glob("wayhome-upload-*"))
    for error in (ValueError, KeyboardInterrupt):
        with pytest.raises(error), uploads.as_file("log.CSV", b"MRN,Name\n1,Ann\n") as path:
            assert path.read_bytes() == b"MRN,Name\n1,Ann\n" and path.name == "upload.csv"
            assert (tmp_path / "tmp") in path.parents
            assert set(Path(tempfile.gettempdir()).glob("wayhome-upload-*")) == system_temp
            raise error
        assert not path.exists() and not path.parent.exists()


def test_the_web_app_spools_large_uploads_into_the_data_folder_too():
    from django.conf import settings

    from wayhome.web import settings as web_settings

    spool = Path(web_settings.FILE_UPLOAD_TEMP_DIR)
    assert spool.parent == Path(web_settings.DATA_DIR).resolve() / "tmp"
    assert settings.FILE_UPLOAD_TEMP_DIR == web_settings.FILE_UPLOAD_TEMP_DIR
