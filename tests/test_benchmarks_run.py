"""Every benchmark in bench/ still runs: bench_cv once broke unseen when a service's
signature changed, and only a `python3 dev.py bench` found it.

Each runs in quick mode (WAYHOME_BENCH_QUICK=1, bench/quick.py: its very code paths with
tiny sizes and a run or two) as dev.py runs it, ``python -m bench.bench_X`` from the
repository's root in a process of its own, on a data folder and pack cache of its own,
and must print the lines that carry its figures. Quick mode's figures measure nothing, so
a verdict may be either "within" or "OVER TARGET" here.

Run on its own, the module runs two scripts at a time (a fresh data folder's migrations
alone take 2 s a script); under pytest-xdist each worker runs what its tests ask for.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from bench.all import summary
from bench.targets import tally

from wayhome.adapters.packs import bundled_dir, pack_folders

ROOT = Path(__file__).parents[1]
SCRIPTS = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
PACKS = len(pack_folders(bundled_dir()))
N = r"[\d,]+(?:\.\d+)?"  # a figure as printed: 1,600 or 0.027
VERDICT = r"(?:within|OVER TARGET)"  # bench/targets.py's words
# The slowest quick runs (each 5-10 s, mostly new processes and a data folder's
# migrations), started first so that none is left running alone at the end.
SLOWEST = ("bench_vault", "bench_caselog", "bench_startup")
QUICK_LINE = "quick mode (WAYHOME_BENCH_QUICK=1): tiny sizes, few runs; the figures below"


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str

    def line(self, pattern: str) -> re.Match[str]:
        """The one printed line that matches ``pattern`` whole."""
        found = [m for m in (re.fullmatch(pattern, x) for x in self.out.splitlines()) if m]
        assert len(found) == 1, f"{pattern!r}: {len(found)} lines match in\n{self.out}"
        return found[0]


def run_quick(script: str, folder: Path) -> Ran:
    env = {
        k: v
        for k, v in os.environ.items()
        # never a PostgreSQL database: a benchmark empties its tables
        if k not in ("WAYHOME_DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        WAYHOME_BENCH_QUICK="1",
        WAYHOME_DATA_DIR=str(folder / "data"),
        WAYHOME_CACHE_DIR=str(folder / "cache"),
        TMPDIR=str(folder),  # what a script makes with tempfile, kept in the test's folder
    )
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{script}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


class Runs:
    """Each script's quick run, started once; ``ahead``: every wanted script is started
    at once, two at a time, rather than when its test asks."""

    def __init__(self, folder: Path, wanted: list[str], ahead: bool) -> None:
        self.folder = folder
        self.pool = ThreadPoolExecutor(max_workers=2)
        self.started: dict[str, Future[Ran]] = {}
        for script in wanted if ahead else []:
            self.start(script)

    def start(self, script: str) -> Future[Ran]:
        if script not in self.started:
            folder = self.folder / script
            folder.mkdir()
            self.started[script] = self.pool.submit(run_quick, script, folder)
        return self.started[script]

    def __getitem__(self, script: str) -> Ran:
        ran = self.start(script).result()
        assert ran.code == 0, f"{script} exited {ran.code}:\n{ran.out}\n{ran.err}"
        assert ran.out.startswith(QUICK_LINE), ran.out
        return ran


@pytest.fixture(scope="module")
def runs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Runs]:
    # the scripts of this module's tests that were chosen (all, or those -k picks)
    wanted = sorted(
        {
            item.callspec.params["script"]
            for item in request.session.items
            if item.path == request.path
            and "script" in getattr(getattr(item, "callspec", None), "params", {})
        },
        key=lambda script: (SLOWEST.index(script) if script in SLOWEST else 9, script),
    )
    under_xdist = "PYTEST_XDIST_WORKER" in os.environ
    found = Runs(tmp_path_factory.mktemp("bench"), wanted, ahead=not under_xdist)
    yield found
    found.pool.shutdown(cancel_futures=True)


# Each script's lines that carry its figures, every one printed once (whole lines).
EXPECTED: dict[str, list[str]] = {
    "bench_caselog": [
        r"python 3\S+, SQLite: `wayhome cases import FILE --json`",
        rf"  \.csv 400 rows: {N} s wall, {N} s CPU \(median of 1; 400 stored, {N} cases, 0 "
        rf"without a category\); again, nothing new: {N} s wall, {N} s CPU; "
        rf"target <= 2 s: {VERDICT}",
        rf"  \.xlsx 400 rows: {N} s wall, {N} s CPU \(median of 1; 400 stored, {N} cases, 0 "
        rf"without a category\); again, nothing new: {N} s wall, {N} s CPU; "
        rf"target <= 4 s: {VERDICT}",
        r"python 3\S+, SQLite: 1,600 rows stored \([\d,]+ cases\) in [\d.]+ s; "
        r"3 requests each after a warm-up",
        *(
            rf"  {re.escape(what)}: median {N} ms, p95 {N} ms \(CPU: median {N} ms, p95 {N} "
            rf"ms\); p95 target <= 100 ms: {VERDICT}"
            for what in (
                "procedure log page, first page",
                "procedure log page, page 16 from its link",
                "procedure log page, page 16 typed in",
                "procedure log page, one category",
                "CV totals (cases.totals_of)",
                "the CV (services/cv.make, its totals included)",
            )
        ),
    ],
    "bench_cv": [
        rf"python 3\S+, SQLite: 12 papers, 60 procedures \(set up in {N} s\); load average .*",
        *(
            rf"  the CV as {kind} \(services/cv\.{call}\): median {N} s wall, {N} s CPU "
            rf"\(of 2, each a CV not made before; first run {N} s; the same CV again {N} s; "
            rf"[\d,]{{5,}} bytes for IN\); target <= 0\.5 s: {VERDICT}"
            for kind, call in (("PDF", "pdf_bytes"), ("Word", "docx_bytes"))
        ),
    ],
    "bench_dashboard": [
        rf"{what}, 3 targets \(IN, GB, DE\), 3 requests: median {N} ms, p95 {N} ms "
        rf"\(CPU median {N} ms\)"
        for what in ("dashboard", r"slider \(a sweep of 85 monthly return dates\)")
    ],
    "bench_engine": [
        rf"python 3\S+ on \S+, {PACKS} packs, \d+ rules",
        rf"assess, 1 profile x every pack: +{N} ms",
        rf"sweep, 180 monthly return dates x every pack: +{N} ms \([1-9]\d* rule "
        rf"evaluations, {N} us each\)",
    ],
    "bench_evidence": [
        r"python 3\S+",
        rf"suggest on a five-page letter \([1-9]\d* dates\): +{N} ms",
    ],
    "bench_planner": [
        rf"python 3\S+: assess \+ plan, 1 profile, targets IN/GB/DE \([1-9]\d* tasks\): +{N} ms",
    ],
    "bench_startup": [
        r"python 3\S+ on \S+, \d+ CPUs; wall time, median of 1 runs; .*",
        *(
            rf"{re.escape(name)} +{N} ms +\(CPU +{N} ms\) +{N}x python's start \({N} ms\), "
            rf"CPU +{N}x; target <= {limit}x: {VERDICT}"
            for name, limit in (
                ("wayhome --version", 10),
                ("wayhome assess FILE (IN+GB)", 25),
                ("wayhome timeline FILE (IN+GB)", 35),
                (f"wayhome assess FILE (all {PACKS} packs)", 40),
            )
        ),
    ],
    "bench_vault": [
        rf"4 MB file \(here one Argon2id derivation takes {N} s, .*\):",
        *(
            rf"  {step} +{N} s +{N} MB/s \(CPU time +{N} s: +{N} MB/s\); process peak "
            rf"memory {N} MB{against}"
            for step, against in (
                ("vault import", f"; target >= 100 MB/s: {VERDICT}"),
                ("backup      ", f"; target >= 100 MB/s: {VERDICT}"),
                ("restore     ", f"; target >= 100 MB/s: {VERDICT}"),
                ("vault check ", ""),
            )
        ),
        r"search over 50 read files:",
        rf"  web app: unlocking {N} ms, of which the index .* {N} ms",
        *(
            rf"  web app, {label} \({hits} hits\): search {N} ms, whole page {N} ms "
            rf"\(median of 2\); target <= 100 ms: {VERDICT}"
            for label, hits in (("in every file", 50), ("in one file", 1), ("in none", 0))
        ),
        *(
            rf"  command line's search, {label}: {N} ms"
            for label in ("in every file", "in one file", "in none")
        ),
        *(
            rf"  `wayhome vault search` as a new process, {how} \(a hit in each of 50 "
            rf"files\): {N} s, CPU time {N} s \(median of 1\); target <= 1 s: {VERDICT}"
            for how in ("--json", "printed for a person")
        ),
    ],
}


def test_every_benchmark_is_run_here_and_documents_quick_mode():
    assert sorted(EXPECTED) == SCRIPTS, "add the new benchmark's lines to EXPECTED"
    for script in SCRIPTS:
        source = (ROOT / "bench" / f"{script}.py").read_text(encoding="utf-8")
        assert "WAYHOME_BENCH_QUICK=1" in (ast.get_docstring(ast.parse(source)) or ""), script
    opening = (ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8").split("\n## ")[0]
    assert "WAYHOME_BENCH_QUICK=1" in opening
    assert "WAYHOME_BENCH_QUICK" not in (ROOT / "dev.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_benchmark_runs_in_quick_mode_and_prints_its_figures(runs, script):
    ran = runs[script]
    for pattern in EXPECTED[script]:
        ran.line(pattern)


@pytest.mark.parametrize("script", SCRIPTS)
def test_dev_bench_counts_every_figure_printed_with_its_target(runs, script):
    """bench/all.py's count (`python3 dev.py bench` ends with it) takes every line the
    script prints with a target, and no other."""
    within, over = tally(runs[script].out)
    assert len(within) + len(over) == sum(
        "target <=" in p or "target >=" in p for p in EXPECTED[script]
    )


def test_the_count_names_each_figure_over_its_target_and_each_failed_benchmark():
    over = "  vault import   0.9 s  55 MB/s; target >= 100 MB/s: OVER TARGET"
    fine = "  .csv 50,000 rows: 1.46 s wall; target <= 2 s: within"
    text, held = summary({"bench_a": f"{fine}\n", "bench_b": f"x\n{over}\n"}, [], 2.5)
    assert not held
    assert "==> 1 of 2 figures with a target are OVER it:" in text
    assert over.strip() in text and fine not in text
    text, held = summary({"bench_a": fine}, [], 1)
    assert held and "==> all 1 figures with a target are within it" in text
    text, held = summary({"bench_a": fine}, ["bench_b (exit 1)"], 1)
    assert not held and "failed, so their figures are missing: bench_b (exit 1)" in text


@pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="Tesseract is not installed (OCR is optional: apt-get install tesseract-ocr)",
)
@pytest.mark.parametrize("script", ["bench_evidence"])
def test_the_evidence_benchmark_reads_a_scanned_page(runs, script):
    ran = runs[script]
    ran.line(rf"OCR of one scanned page \(8 lines\): +{N} s")
    assert "tesseract is not installed" not in ran.out
