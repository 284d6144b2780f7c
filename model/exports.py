"""Lazy re-exports for the packages' public APIs (PEP 562), so that importing a package is cheap.

``ceasefire.model``, ``ceasefire.batch`` and ``ceasefire.viz`` each name their public objects
in ``__all__`` and where each lives; the module defining an object is imported the first time
the object is used (importing ``ceasefire.batch`` does not start matplotlib or Dask, and
importing ``ceasefire.viz`` does not start Solara, until they are needed).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str, homes: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a package that re-exports ``homes`` lazily.

    Args:
        package: the package's ``__name__`` (for the error message).
        homes: each public name and the module (relative to the package) that defines it.

    Returns:
        The module-level ``__getattr__`` and ``__dir__`` functions for the package.
    """

    def __getattr__(name: str) -> Any:
        if name not in homes:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{homes[name]}"), name)

    def __dir__() -> list[str]:
        return sorted(homes)

    return __getattr__, __dir__
