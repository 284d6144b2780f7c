"""The colours of every chart, figure and map: one Okabe-Ito palette, named by what it shows.

The eight colours of Okabe and Ito (2008) stay distinguishable with the common forms of colour
blindness. Charts, the validation figures and the dashboard take their colours from here by
meaning (``TALIBAN``, ``FATALITIES``, ``REFERENCE``, ...), never as literals, so one thing has
one colour everywhere. Greys are for what is not data (missing values, outlines, zero lines).
Ordered levels use the :data:`SEQUENTIAL` colour map instead (viridis: perceptually uniform and
readable in grey scale).
"""

from __future__ import annotations

# --- The palette (Okabe and Ito 2008) --------------------------------------------------------
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
BLACK = "#000000"

DARK_GREY = "#555555"
MID_GREY = "#777777"
LIGHT_GREY = "#999999"
PALE_GREY = "#EEEEEE"
WHITE = "#FFFFFF"

CATEGORIES: tuple[str, ...] = (
    ORANGE,
    SKY_BLUE,
    BLUISH_GREEN,
    BLUE,
    VERMILLION,
    REDDISH_PURPLE,
    YELLOW,
    BLACK,
)
"""Unordered categories (the levels of a text lever), in this order."""
SCENARIOS: tuple[str, ...] = (
    BLUE,
    VERMILLION,
    BLUISH_GREEN,
    REDDISH_PURPLE,
    ORANGE,
    SKY_BLUE,
    BLACK,
)
"""Scenarios of a comparison, in order: the first (the baseline) is blue."""
SEQUENTIAL = "viridis"
"""Colour map of ordered levels (numeric lever values, quantile bins)."""

# --- Actors (the map) ------------------------------------------------------------------------
TALIBAN = VERMILLION
"""Taliban units."""
GOVERNMENT = BLUE
"""Afghan government forces."""
SANCTUARY = BLUISH_GREEN
"""Sanctuaries in Pakistan."""
CIVILIANS = REDDISH_PURPLE
"""Civilian density."""
OUTLINE = BLACK
"""Borders, the Durand Line, cities and marker edges."""
PROVINCE_OUTLINE = MID_GREY
"""Province boundaries."""
NO_DATA = PALE_GREY
"""Background where there is nothing to show (outside the map, an empty heat-map cell)."""
OUTLINE_ON_DATA = WHITE
"""Boundaries drawn over a colour map of model output."""
TEXT_ON_DARK = WHITE
"""Numbers written on a dark cell of a heat map."""
TEXT_ON_LIGHT = BLACK
"""Numbers written on a light cell of a heat map."""

# --- Outputs ---------------------------------------------------------------------------------
FATALITIES = VERMILLION
"""Weekly fatalities (the violence, in the Taliban's colour)."""
NEGOTIATION = BLUE
"""Negotiation progress."""
CIVILIAN_CASUALTIES = ORANGE
"""Civilian casualties (killed and injured)."""
CEASEFIRE_WEEKS = SKY_BLUE
"""Shading of the weeks of a cease-fire."""
SIMULATED = BLUE
"""A model output drawn in one colour: all runs of a sweep, the simulated side of a check."""
SHARE = VERMILLION
"""A share of runs (with its Wilson interval) drawn beside means in :data:`SIMULATED`."""
REFERENCE = VERMILLION
"""What the model is compared with: a real-world value, a fitted law, the Durand Line on a map
of model output."""
TARGET = DARK_GREY
"""A target drawn beside :data:`REFERENCE` (dashed), and shaded periods such as winter."""
MISSING = LIGHT_GREY
"""An empty parameter value (``auto`` pressure, no withdrawal week)."""
TRACE = MID_GREY
"""The path of one run through (progress, fatalities)."""
BAND_KEY = MID_GREY
"""Legend key of bands that are drawn in the colour of each level."""
MEAN_MARKER = BLACK
"""Edge and error bars of the marker of a mean (filled with the level's colour)."""

# --- Comparisons and verdicts ----------------------------------------------------------------
BASELINE = MID_GREY
"""The baseline (A) of the dashboard's replications."""
SESSION = BLUE
"""The session's own replications (B)."""
DIFFERENCE = BLUE
"""A paired difference B - A."""
DIFFERENCE_BAND = SKY_BLUE
"""The 95% interval around :data:`DIFFERENCE`."""
AS_EXPECTED = BLUISH_GREEN
"""An effect whose interval excludes zero on the expected side."""
OPPOSITE = VERMILLION
"""An effect whose interval excludes zero on the other side."""
UNCLEAR = DARK_GREY
"""An effect without a clear sign, and the error bars of effects."""
ZERO_LINE = BLACK
"""The line at zero of an effect or index axis."""
NOTE = DARK_GREY
"""Text that explains an empty panel."""
