"""The validated files of one data folder, before their claims are resolved."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from pydantic import BaseModel

from .errors import Problem
from .load import Document
from .schema import ModelFile


@dataclass(frozen=True)
class Dataset:
    """Validated files: the vocabularies by file name and the models by id, with documents."""

    vocabularies: dict[str, BaseModel]
    models: dict[str, tuple[Document, ModelFile]]
    documents: dict[str, Document]
    model_ids: frozenset[str] = frozenset()
    """Stems of every model file, valid or not: references to a broken file still resolve."""
    partial: dict[str, tuple[Document, ModelFile, frozenset[str]]] = field(default_factory=dict)
    """Model files with schema errors: rebuilt from their valid fields, with the names of the
    invalid ones, so their references are still checked in the same run."""


DatasetCheck = Callable[[Dataset], Iterable[Problem]]
"""A check of files beyond their schema, run with the cross-file checks (the clips' checks of
``samples.yaml`` and ``clips.yaml`` are one, handed in by the pipeline)."""
