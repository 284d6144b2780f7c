"""Validation of the model (``ceasefire validate``, ``ceasefire ablate``).

* :mod:`~ceasefire.batch.validation.patterns`: the real-world patterns and their checks.
* :mod:`~ceasefire.batch.validation.contrasts`: lever responses with paired seeds.
* :mod:`~ceasefire.batch.validation.ablation`: which mechanisms carry the results.
* :mod:`~ceasefire.batch.validation.figures`: the figures of the report.
* :mod:`~ceasefire.batch.validation.report`: the text of ``docs/validation.md``.
* :mod:`~ceasefire.batch.validation.run`: running everything and writing the report.
"""
