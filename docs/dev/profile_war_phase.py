"""Profile weeks 1-26 of the status quo on the default map with pyinstrument.

The profile of ``docs/performance.md``: ``.venv/bin/python docs/dev/profile_war_phase.py``
(needs ``pip install pyinstrument``, a development tool, not a dependency of the package).
"""

from __future__ import annotations

import time

from pyinstrument import Profiler

from ceasefire.model.scenarios import load_scenario, scenario_model
from ceasefire.model.targets import target_kernel

WEEKS = 26
SEED = 1

target_kernel("fine")  # cached: part of building the first model, not of a week
model = scenario_model(load_scenario("status_quo"), seed=SEED)
profiler = Profiler(interval=0.0005)
cpu = time.process_time()
profiler.start()
for _ in range(WEEKS):
    model.step()
profiler.stop()
print(f"CPU time of weeks 1-{WEEKS}: {time.process_time() - cpu:.2f} s")
print(profiler.output_text(unicode=False, color=False))
