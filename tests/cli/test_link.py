"""`wayhome link`: a new one-time sign-in link for the web app that is running."""

import re

from django.test import Client

from tests.helpers.cli import run


def test_it_prints_a_link_that_signs_in_once_within_15_minutes(db):
    result = run("link", "--port", "9000")
    assert result.exit_code == 0, result.output
    assert "it works once, within 15 minutes" in result.output
    [url] = re.findall(r"http://127\.0\.0\.1:9000(/signin/token/\?token=\S+)", result.output)
    assert Client().get(url)["Location"] == "/"
    assert Client().get(url)["Location"] == "/signin/"  # used
