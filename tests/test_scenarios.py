"""Policy timelines and scenario files (without running the model)."""

from __future__ import annotations

import pytest

from ceasefire.model import AUTO, ParameterError, PolicyTimeline, load_scenario, presets


def test_timeline_sorted_by_week():
    timeline = PolicyTimeline.from_entries(
        [
            {"week": 9, "set": {"sst_threat": 0.3, "csf_release": "0.5"}},
            {"week": 3, "set": {"fatf_offer": 1, "pakistan_pressure": "auto"}},
        ]
    )
    assert [c.week for c in timeline.changes] == [3, 9]
    assert timeline.changes_at(3) == {"fatf_offer": 1.0, "pakistan_pressure": AUTO}
    assert timeline.changes_at(9) == {"sst_threat": 0.3, "csf_release": 0.5}
    assert timeline.changes_at(4) == {}
    assert timeline.as_records()[0] == {
        "week": 3,
        "set": {"fatf_offer": 1.0, "pakistan_pressure": AUTO},
    }


def test_two_entries_for_one_week_are_refused():
    """A second entry for a week would silently override the first (last wins): refused."""
    entries = [
        {"week": 9, "set": {"sst_threat": 0.2}},
        {"week": 3, "set": {"fatf_offer": 1}},
        {"week": 9, "set": {"sst_threat": 0.3}},
    ]
    with pytest.raises(ParameterError, match="timeline entry 3: week 9 has an earlier entry"):
        PolicyTimeline.from_entries(entries)


def test_changes_after_the_last_week_are_refused(tmp_path):
    path = tmp_path / "late.toml"
    path.write_text("[[timeline]]\nweek = 60\nset = { sst_threat = 0.4, fatf_offer = 1 }\n")
    scenario = load_scenario(str(path))
    scenario.check_steps(60)  # applied at the start of the last week
    with pytest.raises(ParameterError) as error:
        scenario.check_steps(59)
    message = str(error.value)
    for fragment in ("scenario 'late'", "sst_threat, fatf_offer", "week 60", "59 weeks"):
        assert fragment in message, message
    assert "\n" not in message


def test_scenarios_know_where_they_come_from(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('name = "status_quo"\n')
    assert load_scenario(str(path)).origin == f"file {path}"
    assert presets()["status_quo"].origin == "preset status_quo"


def test_empty_timeline():
    assert PolicyTimeline().changes_at(1) == {}
    assert PolicyTimeline.from_entries([]).as_records() == []


@pytest.mark.parametrize(
    ("entry", "fragment"),
    [
        ({"week": 0, "set": {"fatf_offer": 1}}, "'week' must be an integer >= 1"),
        ({"week": True, "set": {"fatf_offer": 1}}, "'week' must be an integer >= 1"),
        ({"week": 2.0, "set": {"fatf_offer": 1}}, "'week' must be an integer >= 1"),
        ({"set": {"fatf_offer": 1}}, "'week' must be an integer >= 1"),
        ({"week": 2}, "'set' must be a non-empty table"),
        ({"week": 2, "set": {}}, "'set' must be a non-empty table"),
        ({"week": 2, "set": 0.5}, "'set' must be a non-empty table"),
        ({"week": 2, "set": {"fatf_offer": 1}, "at": 3}, "unknown key(s)"),
        ({"week": 2, "set": {"map": "coarse"}}, "cannot change in a policy timeline"),
        ({"week": 2, "set": {"lethality": 2}}, "cannot change in a policy timeline"),
        ({"week": 2, "set": {"fatf_offer": 3}}, "parameter 'fatf_offer'"),
        ({"week": 2, "set": {"nope": 3}}, "unknown parameter 'nope'"),
    ],
)
def test_timeline_entry_errors(entry, fragment):
    with pytest.raises(ParameterError) as error:
        PolicyTimeline.from_entries([{"week": 1, "set": {"fatf_offer": 0.1}}, entry])
    assert fragment in str(error.value)
    if "timeline entry" in str(error.value):
        assert "timeline entry 2" in str(error.value)


def test_user_file_inherits_base_preset(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        'base = "stay"\n[parameters]\nfatf_offer = 0.3\n'
        "[[timeline]]\nweek = 30\nset = { withdrawal_week = 40 }\n"
    )
    scenario = load_scenario(str(path))
    assert scenario.name == "mine"  # the file's stem when it has no name
    assert scenario.parameters == {"withdrawal_week": None, "fatf_offer": 0.3}
    assert scenario.description == presets()["stay"].description
    assert scenario.timeline.changes_at(30) == {"withdrawal_week": 40}
    assert scenario.steps is None


def test_user_file_without_base_uses_defaults_only(tmp_path):
    path = tmp_path / "plain.toml"
    path.write_text('name = "plain"\nsteps = 12\n')
    scenario = load_scenario(str(path))
    assert scenario.parameters == {}
    assert scenario.steps == 12
    assert scenario.timeline.changes == ()


def test_presets_have_descriptions_and_validated_values():
    for name, scenario in presets().items():
        assert scenario.name == name
        assert scenario.description
        for key, value in scenario.parameters.items():
            # validated at load time: numbers are floats/ints, 'none' became None
            assert not isinstance(value, str) or value in ("coarse", "fine", AUTO), (name, key)


def test_a_run_record_given_as_scenario_says_what_to_pass(tmp_path, capsys):
    from ceasefire.batch import main

    record = tmp_path / "run.json"
    record.write_text('{"seed": 7, "steps": 17, "scenario": "status_quo"}')
    assert main(["run", "--scenario", str(record), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is the record of a run, not a scenario" in err
    assert "--scenario SCENARIO.toml --seed 7 --steps 17" in err
    assert not (tmp_path / "out").exists()
