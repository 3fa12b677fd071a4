"""Helpers for tests that mutate a data set and read the located problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.facts.errors import DataError
from generator.pipeline import load


def edit(text: str, old: str, new: str) -> str:
    """``text`` with the single occurrence of ``old`` replaced by ``new``."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def problems(data: Path, files: dict[str, str | bytes | None]) -> list[str]:
    """Write (or delete, for None) ``files`` under ``data``; the formatted problems raised."""
    for name, content in files.items():
        path = data / name
        if content is None:
            path.unlink()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load(data)
    return [str(p) for p in exc.value.problems]


MODEL = "models/veo-3-1.yaml"
"""The model file the validation tests rewrite, relative to the data folder."""
F = "data/models/veo-3-1.yaml"
"""How problems name it (tests run from the data folder's parent)."""


class ModelEdits:
    """A data folder whose Veo 3.1 file is ``text``; edits of single lines report problems."""

    def __init__(self, data: Path, text: str):
        self.data, self.text = data, text
        (data / MODEL).write_text(text, encoding="utf-8")

    def edit(self, old: str, new: str) -> str:
        return edit(self.text, old, new)

    def problems(self, old: str, new: str) -> list[str]:
        return problems(self.data, {MODEL: self.edit(old, new)})


def model_fixture(text: str):
    """A ``data`` fixture: the article fixture with Veo 3.1's file replaced by ``text``."""

    @pytest.fixture
    def data(article_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        monkeypatch.chdir(article_dir.parent)
        ModelEdits(article_dir, text)
        return article_dir

    return data
