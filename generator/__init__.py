"""Video Model Guide generator: sourced YAML facts → validated Catalog → pages → MkDocs site.

Public API (the ``videoguide`` command is a thin layer over these):

* :func:`check` — load and validate a data folder into a :class:`Catalog`;
* :func:`generate` — write the generated pages into a docs folder;
* :func:`build` — generate and build the site with ``mkdocs build --strict``, atomically;
* :class:`Settings` — where data, docs and site live;
* :class:`DataError` (with ``problems``), :class:`BuildError`, :class:`WriteError`,
  :class:`GuideError` — what they raise.
"""

from .facts.catalog import Catalog
from .facts.errors import BuildError, DataError, GuideError, Problem, WriteError
from .pipeline import build, check, generate
from .settings import Settings

__all__ = [
    "BuildError", "Catalog", "DataError", "GuideError", "Problem", "Settings", "WriteError",
    "build", "check", "generate",
]
