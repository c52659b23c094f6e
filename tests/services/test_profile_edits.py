"""Every change to the stored profile goes through one service: validated by the profile
file's schema, saved whole or not at all, each problem named in the person's words."""

from datetime import date

import pytest

from wayhome.adapters.db import store
from wayhome.adapters.profiles import example_path, load_profile, to_data
from wayhome.services import profile_edits, profile_store
from wayhome.services.profile_edits import ProfileEditError

ON = date(2026, 11, 24)


@pytest.fixture
def me(db):
    """The local account with the do-the-math example stored."""
    user = store.local_account()
    profile, _ = load_profile(example_path("do-the-math"))
    store.save_profile(user, to_data(profile))
    return user


def stored(user):
    return store.profile_data(user)


def refused(call, *args, **kwargs) -> list[str]:
    """What the edit says when it refuses; and that nothing was saved."""
    owner = args[0]
    before = stored(owner)
    with pytest.raises(ProfileEditError) as e:
        call(*args, **kwargs)
    assert stored(owner) == before, "a refused edit saved something"
    return e.value.messages


def test_it_sets_the_plan_and_keeps_what_was_not_given(me):
    profile = profile_edits.set_plan(me, return_date=date(2029, 1, 1))
    assert profile.plan.return_date == date(2029, 1, 1)
    assert stored(me)["plan"] == {
        "return_date": "2029-01-01",
        "return_type": "academic",
        "targets": ["XX"],
    }
    profile_edits.set_plan(me, return_type="private", targets=["IN"])
    assert stored(me)["plan"]["targets"] == ["IN"]


def test_a_value_the_schema_refuses_is_named_as_the_page_names_it(me):
    assert refused(profile_edits.set_plan, me, return_type="sabbatical") == [
        "Your plan, kind of post: 'sabbatical' is not one of: 'academic', 'private' or 'public'"
    ]
    assert refused(profile_edits.set_plan, me, targets=["XX-nope"]) == [
        "Your plan, regulators 1: 'XX-nope' is not a jurisdiction code: use a country (IN) "
        "or a regulator (AE-DHA)"
    ]


def test_training_periods_are_added_edited_and_removed(me):
    fellowship = {
        "kind": "fellowship",
        "specialty": "cardiology",
        "country": "US",
        "start": date(2027, 7, 1),
        "end": date(2030, 6, 30),
        "program": "",  # empty: left out
    }
    profile = profile_edits.add_training(me, fellowship)
    assert [t.kind.value for t in profile.training] == ["residency", "fellowship"]
    assert stored(me)["training"][1] == {
        "kind": "fellowship",
        "specialty": "cardiology",
        "country": "US",
        "start": "2027-07-01",
        "end": "2030-06-30",
    }
    profile = profile_edits.edit_training(me, 1, {"end": date(2029, 6, 30)})
    assert profile.training[1].end == date(2029, 6, 30)
    assert profile.training[1].specialty == "cardiology"  # what was not given stays
    profile = profile_edits.remove_training(me, 0)
    assert [t.kind.value for t in profile.training] == ["fellowship"]


def test_an_end_before_the_start_names_the_period_and_its_end_date(me):
    messages = refused(profile_edits.edit_training, me, 0, {"end": date(2024, 1, 31)})
    assert messages == [
        "Training period 1, end date: the residency ends (31 Jan 2024) before it starts "
        "(1 Jul 2024)"
    ]


def test_a_missing_field_and_a_bad_country_are_each_named(me):
    messages = refused(
        profile_edits.add_training, me, {"kind": "residency", "country": "ZZ", "end": ON}
    )
    assert "Training period 2, specialty: is required" in messages
    assert "Training period 2, start date: is required" in messages
    assert any(
        m.startswith("Training period 2, country: 'ZZ' is not an ISO 3166-1") for m in messages
    )


def test_an_entry_that_is_not_there_is_said_so(me):
    assert refused(profile_edits.remove_training, me, 4) == [
        "Training period 5: no such entry (there is 1)"
    ]


def test_work_boards_and_licences(me):
    profile_edits.add_work(
        me, {"role": "attending", "country": "US", "start": date(2027, 7, 1), "end": None}
    )
    profile_edits.edit_work(me, 1, {"specialty": "internal-medicine"})
    profile = profile_edits.remove_work(me, 0)
    assert [(w.role, w.specialty, w.end) for w in profile.work] == [
        ("attending", "internal-medicine", None)
    ]
    profile_edits.add_board(
        me, {"board": "ABIM", "specialty": "cardiology", "certified": date(2030, 11, 1)}
    )
    profile = profile_edits.edit_board(me, 1, {"expires": date(2040, 12, 31)})
    assert profile.board_certifications[1].expires == date(2040, 12, 31)
    assert len(profile_edits.remove_board(me, 0).board_certifications) == 1
    profile = profile_edits.add_licence(me, {"jurisdiction": "US-NY", "number": "123"})
    assert profile.licences[0].number == "123"
    profile = profile_edits.edit_licence(me, 0, {"number": None, "issued": date(2025, 1, 2)})
    assert (profile.licences[0].number, profile.licences[0].issued) == (None, date(2025, 1, 2))
    assert profile_edits.remove_licence(me, 0).licences == []
    assert refused(profile_edits.add_board, me, {"board": "ABIM", "specialty": "Cardiolgy"})[0] == (
        "Board certification 2, specialty: 'Cardiolgy' is not a specialty Wayhome knows: "
        "did you mean Cardiology (cardiology)?"
    )


