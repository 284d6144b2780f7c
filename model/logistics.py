"""Contractors, the Afghan Air Force and ground logistics (``docs/ODD.md`` 7.19).

The ANDSF's aircraft and vehicles were maintained by US contractors, who left with the troops;
SIGAR (2022) found that their departure "had an immediate detrimental effect" on the Afghan Air
Force and on logistics. Contractor presence follows the US drawdown; the Air Force's readiness
follows contractor presence with a lag of weeks (aircraft wear out, they do not vanish); ground
logistics keep a floor without contract maintenance. The contractors leave with the retrograde,
which ran weeks ahead of the last US soldier. Switch ``contractor_logistics`` off and
contractors, the Air Force and logistics stay at full strength.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

AIR_FORCE_FULL = 0.25
"""Afghan Air Force strike and lift capacity at full readiness, relative to full US air support
(range 0.15-0.35; the AAF's ~160 aircraft against the US air campaign, assumed)."""
READINESS_LAG_WEEKS = 8.0
"""Weeks over which the Air Force's readiness follows contractor presence (range 4-16; SIGAR's
January 2021 report: the AAF "remained heavily dependent on contractors"; assumed)."""
RETROGRADE_LEAD_WEEKS = 7
"""Weeks by which the retrograde of troops, equipment and contractors ran ahead of the last US
week: it began on 1 May 2021 (week 12) and was "more than 90 percent" complete on 6 July
(week 21) and 95 % on 13 July (CENTCOM), while the last flight left on 30 August (week 29) and US
aircraft struck from over the horizon until then."""
GROUND_FLOOR = 0.4
"""Ground logistics without contract maintenance, relative to full (range 0.2-0.7; SIGAR 2022,
vehicles without maintenance; assumed)."""


class Logistics:
    """Contractor presence, Air Force readiness and ground logistics, 0 to 1 each.

    Attributes:
        contractors: share of the contractors still in the country.
        readiness: the Afghan Air Force's readiness (1 at full contractor support).
    """

    def __init__(self, model: CeasefireModel) -> None:
        self.model = model
        self.contractors = 1.0
        self.readiness = 1.0

    def update(self, week: int) -> None:
        """Contractors leave with the troops; readiness follows them with a lag."""
        if self.model.params["mechanisms.contractor_logistics"]:
            self.contractors = self.model.us.presence_at(week + RETROGRADE_LEAD_WEEKS)
        self.readiness += (self.contractors - self.readiness) / READINESS_LAG_WEEKS

    @property
    def air_force(self) -> float:
        """The Afghan Air Force's capacity relative to full US air support."""
        return AIR_FORCE_FULL * self.readiness

    @property
    def ground(self) -> float:
        """Ground logistics (convoys, vehicles), relative to full."""
        return GROUND_FLOOR + (1.0 - GROUND_FLOOR) * self.contractors
