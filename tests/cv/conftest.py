"""The facts a CV is made of: a profile, a case log's totals and a PubMed export."""

from datetime import date
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
    # The attending post left on 30 Jun 2026 (the example is still in it): a recent gap,
    # beside the one before residency, for the CV to ask about.
    post = profile.work[0].model_copy(update={"end": date(2026, 6, 30)})
    profile = profile.model_copy(update={"work": [post]})
    log = totals(read_case_log(FILES / "acgme-surgery.csv").procedures)
    papers = read_publications(FILES / "pubs-pubmed.nbib").publications
    return profile, log, papers
