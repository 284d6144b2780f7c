"""Spatial agents of the Ceasefire model."""

from ceasefire.agents.afghan_force import AfghanForce, Post
from ceasefire.agents.civilian_community import CivilianCommunity
from ceasefire.agents.sanctuary import Sanctuary
from ceasefire.agents.taliban_unit import Mode, TalibanUnit

__all__ = ["AfghanForce", "CivilianCommunity", "Mode", "Post", "Sanctuary", "TalibanUnit"]
