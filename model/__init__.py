"""The Ceasefire model: the Model class, parameters, map, state-level actors and submodels."""
