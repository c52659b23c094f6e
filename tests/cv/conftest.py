"""The facts a CV is made of: a profile, a case log's totals and a PubMed export."""

from pathlib import Path

import pytest

from wayhome.adapters.importers.caselog import read_case_log
from wayhome.adapters.importers.publications import read_publications
from wayhome.adapters.profiles import example_path, load_profile
from wayhome.core.cv.cases import totals

FILES = Path(__file__).parent / "files"


@pytest.fixture
def facts():
    profile, _ = load_profile(example_path("cardiology-in"))
    log = totals(read_case_log(FILES / "acgme-surgery.csv").procedures)
    papers = read_publications(FILES / "pubs-pubmed.nbib").publications
    return profile, log, papers
