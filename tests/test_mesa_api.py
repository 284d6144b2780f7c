"""The model works with Mesa's own tools: keyword parameters, ``rng``, DataCollector, batch_run."""

from __future__ import annotations

import mesa
import pandas as pd
import pytest

from ceasefire.batch.io.export import as_written, steps_frame
from ceasefire.model import CeasefireModel, ParameterError, simulate
from ceasefire.model.outputs import STEP_COLUMNS


def test_keyword_parameters_equal_the_mapping_form():
    by_keyword = CeasefireModel(map="coarse", fatf_offer=1.0, rng=4)
    by_mapping = CeasefireModel({"map": "coarse", "fatf_offer": 1.0}, seed=4)
    for model in (by_keyword, by_mapping):
        for _ in range(3):
            model.step()
    assert by_keyword.params == by_mapping.params
    assert by_keyword.rows == by_mapping.rows
    assert by_keyword.seed == by_mapping.seed == 4


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"fatf_offer": 2.0}, "parameter 'fatf_offer'"),
        ({"no_such_lever": 1.0}, "no_such_lever"),
        ({"rng": 1, "seed": 1}, "not both"),
        ({"rng": -1}, "seed -1 is not allowed"),
        ({"rng": 2**53}, "is not allowed"),
        ({"rng": 1.5}, "is not allowed"),
        ({"rng": True}, "is not allowed"),
    ],
)
def test_bad_keyword_arguments_are_refused_with_the_registry_errors(kwargs, message):
    with pytest.raises(ParameterError, match=message):
        CeasefireModel(map="coarse", **kwargs)


def test_a_parameter_given_both_ways_is_refused():
    with pytest.raises(ParameterError, match="fatf_offer given twice"):
        CeasefireModel({"fatf_offer": 0.5}, fatf_offer=1.0, map="coarse")


def test_no_seed_draws_one_that_reproduces_the_run():
    first = CeasefireModel(map="coarse")
    second = CeasefireModel(map="coarse", rng=first.seed)
    other = CeasefireModel(map="coarse")
    assert 0 <= first.seed < 2**53 and first.seed != other.seed
    for model in (first, second):
        for _ in range(2):
            model.step()
    assert first.rows == second.rows


def test_datacollector_holds_the_steps_table():
    model = simulate({"map": "coarse"}, 3, 5)
    collected = model.datacollector.get_model_vars_dataframe()
    written = steps_frame(model)  # the same values, rounded to the declared decimals
    rounded = pd.DataFrame([as_written(r, STEP_COLUMNS) for r in model.rows])
    pd.testing.assert_frame_equal(rounded[written.columns], written)
    assert (
        collected[written.columns].to_numpy()
        == pd.DataFrame(model.rows)[written.columns].to_numpy()
    ).all()
    assert list(collected["step"]) == [1, 2, 3, 4, 5]


def test_mesa_batch_run_sweeps_keyword_parameters():
    results = mesa.batch_run(
        CeasefireModel,
        parameters={"fatf_offer": [0.0, 1.0], "map": "coarse"},
        rng=[1],
        max_steps=3,
        display_progress=False,
    )
    frame = pd.DataFrame(results)
    assert sorted(frame["fatf_offer"]) == [0.0, 1.0]
    assert (frame["step"] == 3).all()
    for _, row in frame.iterrows():
        direct = simulate({"map": "coarse", "fatf_offer": row["fatf_offer"]}, 1, 3)
        assert row["fatalities"] == direct.rows[-1]["fatalities"]


def test_the_model_collects_indicators_as_booleans_and_the_writer_writes_0_1():
    model = simulate({"map": "coarse"}, 3, 3)
    collected = model.datacollector.get_model_vars_dataframe()
    indicators = ["ceasefire", "us_review", "us_paid", "us_troops_present", "taliban_takeover"]
    assert all(collected[name].map(type).eq(bool).all() for name in indicators)
    written = steps_frame(model)
    assert all(written[name].isin([0, 1]).all() for name in indicators)
    assert written["us_troops_present"].tolist() == [1, 1, 1]  # before the withdrawal
