"""One answer everywhere: the same profiles through `wayhome assess --json`,
`wayhome visa --json`, the dashboard service, the planner and the scenario comparison
give the same visa dates.

Nine profiles, each a case the visa clocks must get right to the day: a continuous
return, visits back to the US, a leap year inside the count, days in a third country,
H-1B with trips, Conrad 30, H-1B after a J-1 with no waiver (unknown, not a date), the
seven-year limit reached by a planned fellowship, and a board-exam extension.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import BASE
from tests.helpers.cli import flatten, run
from tests.helpers.setups import REFERENCES
from wayhome.adapters.packs import bundled_packs
from wayhome.adapters.profiles import example_path
from wayhome.core.common.data import merge
from wayhome.core.profile.model import Profile
from wayhome.services import dashboard, planning, source
from wayhome.services import scenarios as scenario_service

ON = "2026-01-01"


def _stay(country: str, start: str, end: str) -> dict[str, str]:
    return {"country": country, "start": start, "end": end}


def _training(kind: str, specialty: str, start: str, end: str) -> dict[str, str]:
    return {"kind": kind, "specialty": specialty, "country": "US", "start": start, "end": end}


J1: dict[str, Any] = {
    "home_country": "IN",
    "person": {"citizenship": ["IN"]},
    "training": [
        _training("residency", "internal-medicine", "2019-07-01", "2022-06-30"),
        _training("fellowship", "cardiology", "2022-07-01", "2026-06-30"),
    ],
    "visa": {"type": "J-1", "start": "2019-06-20"},
    "plan": {"return_date": "2026-07-30", "targets": ["IN"]},
}

PROFILES: dict[str, dict[str, Any]] = {
    "continuous-return": {**J1, "stays": [_stay("IN", "2026-07-30", "2031-01-01")]},
    "visits-back-to-the-us": {
        **J1,
        "stays": [
            _stay("IN", "2026-07-30", "2027-03-01"),
            _stay("US", "2027-03-01", "2027-03-31"),
            _stay("IN", "2027-03-31", "2031-01-01"),
        ],
    },
    "leap-year-inside": {
        **J1,
        "visa": {"type": "J-1", "start": "2019-06-20", "end": "2027-02-15"},
        "plan": {"return_date": "2027-03-01"},
        "stays": [_stay("IN", "2027-03-01", "2031-01-01")],
    },
    "third-country-days": {
        **J1,
        "stays": [
            _stay("IN", "2026-07-30", "2027-01-01"),
            _stay("AE", "2027-01-01", "2027-01-11"),
            _stay("IN", "2027-01-11", "2031-01-01"),
        ],
    },
    "h1b-with-trips": {
        "visa": {"type": "H-1B", "start": "2020-07-01"},
        "plan": {"return_date": "2026-06-01"},
        "stays": [
            _stay("US", "2020-07-01", "2022-03-01"),
            _stay("IN", "2022-03-01", "2022-03-21"),
            _stay("US", "2022-03-21", "2023-12-10"),
            _stay("IN", "2023-12-10", "2024-01-04"),
            _stay("US", "2024-01-04", "2027-12-31"),
        ],
    },
    "conrad-30": {
        **J1,
        "visa": {"type": "H-1B", "start": "2026-05-30"},
        "visa_history": [{"type": "J-1", "start": "2019-06-20", "end": "2026-06-30"}],
        "j1_waiver": {
            "route": "conrad-30",
            "status": "granted",
            "date": "2026-03-01",
            "employment_start": "2026-05-30",
        },
        "plan": {"return_date": "2030-07-01"},
    },
    "h1b-after-j1-with-no-waiver": {
        **J1,
        "training": [
            J1["training"][0],
            _training("fellowship", "cardiology", "2022-07-01", "2024-06-30"),
        ],
        "visa": {"type": "H-1B", "start": "2024-07-01"},
        "visa_history": [{"type": "J-1", "start": "2019-06-20", "end": "2024-06-30"}],
        "plan": {"return_date": "2028-07-01"},
    },
    "seven-years-reached-by-a-fellowship": {
        **J1,
        "training": [
            *J1["training"],
            _training("fellowship", "interventional-cardiology", "2026-07-01", "2027-06-30"),
        ],
        "plan": {"return_date": "2027-07-15"},
    },
    "board-exam-extension": {
        **J1,
        "visa": {
            "type": "J-1",
            "start": "2019-06-20",
            "board_exam_extension": {"exam": "2026-10"},
        },
        "plan": {"return_date": "2026-10-31"},
        "stays": [_stay("US", "2019-06-20", "2026-10-31"), _stay("IN", "2026-10-31", "2031-01-01")],
    },
}

# Which assess finding carries which clock's date.
SAME_DATE = {
    "us-j1-gme-limit": ("deadline", "j1-grace"),
    "us-j1-home-presence": ("completed_on", "j1-home"),
    "us-h1b-six-years": ("deadline", "h1b-max"),
}

# The clock statuses a visa task shows as they are; any other is a date planned.
WARNED = ("conflict", "tight", "unknown")

# Which clocks a broken finding of each rule comes from.
BROKEN_BY = {
    "us-j1-gme-limit": ("j1-limit", "j1-grace"),
    "us-h1b-six-years": ("h1b-max",),
}


def _write(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    Profile.model_validate(merge(BASE, data))  # a valid profile, or the test is wrong
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(json.loads(json.dumps(merge(BASE, data), default=str))))
    return path


def _json(*args: str) -> Any:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_assess_visa_and_the_scenarios_give_the_same_dates(tmp_path, name):
    path = _write(tmp_path, name, PROFILES[name])
    clocks = {c["id"]: c for c in _json("visa", str(path), "--on", ON, "--json")}
    report = _json("assess", str(path), "--on", ON, "--country", "US", "--json")
    us = next(a for a in report["assessments"] if a["jurisdiction"] == "US")
    findings = {f["rule"]: f for f in us["findings"]}
    # Each profile's current status brings its rules: J-1 the limit and the home
    # requirement, H-1B its six years (with a J-1 held before, the home requirement too).
    held = {PROFILES[name]["visa"]["type"]} | {
        v["type"] for v in PROFILES[name].get("visa_history", [])
    }
    expected = {
        rule
        for rule, current in (
            ("us-j1-gme-limit", PROFILES[name]["visa"]["type"] == "J-1"),
            ("us-j1-home-presence", "J-1" in held),
            ("us-h1b-six-years", PROFILES[name]["visa"]["type"] == "H-1B"),
        )
        if current
    }
    assert set(findings) >= expected
    compared = 0
    for rule, (field, clock_id) in SAME_DATE.items():
        if rule not in expected:
            continue
        clock = clocks[clock_id]
        want = clock["last_day"]
        if rule == "us-j1-gme-limit" and clocks["j1-limit"]["status"] == "conflict":
            want = clocks["j1-limit"]["last_day"]  # training past seven years
        assert findings[rule][field] == want, (rule, findings[rule]["explanation"])
        compared += 1
    assert compared == len(expected)
    # A clock the plan breaks is a broken finding, and the other way round: the visa page
    # never says CONFLICT where assess says fine (a J-1 left for H-1B binds no more).
    for rule, ids in BROKEN_BY.items():
        broken = any(clocks[i]["status"] == "conflict" for i in ids if i in clocks)
        assert broken == (rule in findings and findings[rule]["status"] == "conflict"), rule
    # Where the clock cannot count (212(e) with H-1B and no waiver), neither can assess.
    home = clocks.get("j1-home")
    if home is not None:
        unknown = findings["us-j1-home-presence"]["status"] == "unknown"
        assert unknown == (home["status"] == "unknown"), home["explanation"]
    # assess opens with the US clocks exactly as `wayhome visa` gives them.
    assert report["verdict"]["us_clocks"] == list(clocks.values())
    on = date.fromisoformat(ON)
    outcomes = scenario_service.scenarios_of(source.from_file(path), on)
    plan = next(o for o in outcomes if o.id == "your-plan")
    assert {c.id: c.to_json() for c in plan.clocks} == clocks
    # The dashboard shows the same US findings, and the plan's visa tasks fall on the
    # clocks' dates.
    board = dashboard.compose(planning.plan(source.from_file(path), on), bundled_packs(), on)
    # The dashboard's line of US clocks: the visa page's statuses and dates.
    assert [c.to_json() for c in board.verdict.clocks] == list(clocks.values())
    shown = next(a for a in board.report.assessments if a.jurisdiction == "US")
    assert [f.to_json() for f in shown.findings] == us["findings"]
    tasks = {t.id.removeprefix("visa:"): t.spec.latest for t in board.plan.tasks}
    planned = [cid for cid in clocks if cid in tasks]
    assert planned, "no visa clock reached the plan"
    for cid in planned:
        assert tasks[cid] == date.fromisoformat(clocks[cid]["date"]), cid
    # Each visa task says what its clock says on the visa page: conflict, tight or
    # unknown; a clock that is running is a date planned.
    for t in board.plan.tasks:
        if t.id.startswith("visa:"):
            said = clocks[t.id.removeprefix("visa:")]["status"]
            assert t.status.value == (said if said in WARNED else "planned"), t.id
    # The years at home run to the day the clock says the last is served.
    home = next((t for t in board.plan.tasks if t.id.startswith("home-presence:")), None)
    if home is not None and clocks["j1-home"]["last_day"]:
        assert home.end.isoformat() == clocks["j1-home"]["last_day"], name


def test_the_timeline_says_the_visa_page_s_status_words(tmp_path):
    # The seven years reached by a fellowship: CONFLICT on the visa page, and in the
    # timeline's JSON (the dashboard's task rows read the same plan).
    path = _write(tmp_path, "seven", PROFILES["seven-years-reached-by-a-fellowship"])
    clocks = {c["id"]: c for c in _json("visa", str(path), "--on", ON, "--json")}
    timeline = _json("timeline", str(path), "--on", ON, "--json")
    visa = {t["id"].removeprefix("visa:"): t for t in timeline["tasks"] if t["id"][:5] == "visa:"}
    assert clocks["j1-limit"]["status"] == "conflict"
    assert visa["j1-limit"]["status"] == "conflict"
    assert "wayhome visa" not in visa["j1-limit"]["reason"]


def test_the_worked_dates_hold_through_the_command_line(tmp_path):
    def clocks_of(name: str) -> dict[str, Any]:
        path = _write(tmp_path, name, PROFILES[name])
        return {c["id"]: c for c in _json("visa", str(path), "--on", ON, "--json")}

    assert clocks_of("continuous-return")["j1-home"]["met_on"] == "2028-07-30"
    assert clocks_of("visits-back-to-the-us")["j1-home"]["met_on"] == "2028-08-29"
    assert clocks_of("leap-year-inside")["j1-home"]["met_on"] == "2029-03-01"
    assert clocks_of("third-country-days")["j1-home"]["days_added"] == 10
    assert clocks_of("h1b-with-trips")["h1b-max"]["last_day"] == "2026-08-14"
    assert clocks_of("conrad-30")["conrad-30"]["met_on"] == "2029-05-30"
    home = clocks_of("h1b-after-j1-with-no-waiver")["j1-home"]
    assert (home["status"], home["date"]) == ("unknown", None)
    limit = clocks_of("seven-years-reached-by-a-fellowship")["j1-limit"]
    assert (limit["status"], limit["last_day"]) == ("conflict", "2026-06-30")
    assert clocks_of("board-exam-extension")["j1-grace"]["last_day"] == "2026-10-31"


def test_a_return_made_in_time_is_not_called_missed_afterwards(tmp_path):
    # Back on 30 Jul 2026, the grace period's last day; looked at on 1 Sep 2026.
    path = _write(tmp_path, "back", PROFILES["continuous-return"])
    grace = next(
        c for c in _json("visa", str(path), "--on", "2026-09-01", "--json") if c["id"] == "j1-grace"
    )
    report = _json("assess", str(path), "--on", "2026-09-01", "--country", "US", "--json")
    finding = next(
        f for a in report["assessments"] for f in a["findings"] if f["rule"] == "us-j1-gme-limit"
    )
    assert grace["status"] == "ended"
    assert finding["status"] == "ok"
    assert finding["deadline"] == grace["last_day"] == "2026-07-30"
    # Past, never planned: the plan keeps only the clock still running (home).
    planned = planning.plan(source.from_file(path), date(2026, 9, 1)).plan
    visa_tasks = {t.id for t in planned.tasks if t.id.startswith("visa:")}
    assert visa_tasks == {"visa:j1-home"}


def test_a_readiness_date_long_past_is_said_alike_in_the_terminal_and_on_the_dashboard():
    # The cardiology-in attending trained years ago: "do it now (it was due ...)", never
    # "N years overdue", in `wayhome timeline` and on the dashboard.
    path = example_path("cardiology-in")
    on = date(2026, 12, 5)
    data = _json("timeline", str(path), "--on", on.isoformat(), "--json")
    said = {i["id"]: i["when"] for i in data["checklist"]}
    board = dashboard.compose(planning.plan(source.from_file(path), on), bundled_packs(), on)
    assert {i.id: i.when for i in board.plan.checklist} == said
    assert said["training-counts"].startswith("do it now (it was due ")
    result = run("timeline", str(path), "--on", on.isoformat())
    assert result.exit_code == 0
    assert f"— {said['training-counts']}" in " ".join(result.output.split())


# --------------------------------------------------------------------------- money

# The J-1 cardiologist of the setup (back 1 Aug 2027), with money inputs, and a scenario
# that moves the return to 1 Jul 2028 with the same inputs (no US pay given for 2028).
PAY: dict[str, Any] = {
    "currency": "USD",
    "us_income": {2026: 90000, 2027: 95000},
    "home_income": {"currency": "INR", "per_year": 4200000},
    "exchange_rate": {"INR_per_USD": 84, "as_of": "2026-11-01"},
    "effective_tax": {"US": "0.30", "IN": "0.20"},
    "relocation_cost": 12000,
    "horizon_years": 3,
    "discount_rate": "0.05",
}
MONEY_ON = "2026-11-24"
MOVED = "2028-07-01"


def _with_money(tmp_path: Path, name: str, **changes: Any) -> Path:
    data = yaml.safe_load((REFERENCES / "j1-cardiologist-india.yaml").read_text("utf-8"))
    data["money"] = PAY
    data["scenarios"] = [
        {"id": "a-year-later", "name": "A year later", "return_date": MOVED, "money": PAY}
    ]
    data.update(changes)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(json.loads(json.dumps(data, default=str))))
    return path


def test_money_is_one_answer_in_the_terminal_its_json_and_the_web_pages(tmp_path, db, monkeypatch):
    from django.contrib.auth.models import User
    from django.test import Client
    from django.utils import timezone

    from tests.helpers.web import page_text
    from wayhome.adapters.db.models import StoredProfile
    from wayhome.adapters.profiles import load_profile, to_data

    path = _with_money(tmp_path, "money")
    money = {m["id"]: m for m in _json("money", str(path), "--on", MONEY_ON, "--json")}
    plan, later = money["your-plan"], money["a-year-later"]
    # By hand, from 24 Nov 2026 (38 of 2026's 365 days left), tax 30% in the US and 20%
    # at home, 4,200,000 INR at 84 a dollar = USD 50,000 a year:
    # 2026: 90,000 x 38/365 x 0.7 = 6,558.90.
    # 2027, back 1 Aug: 95,000 x 212/365 x 0.7 = 38,624.66; 50,000 x 153/365 x 0.8
    #   = 16,767.12; less the 12,000 move: 43,391.78. 2028: 50,000 x 0.8 = 40,000.
    # NPV at 5%: 6,558.90 + 43,391.78 / 1.05 + 40,000 / 1.05^2
    #   = 6,558.90 + 41,325.50 + 36,281.18 = 84,165.58.
    assert [y["net"] for y in plan["years"]] == ["6558.90", "43391.78", "40000.00"]
    assert (plan["total"], plan["npv"], plan["missing"]) == ("89950.68", "84165.58", [])
    # A year later (1 Jul 2028): 2027 all at US pay, 66,500; 2028 has no US pay given
    # (counted as 0, and said) and 184 of 366 days at home: 40,000 x 184/366 = 20,109.29,
    # less 12,000 = 8,109.29. NPV: 6,558.90 + 63,333.33 + 7,355.37 = 77,247.60.
    assert [y["net"] for y in later["years"]] == ["6558.90", "66500.00", "8109.29"]
    assert (later["total"], later["npv"]) == ("81168.19", "77247.60")
    assert later["missing"] == ["US income for 2028"]
    # The comparison carries the same figures, return and word on leaving training early.
    compared = _json("scenarios", str(path), "--on", MONEY_ON, "--json")
    for o in compared:
        same = ("id", "name", "return_date", "before_training_ends")
        assert {**{k: o[k] for k in same}, **o["money"]} == money[o["id"]]
    # In words, each shell shows the same amounts and the same gaps and conventions.
    said = {
        "your-plan": ("USD 89,951", "USD 84,166"),
        "a-year-later": ("USD 81,168", "USD 77,248"),
    }
    text = flatten(run("money", str(path), "--on", MONEY_ON).output)
    side_by_side = flatten(run("scenarios", str(path), "--on", MONEY_ON).output)
    user = User.objects.create_user("money")
    row = StoredProfile.objects.create(owner=user, data=to_data(load_profile(path)[0]))
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date.fromisoformat(MONEY_ON))
    web = Client()
    web.force_login(user)
    scenarios_page = page_text(web.get(f"/p/{row.pk}/scenarios/"))
    for sid, (total, npv) in said.items():
        page = page_text(web.get(f"/p/{row.pk}/money/?scenario={sid}"))
        assert f"Total over the horizon {total} Net present value {npv}" in page
        # (side by side, each column's lines fall between the other's)
        assert f"total {total}" in side_by_side and f"NPV {npv}" in side_by_side
        assert f"total {total} net present value {npv}" in scenarios_page
        assert total in text and npv in text
        for note in money[sid]["notes"]:
            assert note in page and note in text, note
    gap = "Not given, so counted as 0: US income for 2028"
    assert gap in text and gap in scenarios_page and gap in side_by_side  # (the last column)
    assert f"{gap}." in page_text(web.get(f"/p/{row.pk}/money/?scenario=a-year-later"))
    assert "Not given" not in page_text(web.get(f"/p/{row.pk}/money/"))


def test_a_scenario_that_moves_the_return_moves_money_clocks_and_rules_with_it(tmp_path):
    # The scenario's column is what assess, visa and money say of a plan to return then.
    path = _with_money(tmp_path, "scenario")
    moved = _with_money(
        tmp_path,
        "moved",
        scenarios=[],
        plan={"return_date": MOVED, "return_type": "academic", "targets": ["IN", "AE-DHA"]},
    )
    side = _json("scenarios", str(path), "--on", MONEY_ON, "--json")
    plan, later = (next(o for o in side if o["id"] == i) for i in ("your-plan", "a-year-later"))
    assert later["return_date"] == MOVED
    alone = _json("money", str(moved), "--on", MONEY_ON, "--json")[0]
    assert alone["return_date"] == MOVED
    assert alone["before_training_ends"] == later["before_training_ends"]
    besides = ("id", "name", "return_date", "before_training_ends")
    assert {k: v for k, v in alone.items() if k not in besides} == later["money"]
    assert _json("visa", str(moved), "--on", MONEY_ON, "--json") == later["clocks"]
    # The two years at home run from the moved return, not the plan's.
    home = {o["id"]: next(c for c in o["clocks"] if c["id"] == "j1-home") for o in side}
    assert (home["your-plan"]["date"], home["a-year-later"]["date"]) == (
        "2029-08-01",
        "2030-07-01",
    )
    report = _json("assess", str(moved), "--on", MONEY_ON, "--json")
    for a in report["assessments"]:
        counts: dict[str, int] = {}
        for f in a["findings"]:
            counts[f["status"]] = counts.get(f["status"], 0) + 1
        cell = next(r for r in later["regulators"] if r["jurisdiction"] == a["jurisdiction"])
        assert cell["counts"] == counts, a["jurisdiction"]
        assert cell["latest_safe_return"] == a["latest_safe_return"], a["jurisdiction"]
    assert plan["money"]["total"] != later["money"]["total"]
