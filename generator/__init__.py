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

from .facts.catalog import Catalog
from .facts.errors import DataError, GuideError, Problem
from .pipeline import build, check, generate
from .settings import Settings
from .site.engine import BuildError
from .site.write import WriteError

__all__ = [
    "BuildError", "Catalog", "DataError", "GuideError", "Problem", "Settings", "WriteError",
    "build", "check", "generate",
]
