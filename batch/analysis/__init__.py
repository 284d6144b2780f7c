"""Analysis of finished runs: intervals, lever levels, charts, sensitivity and comparisons.

Modules, one concept each:

* :mod:`~ceasefire.batch.analysis.stats`: the t interval, the Wilson interval and paired
  differences used by every table.
* :mod:`~ceasefire.batch.analysis.levels`: the runs of a sweep grouped by lever levels.
* :mod:`~ceasefire.batch.analysis.summaries`: the numbers of the charts of ``ceasefire plot``.
* :mod:`~ceasefire.batch.analysis.charts`: the charts themselves (matplotlib only).
* :mod:`~ceasefire.batch.analysis.style`: the one colour palette of charts, figures and map.
* :mod:`~ceasefire.batch.analysis.sensitivity`: Sobol' and Morris indices (``ceasefire analyze``).
* :mod:`~ceasefire.batch.analysis.compare`: named scenarios with common seeds (``compare``).
"""