def test_overlapping_stays_are_refused_with_their_dates_in_words(me):
    messages = refused(
        profile_edits.add_stay, me, {"country": "DE", "start": date(2029, 1, 1), "end": ON}
    )
    assert messages == [
        "Stay 3, end date: the stay ends (24 Nov 2026) before it starts (1 Jan 2029)"
    ]
    messages = refused(
        profile_edits.add_stay,
        me,
        {"country": "DE", "start": date(2029, 1, 1), "end": date(2029, 2, 1)},
    )
    assert len(messages) == 1
    assert "stay 2 (XX, 30 Jun 2028 to 31 Dec 2030) and stay 3 (DE, 1 Jan 2029" in messages[0]
    profile_edits.add_stay(
        me, {"country": "DE", "start": date(2031, 1, 1), "end": date(2031, 2, 1), "planned": True}
    )
    profile = profile_edits.edit_stay(me, 2, {"planned": False})
    assert profile.stays[2].planned is False
    assert len(profile_edits.remove_stay(me, 2).stays) == 2


def test_scenarios_get_an_id_from_their_name_unlike_any_other(me):
    profile = profile_edits.add_scenario(me, {"name": "Three years as a US attending first!"})
    assert profile.scenarios[-1].id == "three-years-as-a-us-attending-first"
    profile = profile_edits.add_scenario(
        me, {"name": "Three years as a US attending first", "attending_years": 3}
    )
    assert profile.scenarios[-1].id == "three-years-as-a-us-attending-first-2"
    profile = profile_edits.edit_scenario(
        me, "three-years-as-a-us-attending-first-2", {"note": "n"}
    )
    assert profile.scenarios[-1].note == "n"
    profile = profile_edits.remove_scenario(me, "three-years-as-a-us-attending-first")
    assert "three-years-as-a-us-attending-first" not in [s.id for s in profile.scenarios]
    assert refused(profile_edits.remove_scenario, me, "nope") == [
        "Scenario: there is no scenario 'nope'"
    ]
    assert refused(profile_edits.add_scenario, me, {"name": "x", "attending_years": 40}) == [
        "Scenario 5, years as a US attending: 40 is too large: it must be 30 at most"
    ]


def test_a_confirmed_rule_is_checked_without_being_saved(me):
    rule = {"jurisdiction": "XX", "rule": "xx-exam-graduation-window", "evidence": "letter"}
    before = stored(me)
    profile_edits.check_confirmed_rule(me, {**rule, "years": 12}, ON)
    with pytest.raises(ProfileEditError, match="Confirmed rule 1, yeers"):
        profile_edits.check_confirmed_rule(me, {**rule, "yeers": 12}, ON)
    assert stored(me) == before


def test_confirmed_rules_are_checked_against_the_packs_before_they_are_saved(me):
    rule = {
        "jurisdiction": "XX",
        "rule": "xx-exam-graduation-window",
        "years": 12,
        "evidence": "email from the council",
    }
    profile = profile_edits.add_confirmed_rule(me, rule, ON)
    assert profile.confirmed_rules[0].values == {"years": 12}
    profile = profile_edits.edit_confirmed_rule(me, 0, {"years": 11}, ON)
    assert profile.confirmed_rules[0].values == {"years": 11}
    messages = refused(profile_edits.add_confirmed_rule, me, {**rule, "yeers": 12}, ON)
    assert any(m.startswith("Confirmed rule 2, yeers:") for m in messages), messages
    messages = refused(profile_edits.add_confirmed_rule, me, {**rule, "rule": "xx-nope"}, ON)
    assert messages[0].startswith("Confirmed rule 2, rule: no rule 'xx-nope' in the XX pack")
    assert profile_edits.remove_confirmed_rule(me, 0).confirmed_rules == []


def test_the_waiver_is_set_and_removed(me):
    profile = profile_edits.set_j1_waiver(
        me, {"route": "conrad-30", "status": "granted", "date": None}
    )
    assert profile.j1_waiver is not None and profile.j1_waiver.route.value == "conrad-30"
    assert profile_edits.set_j1_waiver(me, None).j1_waiver is None
    assert refused(profile_edits.set_j1_waiver, me, {"route": "conrad-30"}) == [
        "J-1 waiver, status: is required"
    ]


