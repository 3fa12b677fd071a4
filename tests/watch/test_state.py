"""``data/source-state.yaml``: validated like every data file, written only by the tool."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from generator.facts.validate import load_dataset
from generator.facts.source_state import SourceState, SourceStateFile, state_yaml

from ..helpers import problems

HASH = "a" * 64


def test_a_state_file_is_checked_like_the_others_with_its_problems_located(article_dir, monkeypatch):
    monkeypatch.chdir(article_dir.parent)
    record = "  - id: {}\n    url: https://example.org/a\n    checked: 2026-12-04\n"
    found = problems(article_dir, {"source-state.yaml": "sources:\n" + record.format("article")
                                   + "    content_hash: sha256:abc\n"})
    assert found == ["data/source-state.yaml:5:19: sources[0].content_hash: 'sha256:abc' is not a SHA-256 digest "
                     "(64 lowercase hexadecimal digits)"]
    found = problems(article_dir, {"source-state.yaml": "sources:\n" + record.format("article")
                                   + record.format("no-such-source")})
    assert len(found) == 1
    assert found[0].startswith("data/source-state.yaml:5:9: sources[1].id: unknown source 'no-such-source'")


def test_the_written_file_reads_back_sorted_and_loads(article_dir):
    records = [SourceState(id="zeta-source", url="https://example.org/z", checked=dt.date(2026, 12, 4), error="HTTP 503"),
               SourceState(id="article", url="https://example.org/a?q=1&x=2", checked=dt.date(2026, 12, 4),
                           final_url="https://example.org/a_(moved)", content_hash=HASH, changed=dt.date(2026, 12, 1),
                           accepted=dt.date(2026, 11, 29), accepted_hash=HASH)]
    text = state_yaml(records)
    assert text.splitlines()[3:6] == ["sources:", "  - id: article", "    url: https://example.org/a?q=1&x=2"]
    assert SourceStateFile.model_validate(yaml.safe_load(text)).sources == sorted(records, key=lambda r: r.id)
    (article_dir / "source-state.yaml").write_text(state_yaml(records[1:]), encoding="utf-8")
    assert load_dataset(article_dir).vocabularies["source-state.yaml"].sources == records[1:]


def test_a_record_refuses_what_it_cannot_hold():
    with pytest.raises(ValueError, match="is not an http\\(s\\) URL"):
        SourceState(id="a", url="https://example.org/", final_url="ftp://example.org/", checked=dt.date(2026, 12, 4))
