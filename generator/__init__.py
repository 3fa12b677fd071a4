"""Video Model Guide generator: sourced YAML facts → validated Catalog → pages → MkDocs site.

Public API (the ``videoguide`` command is a thin layer over these):

* :func:`check` — load and validate a data folder into a :class:`Catalog`;
* :func:`generate` — write the generated pages into a docs folder;
* :func:`build` — generate and build the site with ``mkdocs build --strict``, atomically;
* :class:`Settings` — where data, docs and site live;
* :class:`DataError` (with ``problems``), :class:`BuildError`, :class:`WriteError`,
  :class:`GuideError` — what they raise.

The packages follow the flow: :mod:`.facts` (read and check the data) → :mod:`.answers`
(derive) → :mod:`.pages` (what readers see) and :mod:`.site` (write, build, serve) →
:mod:`.clips` (sample clips); :mod:`.pipeline`, :mod:`.commands` and :mod:`.cli` wire them.
"""

from importlib import import_module
from typing import Any

_HOMES = {
    "Catalog": "facts.catalog", "DataError": "facts.errors", "GuideError": "facts.errors",
    "Problem": "facts.errors", "Settings": "settings", "BuildError": "site.engine", "WriteError": "site.write",
    "build": "pipeline", "check": "pipeline", "generate": "pipeline",
}
"""Public name → the module that defines it. They are imported when first used, so that
importing one package (``generator.facts``, say) does not load every other one."""
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
