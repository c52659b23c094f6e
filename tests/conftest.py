"""Test-wide settings. The web app's settings use a fresh data folder under pytest
(never the user's); dev.py runs the web tests a second time on PostgreSQL by
setting WAYHOME_DATABASE_URL from WAYHOME_TEST_DATABASE_URL."""


def pytest_report_header() -> str:
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    return f"wayhome data folder: {settings.DATA_DIR}; database: {engine}"
