"""Running the model in batches and writing, reading and analysing its outputs.

The public API (each name imported lazily from the subpackage that defines it)::

    from ceasefire.batch import SweepSpec, run_sweep, read_table

Subpackages, in the order of their layers: ``io`` (files, the table registry, the codebook),
``sweep`` (specs, designs, tasks, executors, streaming), ``analysis`` (statistics, charts,
sensitivity, comparison), ``validation`` (patterns, contrasts, ablation, report) and ``cli``
(the ``ceasefire`` command).
"""

from __future__ import annotations

from ceasefire.model.exports import lazy_exports

_HOMES = {
    "main": "cli.main",
    "CATALOGUE": "cli.catalogue",
    "Table": "io.tables",
    "read_table": "cli.catalogue",
    "write_run": "io.export",
    "SweepSpec": "sweep.spec",
    "build_spec": "sweep.spec",
    "read_spec_file": "sweep.spec",
    "Design": "sweep.designs",
    "build_design": "sweep.designs",
    "run_sweep": "sweep.engine",
    "plot_sweep": "analysis.charts",
    "analyze": "analysis.sensitivity",
    "Comparison": "analysis.compare",
    "run_comparison": "analysis.compare",
    "Settings": "validation.run",
    "validate": "validation.run",
    "Ablation": "validation.ablation",
    "run_ablation": "validation.ablation",
}

__all__ = sorted(_HOMES)
__getattr__, __dir__ = lazy_exports(__name__, _HOMES)
