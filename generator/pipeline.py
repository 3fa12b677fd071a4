"""The whole flow, in the order of the diagram: load → validate → derive → render → write."""

from __future__ import annotations

from .catalog import Catalog, build_catalog
from .settings import Settings
from .validate import load_dataset


def check(settings: Settings) -> Catalog:
    """Load and validate ``settings.data_dir``; raise DataError listing every problem."""
    return build_catalog(load_dataset(settings.data_dir))
