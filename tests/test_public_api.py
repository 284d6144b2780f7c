"""The public API: every name in ``__all__`` resolves, and importing a package is cheap."""

from __future__ import annotations

import subprocess
import sys

import pytest

import ceasefire.batch
import ceasefire.model
import ceasefire.viz

PACKAGES = [ceasefire.model, ceasefire.batch, ceasefire.viz]


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.__name__)
def test_every_public_name_resolves(package) -> None:
    missing = [name for name in package.__all__ if getattr(package, name, None) is None]
    assert not missing
    assert sorted(dir(package)) == sorted(package.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'no_such_thing'"):
        ceasefire.model.no_such_thing  # noqa: B018


def test_the_readme_example_runs() -> None:
    from ceasefire.model import load_scenario, simulate

    scenario = load_scenario("status_quo")
    model = simulate({**scenario.parameters, "map": "coarse"}, 1, 3, scenario.timeline)
    frame = model.datacollector.get_model_vars_dataframe()
    assert frame["step"].tolist() == [1, 2, 3]
    assert (frame["violent_events"] > 0).all()


@pytest.mark.parametrize(
    ("package", "heavy"),
    [
        ("ceasefire.model", "mesa"),
        ("ceasefire.batch", "matplotlib"),
        ("ceasefire.batch", "dask"),
        ("ceasefire.viz", "solara"),
    ],
)
def test_importing_a_package_does_not_import_its_heavy_dependencies(package, heavy) -> None:
    code = f"import sys, {package}; print({heavy!r} in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
