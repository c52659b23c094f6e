"""`wayhome whatif` and `wayhome scenarios`."""

import json
from pathlib import Path

import yaml

from tests.helpers.cli import flatten, run
from wayhome.adapters.profiles import example_path
from wayhome.core.common.data import merge

ON = "2026-11-24"


def test_every_month_after_the_deadline_is_a_conflict():
    data = json.loads(
        run(
            "whatif",
            "--example",
            "do-the-math",
            "--on",
            ON,
            "--country",
            "XX",
            "--from",
            "2027-01-01",
            "--to",
            "2029-12-01",
            "--json",
        ).output
    )
    row = next(r for r in data["rules"] if r["rule"] == "xx-exam-graduation-window")
    assert row["first_break"] == "2027-04"
    first = data["months"].index("2027-04")
    assert set(row["statuses"][first:]) == {"conflict"}
    assert "conflict" not in row["statuses"][:first]


def test_the_guides_case_every_month_after_its_deadline_is_a_conflict(tmp_path):
    # Graduated 30 Jun 2014 (at 24), residency ends 30 Jun 2024 (at 34), a rule of
    # "within 10 years of graduation" for the application: deadline 29 Jun 2024.
    from tests.helpers import BASE, GRADUATION_RULE, GUIDE, SOURCE

    guide = merge(BASE, GUIDE)
    profile = tmp_path / "guide.yaml"
    profile.write_text(yaml.safe_dump(guide))
    folder = tmp_path / "packs" / "XX"
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(
        "code: XX\nname: Test\ncountry: XX\nfictional: true\nversion: '1'\n"
        "reviewed: 2026-11-24\nregulator: {name: Test, website: null}\n"
        + SOURCE
        + "rules:\n"
        + GRADUATION_RULE
    )
    result = run(
        "whatif",
        str(profile),
        "--on",
        "2023-01-01",
        "--country",
        "XX",
        "--packs",
        str(tmp_path / "packs"),
        "--from",
        "2023-02-01",
        "--to",
        "2026-12-01",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    [row] = [r for r in data["rules"] if r["rule"] == "grad-window"]
    assert row["first_break"] == "2024-07"
    first = data["months"].index("2024-07")
    assert set(row["statuses"][first:]) == {"conflict"}
    assert set(row["statuses"][:first]) <= {"ok", "tight"}


def test_whatif_prints_a_strip_per_rule():
    out = flatten(run("whatif", "--example", "do-the-math", "--on", ON, "--country", "XX").output)
    assert "Return later?" in out
    assert "XX: Sit the conversion" in out
    assert "Apr 2027" in out


def test_scenarios_compares_the_plan_with_each_variant():
    data = json.loads(run("scenarios", "--example", "do-the-math", "--on", ON, "--json").output)
    assert [o["id"] for o in data] == [
        "your-plan",
        "back-before-the-window-closes",
        "three-years-as-attending",
        "attending-with-money",
    ]
    plan, early, attending, with_money = data
    assert with_money["money"]["currency"] == "USD"
    assert any(c["id"] == "j1-home" for c in with_money["clocks"])
    assert plan["closes"][0].startswith("XX: Sit the conversion exam within the window")
    assert not any(c.startswith("XX: Sit the conversion exam") for c in early["closes"])
    assert attending["return_date"] == "2030-07-01"
    out = flatten(run("scenarios", "--example", "do-the-math", "--on", ON).output)
    assert "Scenarios side by side" in out and "Windows this plan misses" in out
    assert "Visa clocks" in out and "Keeping US doors open" in out and "Money (total, NPV)" in out


def test_visa_prints_each_clock_with_its_arithmetic():
    data = json.loads(run("visa", "--example", "do-the-math", "--on", ON, "--json").output)
    by_id = {c["id"]: c for c in data}
    # Seven years from the residency's first day (1 Jul 2024), not the visa's (20 Jun).
    assert by_id["j1-limit"]["date"] == "2031-06-30"
    assert by_id["j1-grace"]["date"] == "2027-07-30"
    assert by_id["j1-home"]["date"] == by_id["j1-home"]["met_on"] == "2030-06-30"
    out = flatten(run("visa", "--example", "do-the-math", "--on", ON).output)
    assert "the last day served is 29 Jun 2030, and the requirement is met on 30 Jun 2030" in out
    assert "The limits come from the US pack" in out


def test_money_compares_the_scenarios_with_figures():
    data = json.loads(run("money", "--example", "do-the-math", "--on", ON, "--json").output)
    assert [d["id"] for d in data] == ["your-plan", "attending-with-money"]
    plan, attending = data
    assert plan["currency"] == "USD"
    assert float(attending["total"]) > float(plan["total"])
    assert any("illustrative default" in n for n in plan["notes"])
    out = flatten(run("money", "--example", "do-the-math", "--on", ON).output)
    assert "Net present value" in out and "USD" in out
    # Year by year, as its help says: 2028 is 182 of 366 days at US pay (70,000 a year,
    # 32% tax: 23,669.95), 184 at home (60,000 at 25%: 22,622.95, less 1,508.20 of US
    # costs), less the 15,000 move: 29,784.70; the attending earns all of 2028 at 280,000:
    # 190,400.
    assert "Year by year: the net after tax" in out
    assert "2028 USD 29,785 USD 190,400" in out
    assert "What was assumed, Your plan as it stands: - Horizon: 20 calendar years" in out


def test_money_shows_the_total_at_what_home_income_buys(tmp_path):
    # 50,000 a year at home, untaxed, for two years from 1 Jan 2027, at 3x what it buys:
    # 100,000, and 300,000 at what it buys.
    money = {
        "home_income": {"currency": "USD", "per_year": 50000},
        "effective_tax": {"US": 0, "XX": 0},
        "purchasing_power": {"factor": 3, "as_of": "2026-06-01"},
        "horizon_years": 2,
        "discount_rate": 0,
    }
    data = yaml.safe_load(example_path("do-the-math").read_text("utf-8"))
    data.update(money=money, scenarios=[], plan={**data["plan"], "return_date": "2027-01-01"})
    path = tmp_path / "ppp.yaml"
    path.write_text(yaml.safe_dump(json.loads(json.dumps(data, default=str))))
    out = flatten(run("money", str(path), "--on", "2027-01-01").output)
    assert "Total at what it buys at home" in out
    assert "USD 100,000 USD 100,000 USD 300,000" in out  # total, NPV, at what it buys


def test_the_visa_dates_are_in_the_timeline():
    data = json.loads(run("timeline", "--example", "do-the-math", "--on", ON, "--json").output)
    home = next(t for t in data["tasks"] if t["id"] == "visa:j1-home")
    assert home["start"] == "2030-06-30" and home["milestone"] is True


def test_money_draws_the_cumulative_chart(tmp_path):
    out = tmp_path / "money.svg"
    result = run("money", "--example", "do-the-math", "--on", ON, "--chart", str(out))
    assert result.exit_code == 0, result.output
    svg = out.read_text()
    assert "Cumulative net income by scenario" in svg
    assert "Your plan as it stands" in svg and "stroke-dasharray" in svg  # not colour alone


def test_whatif_words_a_wait_as_when_it_opens():
    out = flatten(run("whatif", "--example", "do-the-math", "--on", "2026-12-05").output)
    assert "First breaks" not in out
    assert "Changes" in out and "fine from Sep 2029" in out and "breaks from Apr 2027" in out
    data = json.loads(
        run("whatif", "--example", "do-the-math", "--on", "2026-12-05", "--json").output
    )
    wait = next(r for r in data["rules"] if r["rule"] == "xx-consultant-experience")
    assert (wait["first_break"], wait["fine_from"], wait["change"]) == (
        None,
        "2029-09",
        "fine from Sep 2029",
    )


def test_whatif_leaves_out_a_route_assess_does_not_list(tmp_path):
    from pathlib import Path

    surgeon = Path(__file__).parents[1] / "helpers" / "setups" / "green-card-surgeon-brazil.yaml"
    out = flatten(run("whatif", str(surgeon), "--on", "2026-12-05").output)
    assert "Revalidation route 1 of 2" not in out


def test_scenarios_say_the_latest_return_in_the_cards_words(tmp_path):
    example = yaml.safe_load(
        (Path(__file__).parents[2] / "src/wayhome/examples/cardiology-in.yaml").read_text()
    )
    example["plan"]["targets"] = ["FR", "IN"]
    path = tmp_path / "fr.yaml"
    path.write_text(yaml.safe_dump(example))
    out = flatten(run("scenarios", str(path), "--on", "2026-12-05").output)
    assert (
        "FR unknown — ask the regulator the latest return these rules allow: "
        "not known: no rule pack yet" in out
    )
    assert "no limit" not in out.replace("no limit before", "")
    assert "latest safe return" not in out
    assert (
        "US the latest return these rules allow: 30 Jun 2030 (H-1B stays are limited to six "
        "years)" in out
    )
    assert "Plan runs until" not in out
    # the window closed on 29 Jun 2024: the plan does not miss it, it was missed before
    assert "Windows this plan misses none" in out


def test_scenarios_list_only_windows_still_open_that_the_return_misses():
    data = json.loads(run("scenarios", "--example", "do-the-math", "--on", ON, "--json").output)
    plan, early = data[0], data[1]
    assert plan["closes"] == [
        "XX: Sit the conversion exam within the window after graduation (last day 29 Jun 2027)",
        "US: J-1: the last day in the US (at most 7 years of sponsored training, then 30 "
        "days to leave) (last day 30 Jul 2027)",
    ]
    assert early["closes"] == []
    out = flatten(run("scenarios", "--example", "do-the-math", "--on", ON).output)
    assert "Windows this plan misses" in out and "Windows it closes" not in out
