"""The Ceasefire model: the Model class, its parameters, scenarios, map and submodels.

The public API::

    from ceasefire.model import CeasefireModel, simulate, load_scenario

    scenario = load_scenario("conditional_engagement")
    model = simulate(scenario.parameters, seed=1, steps=52, timeline=scenario.timeline)
    model.datacollector.get_model_vars_dataframe()

Everything named in ``__all__`` is imported from here; the submodules are the implementation
(each mechanism in a module named for it: ``movement``, ``leadership``, ``pakistan``, ...).
"""

from __future__ import annotations

from ceasefire.model.exports import lazy_exports

_HOMES = {
    "CeasefireModel": "ceasefire_model",
    "simulate": "simulation",
    "PARAMETERS": "parameters",
    "LEVERS": "parameters",
    "AUTO": "parameters",
    "Parameter": "parameters",
    "ParameterError": "parameters",
    "parse_seed": "parameters",
    "resolve": "parameters",
    "Scenario": "scenarios",
    "DEFAULT_STEPS": "scenarios",
    "load_scenario": "scenarios",
    "presets": "scenarios",
    "scenario_model": "scenarios",
    "PolicyTimeline": "timeline",
    "MECHANISMS": "mechanisms",
    "PRESSURE_CHAIN": "mechanisms",
    "STEP_REPORTERS": "observe",
    "SUMMARY_REPORTERS": "observe",
    "run_summary": "observe",
}

__all__ = sorted(_HOMES)
__getattr__, __dir__ = lazy_exports(__name__, _HOMES)
