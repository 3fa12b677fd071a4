"""``data/source-state.yaml``: validated like every data file, written only by the tool."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from generator.facts.validate import load_dataset
from generator.pipeline import load
from generator.facts.schema import Source
from generator.facts.source_state import SourceState, SourceStateFile, current_states, state_yaml

from ..helpers import problems

HASH = "a" * 64


def test_a_state_file_is_checked_like_the_others_with_its_problems_located(article_dir, monkeypatch):
    monkeypatch.chdir(article_dir.parent)
    record = "  - id: {}\n    url: https://example.org/a\n    checked: 2026-12-04\n"
    found = problems(article_dir, {"source-state.yaml": "sources:\n" + record.format("article")
                                   + "    content_hash: sha256:abc\n"})
    assert found == ["data/source-state.yaml:5:19: sources[0].content_hash: 'sha256:abc' is not a SHA-256 digest "
                     "(64 lowercase hexadecimal digits)"]
    # a record of a source renamed or removed since is no problem: it is ignored, then dropped
    (article_dir / "source-state.yaml").write_text("sources:\n" + record.format("article")
                                                   + record.format("no-such-source"), encoding="utf-8")
    assert load(article_dir).vocabularies["source-state.yaml"].sources[1].id == "no-such-source"  # all checks


def test_a_renamed_source_keeps_its_record_and_a_removed_one_is_ignored():
    day = dt.date(2026, 12, 4)
    old = [SourceState(id="old-name", url="https://example.org/a", checked=day, content_hash=HASH, accepted_hash=HASH),
           SourceState(id="gone-source", url="https://example.org/g", checked=day),
           SourceState(id="kept", url="https://example.org/k", checked=day)]
    sources = [Source(id="new-name", title="A", kind="vendor", accessed=day, url="https://example.org/a"),
               Source(id="kept", title="K", kind="vendor", accessed=day, url="https://example.org/k"),
               Source(id="other", title="O", kind="vendor", accessed=day, url="https://example.org/g2")]
    states = current_states(old, sources)
    assert sorted(states) == ["kept", "new-name"]
    assert states["new-name"] == old[0].model_copy(update={"id": "new-name"}) and states["kept"] == old[2]


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
