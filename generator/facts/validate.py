"""Validate every data file, then the references between them; report all problems at once.

:func:`load_dataset` returns a :class:`~generator.facts.dataset.Dataset` of validated schema
objects or raises :class:`~generator.facts.errors.DataError` listing every problem of every
file as ``path:line:col: field.path: message``.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, Iterable, Iterator

from pydantic import BaseModel, ValidationError

from . import schema as s
from .changelog import CHANGELOG_FILE, ChangesFile
from .dataset import Dataset, DatasetCheck
from .errors import DataError, Problem, display_path
from .load import Document, load_document
from .locate import field_names_at, problem_at, raw_loc
from .partial import partial_model
from .refs import check_references
from .samples import CLIPS_FILE, SAMPLES_FILE, ClipsFile, SamplesFile
from .source_state import STATE_FILE, SourceStateFile

VOCABULARY_FILES: dict[str, type[BaseModel]] = {
    "sources.yaml": s.SourcesFile,
    "vendors.yaml": s.VendorsFile,
    "platforms.yaml": s.PlatformsFile,
    "criteria.yaml": s.CriteriaFile,
    "use_cases.yaml": s.UseCasesFile,
    "comparisons.yaml": s.ComparisonsFile,
}
OPTIONAL_FILES: dict[str, type[BaseModel]] = {
    "decision_guide.yaml": s.DecisionGuideFile,
    CHANGELOG_FILE: ChangesFile,
    SAMPLES_FILE: SamplesFile,
    CLIPS_FILE: ClipsFile,
    STATE_FILE: SourceStateFile,
}
MODELS_DIR = "models"

_MESSAGES = {
    "missing": "required field is missing",
    "decimal_type": "Input should be a valid decimal",
    "bool_type": "Input should be a valid boolean (write true or false)",
}


def _message(err: dict) -> str:
    if err["type"] in ("date_from_datetime_parsing", "date_parsing"):
        return f"Input should be a valid date (YYYY-MM-DD), {err.get('ctx', {}).get('error', 'invalid')}"
    return _MESSAGES.get(err["type"], err["msg"])


def _unknown_field(model: type[BaseModel], err: dict) -> str:
    """``unknown field 'sauce'; did you mean 'source'?``, else the valid names when they are
    few, else where the fields are documented."""
    name, valid = err["loc"][-1], field_names_at(model, err["loc"])
    close = difflib.get_close_matches(str(name), valid, n=3, cutoff=0.6)
    if close:
        return f"unknown field '{name}'; did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    if valid and len(valid) <= 12:
        return f"unknown field '{name}'; valid here: " + ", ".join(valid)
    return f"unknown field '{name}' (check the spelling; see docs/about/editing.md)"


def _schema_problems(doc: Document, model: type[BaseModel], exc: ValidationError) -> Iterator[Problem]:
    for err in exc.errors(include_url=False):
        loc, at_key = raw_loc(doc, err["loc"])
        message = _unknown_field(model, err) if err["type"] == "extra_forbidden" else _message(err)
        yield problem_at(doc, loc, message, at_key=at_key or err["type"] == "extra_forbidden")


def _validate(doc: Document, model: type[BaseModel], problems: list[Problem]) -> Any:
    if not isinstance(doc.data, dict):
        problems.append(problem_at(doc, (), "the file must be a mapping of field names to values"))
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(_schema_problems(doc, model, exc))
        return None


def _load(path: Path, within: Path, problems: list[Problem]) -> Document | None:
    try:
        doc = load_document(path, within)
    except DataError as exc:
        problems.extend(exc.problems)
        return None
    problems.extend(doc.problems)
    return doc


def _vocabularies(data_dir: Path, problems: list[Problem]) -> tuple[dict[str, BaseModel], dict[str, Document]]:
    """The vocabulary and optional files that validate, and the documents of all that parse."""
    vocabularies: dict[str, BaseModel] = {}
    documents: dict[str, Document] = {}
    for name, model in {**VOCABULARY_FILES, **OPTIONAL_FILES}.items():
        path = data_dir / name
        if not (path.exists() or path.is_symlink()):  # a dangling link is read, and says so
            if name in VOCABULARY_FILES:
                problems.append(Problem(display_path(path), 1, 1, "<file>", "required file is missing"))
            continue
        doc = _load(path, data_dir, problems)
        if doc is not None:
            documents[name] = doc
            parsed = _validate(doc, model, problems)
            if parsed is not None:
                vocabularies[name] = parsed
    return vocabularies, documents


def _models(folder: Path, problems: list[Problem]) -> tuple[dict, dict]:
    """``(valid, partial)``: model files by id, and those with schema errors rebuilt from their valid fields."""
    for stray in sorted(folder.rglob("*")):
        if not stray.is_dir() and (stray.suffix != ".yaml" or stray.parent != folder):
            problems.append(Problem(display_path(stray), 1, 1, "<file>",
                                    "not read: model files are models/<id>.yaml (no other extension, no subfolders)"))
    models: dict[str, tuple[Document, s.ModelFile]] = {}
    partial: dict[str, tuple[Document, s.ModelFile, frozenset[str]]] = {}
    for path in sorted(folder.glob("*.yaml")):
        doc = _load(path, folder.parent, problems)
        parsed = _validate(doc, s.ModelFile, problems) if doc else None
        if parsed is not None:
            models[path.stem] = (doc, parsed)
        elif doc is not None and isinstance(doc.data, dict):
            partial[path.stem] = (doc, *partial_model(doc))
    if not models and not any(p.path.endswith(".yaml") and "/models/" in p.path for p in problems):
        problems.append(Problem(display_path(folder), 1, 1, "<file>", "no model files (*.yaml) found"))
    return models, partial


def load_dataset(data_dir: Path, checks: Iterable[DatasetCheck] = ()) -> Dataset:
    """Load and validate ``data_dir``; raise :class:`DataError` listing every problem.

    ``checks`` run with the cross-file checks on files whose rules another package owns
    (the pipeline hands in the clips' checks of samples.yaml and clips.yaml).
    """
    if not data_dir.is_dir():
        raise DataError([Problem(display_path(data_dir), 1, 1, "<file>", "data folder not found")])
    problems: list[Problem] = []
    vocabularies, documents = _vocabularies(data_dir, problems)
    models, partial = _models(data_dir / MODELS_DIR, problems)
    model_ids = frozenset(p.stem for p in (data_dir / MODELS_DIR).glob("*.yaml"))
    dataset = Dataset(vocabularies, models, documents, model_ids, partial)
    problems.extend(check_references(dataset))
    for check in checks:
        problems.extend(check(dataset))
    if problems:
        raise DataError(problems)
    return dataset
