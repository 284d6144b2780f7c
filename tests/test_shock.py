"""The validation's shock: a provincial capital falls at a given week, through the model's path."""

from __future__ import annotations

import pytest

from ceasefire.batch.validation.shock import (
    SHOCK_MEASURES,
    capital_garrisons,
    run_arm,
    shock_differences,
    take_capital,
)
from ceasefire.model.ceasefire_model import CeasefireModel
from ceasefire.model.parameters import ParameterError

CITY = "Kunduz"


def test_the_garrison_is_gone_and_the_taliban_hold_the_cell():
    model = CeasefireModel(map="coarse", rng=1)
    (garrison,) = capital_garrisons(model, CITY)
    coordinate = garrison.cell.coordinate
    assert take_capital(model, CITY) == 1
    assert garrison.cell is None and garrison not in model.agents
    assert model.layers["control"][coordinate] >= model.districts.lost_share(coordinate, "coarse")
    assert model.districts.fall_kind[garrison.district] == "shock"
    assert capital_garrisons(model, CITY) == []


def test_the_talks_see_the_loss_in_the_shock_week():
    shocked, control = CeasefireModel(map="coarse", rng=2), CeasefireModel(map="coarse", rng=2)
    for _ in range(2):
        shocked.step()
        control.step()
    (garrison,) = capital_garrisons(shocked, CITY)
    weight = shocked.negotiation.garrisons[garrison]
    assert weight > 0
    take_capital(shocked, CITY)
    shocked.step()
    control.step()
    # The talks counted the garrison as lost this week (and forgot it); the twin still holds it.
    assert garrison not in shocked.negotiation.garrisons
    assert capital_garrisons(control, CITY)[0] in control.negotiation.garrisons
    week = [m.datacollector.get_model_vars_dataframe().iloc[-1] for m in (shocked, control)]
    assert week[0]["taliban_fall_belief"] != week[1]["taliban_fall_belief"]


def test_weeks_before_the_fall_are_those_of_the_unshocked_run():
    params = {"map": "coarse"}
    shocked, control = run_arm(params, 4, 4, (3, CITY)), run_arm(params, 4, 4, None)
    assert shocked.iloc[:2].equals(control.iloc[:2])
    assert not shocked.iloc[2:].equals(control.iloc[2:])


def test_unknown_city_names_the_cities_in_one_line():
    model = CeasefireModel(map="coarse", rng=1)
    with pytest.raises(ParameterError, match=r"unknown city 'Atlantis': .*Kunduz") as info:
        take_capital(model, "Atlantis")
    assert "\n" not in str(info.value)


def test_differences_have_an_interval_over_replications():
    table = shock_differences({"map": "coarse"}, [5, 6], week=2, city=CITY, after=2)
    assert table["measure"].tolist() == list(SHOCK_MEASURES)
    assert (table["n"] == 2).all()
    assert ((table["mean_low"] <= table["mean"]) & (table["mean"] <= table["mean_high"])).all()
    means = table.set_index("measure")["mean"]
    # A lost city raises both sides' belief that garrisons fall.
    assert means["taliban_fall_belief"] > 0 and means["government_fall_belief"] > 0