def test_money_inputs_are_set_and_removed_for_the_plan_or_a_scenario(me):
    profile_edits.set_money(me, "your-plan", {"home_income": {"currency": "USD", "per_year": "1"}})
    assert stored(me)["money"] == {"home_income": {"currency": "USD", "per_year": "1"}}
    profile_edits.set_money(me, "attending-with-money", {"horizon_years": 5})
    assert stored(me)["scenarios"][2]["money"] == {"horizon_years": 5}
    profile_edits.set_money(me, "attending-with-money", None)
    assert "money" not in stored(me)["scenarios"][2]
    assert refused(profile_edits.set_money, me, "your-plan", {"horizon_years": 0}) == [
        "Money inputs, horizon years: 0 is too small: it must be 1 or more"
    ]
    assert refused(profile_edits.set_money, me, "nope", {"horizon_years": 5}) == [
        "Money inputs: there is no scenario 'nope'"
    ]


def test_the_setups_answers_keep_what_the_setup_does_not_ask(me):
    before = stored(me)
    from wayhome.services import setup

    profile = setup.save_section(
        me,
        {"plan.return_type": "public", "person.name": "Dr. S. Example"},
        date(2026, 11, 24),
    )
    assert profile.person.name == "Dr. S. Example" and profile.person.born == date(1993, 3, 15)
    after = stored(me)
    assert after["id"] == before["id"] and after["scenarios"] == before["scenarios"]
    assert after["plan"]["return_type"] == "public"


def test_an_import_goes_through_the_service_from_both_shells(me, tmp_path):
    profile = profile_store.import_file(me, example_path("cardiology-in"))  # the CLI's call
    assert stored(me) == to_data(profile)
    bad = tmp_path / "bad.yaml"
    bad.write_text("person: {name: x}\nhome_country: ZZ\n")
    with pytest.raises(ProfileEditError) as e:
        profile_store.import_file(me, bad)
    assert str(bad) + ":2 home_country: 'ZZ' is not an ISO 3166-1" in e.value.messages[0]
    assert stored(me) == to_data(profile)
    messages = refused(profile_edits.import_bytes, me, b"\xff\xfe\x00", "mine.yaml")
    assert messages == ["mine.yaml: the file is not UTF-8 text"]


def test_what_the_packs_refuse_is_said_in_words_or_at_its_line_of_a_file(me, tmp_path):
    """One helper (profile_edits.judged) turns the engine's problems into a profile
    edit's error: where it is in words for an edit, at its line for a file."""
    rule = {"jurisdiction": "XX", "rule": "xx-nope", "years": 12, "evidence": "letter"}
    messages = refused(profile_edits.add_confirmed_rule, me, rule, ON)
    assert messages[0].startswith("Confirmed rule 1, rule: no rule 'xx-nope' in the XX pack")
    text = example_path("do-the-math").read_text() + (
        "\nconfirmed_rules:\n  - {jurisdiction: XX, rule: xx-nope, years: 12, evidence: x}\n"
    )
    line = text.count("\n")  # the rule's, the file's last
    said = f"mine.yaml:{line} confirmed_rules[0].rule: no rule 'xx-nope' in"
    path = tmp_path / "mine.yaml"
    path.write_text(text)
    for messages in (
        refused(profile_edits.import_bytes, me, text.encode(), "mine.yaml"),
        refused(profile_edits.import_file, me, path),
    ):
        assert len(messages) == 1 and said in messages[0], messages


def test_the_error_is_what_the_command_line_already_catches():
    from wayhome.adapters.yamlfile import InvalidFileError

    assert issubclass(ProfileEditError, InvalidFileError)


def test_an_example_of_how_to_write_a_date_is_kept_as_written(me):
    """in_words says the profile's dates as "15 Mar 2027", but not the examples of how to
    write one: 'write a date as its pack does, 15 Mar 2027' would be wrong advice."""
    profile, _ = load_profile(example_path("do-the-math"))
    data = to_data(profile)
    data["plan"]["registered"] = [{"exam": "xx-conversion-exam", "sitting": "2027-03-16"}]
    with pytest.raises(ProfileEditError) as e:
        profile_edits.judged(profile_edits.validated(data), ON)
    (message,) = e.value.messages
    assert message.startswith(
        "Your plan, registered 1, sitting: Specialist Conversion Examination (XX) has no "
        "sitting on 16 Mar 2027: the sittings it knows within a year of it are Sep 2026, "
        "15 Mar 2027, 13 Sep 2027 and Mar 2028"
    ), message
    assert message.endswith(
        "(write a date as its pack does, `2027-03-15`, or a month for a sitting known by "
        "month, `2028-09`; `wayhome packs show XX` lists them)"
    ), message
    money = {"home_income": {"currency": "INR", "per_year": 1}}
    (said,) = refused(profile_edits.set_money, me, profile_edits.PLAN_MONEY, money)
    assert "give an exchange_rate such as `{INR_per_USD: 83.1, as_of: 2026-11-01}`" in said
