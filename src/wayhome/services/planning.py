"""The plan for a profile file: `wayhome timeline` and `wayhome task`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from wayhome.adapters import packs as pack_files
from wayhome.adapters import plans, profiles
from wayhome.adapters.exporters import chart, ics, pdf
from wayhome.adapters.yamlfile import InvalidFileError, Located
from wayhome.core.planner.model import Plan
from wayhome.core.planner.plan import make_plan
from wayhome.core.planner.progress import Mark, Progress
from wayhome.core.problems import ProblemsError
from wayhome.core.profile import Profile
from wayhome.core.rules import engine
from wayhome.core.rules.report import Report


@dataclass(frozen=True)
class Planned:
    profile: Profile
    report: Report
    plan: Plan
    progress: Progress
    progress_file: Path | None  # None for a bundled example: nothing is saved


def plan_file(
    profile_path: Path,
    on: date,
    *,
    pack_dirs: Sequence[Path] = (),
    display: str | None = None,
    example: bool = False,
) -> Planned:
    profile, doc = profiles.load_profile(profile_path, display)
    packs = pack_files.load_packs(pack_dirs)
    # The bundled examples are read-only: their progress is never saved.
    bundled = profile_path.resolve().parent == profiles.examples_dir().resolve()
    state = None if example or bundled else plans.progress_path(profile_path)
    progress = plans.load_progress(state) if state else Progress()
    try:
        report = engine.assess(profile, packs, on)
    except ProblemsError as e:
        raise doc.locate(e.problems) from None
    plan = make_plan(profile, report, packs, plans.guide_template(), on, progress)
    return Planned(profile, report, plan, progress, state)


def mark(
    planned: Planned, task_id: str, status: Mark, on: date, to: date | None = None
) -> Progress:
    """Record progress on a task and save it beside the profile."""
    if planned.progress_file is None:
        raise InvalidFileError(
            [
                Located(
                    "example",
                    None,
                    "",
                    "the examples are read-only: copy one with `wayhome example > me.yaml` first",
                )
            ]
        )
    known = {t.id for t in planned.plan.tasks}
    if task_id not in known:
        near = sorted(i for i in known if task_id in i)[:5]
        hint = f" (did you mean: {', '.join(near)}?)" if near else ""
        raise InvalidFileError(
            [Located(task_id, None, "", f"no such task{hint}; `wayhome task list` shows the ids")]
        )
    progress = planned.progress.mark(task_id, status, on, to)
    plans.save_progress(planned.progress_file, progress)
    return progress


def export_ics(
    planned: Planned, out: Path, *, todo: bool = False, stamp: datetime | None = None
) -> None:
    state = planned.progress.calendar
    data, new_state = ics.export(planned.plan, state, stamp or datetime.now(UTC), todo=todo)
    plans.write_atomic(out, data)
    if planned.progress_file is not None:
        plans.save_progress(planned.progress_file, planned.progress.with_calendar(new_state))


def export_chart(planned: Planned, out: Path) -> None:
    svg = chart.svg(planned.plan)
    if out.suffix.lower() == ".png":
        plans.write_atomic(out, chart.png(svg))
    elif out.suffix.lower() == ".svg":
        plans.write_atomic(out, svg.encode("utf-8"))
    else:
        raise InvalidFileError(
            [
                Located(
                    str(out),
                    None,
                    "",
                    "the chart is written as .svg or .png: name the file accordingly",
                )
            ]
        )


def export_pdf(planned: Planned, out: Path) -> None:
    plans.write_atomic(out, pdf.render(planned.plan, planned.report, planned.profile))
