"""`videoguide diff`: data changes between git revisions and what they change downstream;
the recorded report on the What changed page and in a valid Atom feed."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from generator import commands, pipeline
from generator.facts.history import HOW
from generator.cli import main
from generator.facts.errors import UsageError
from generator.facts.validate import load_dataset
from generator.pages.what_changed import feed_xml

from .conftest import ARTICLE, PRICING, TODAY, copy_project

GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
ATOM = "{http://www.w3.org/2005/Atom}"
CHEAP = ('price_per_second: "0.40", effective_from: 2026-06-01}', 'price_per_second: "0.04", effective_from: 2026-06-01}')
"""A price edited in place (a correction: diff shows it; --record wants --allow-rewrite)."""
CUT = ('price_per_second: "0.40", effective_from: 2026-06-01}',
       'price_per_second: "0.40", effective_from: 2026-06-01, effective_until: 2026-11-01}\n'
       '  - {platform: acme-api, resolution: 720p, audio: true, price_per_second: "0.04", effective_from: 2026-11-01}')
"""The same cut recorded as the editing guide says: a new entry, the old one ended."""


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


@pytest.fixture
def repo(tmp_path: Path):
    settings = copy_project(tmp_path / "project", PRICING)
    _git(settings.project_dir, "init", "-q", "-b", "main")
    _git(settings.project_dir, "add", "mkdocs.yml", "data")
    _git(settings.project_dir, "commit", "-q", "-m", "first")
    return settings


def _edit(settings, old: str, new: str, name: str = "alpha") -> None:
    path = settings.data_dir / "models" / f"{name}.yaml"
    text = path.read_text()
    assert text.count(old) == 1
    path.write_text(text.replace(old, new))


def test_a_price_cut_names_the_changed_verdict_and_winner(repo):
    _edit(repo, *CHEAP)
    text = commands.diff_text(repo, today=TODAY)
    lines = text.splitlines()
    assert lines[0].startswith("Data at HEAD (") and lines[0].endswith(") compared with the working tree, as of 2026-11-29.")
    assert "  Price: Alpha · Acme API · standard · 720p · with audio: $0.40 per second (from 2026-06-01) → $0.04 per second (from 2026-06-01)" in lines
    assert "  Use-case pick: Cheap drafts, recommended: Beta → Alpha" in lines
    assert "  Head-to-head winner: Alpha vs Beta, Lowest price per second: Beta → Alpha" in lines
    _edit(repo, 'price_per_second: "0.60", as_of', 'price_per_second: "0.06", as_of')  # 1080p, as the examples
    lines = commands.diff_text(repo, today=TODAY).splitlines()
    assert ("  Worked example: 8-second video at 1080p, 16:9, with sound, Alpha: $4.80: one 8 s generation on Acme API"
            " → $0.48: one 8 s generation on Acme API" in lines)


def test_lifecycle_and_spec_changes_are_data_changes(repo):
    _edit(repo, "  beta-api: {status: ga}", "  beta-api: {status: deprecated, shutdown: 2027-03-01}", "beta")
    _edit(repo, "  max_clip_seconds: 15", "  max_clip_seconds: 30", "beta")
    lines = commands.diff_text(repo, today=TODAY).splitlines()
    assert "  Lifecycle: Beta on Beta API: Generally available → Deprecated, shutdown 2027-03-01" in lines
    assert "  Spec: Beta, Longest single generation: 15 s → 30 s" in lines
    assert "What that changed downstream (" in "\n".join(lines)


def test_committed_changes_compare_with_the_previous_commit(repo):
    _edit(repo, *CHEAP)
    _git(repo.project_dir, "commit", "-q", "-am", "cut")
    text = commands.diff_text(repo, today=TODAY)
    assert text.startswith("Data at HEAD~1 (")
    assert "$0.40 per second (from 2026-06-01) → $0.04 per second (from 2026-06-01)" in text


def test_no_change_says_so(repo):
    assert commands.diff_text(repo, "HEAD", today=TODAY).splitlines()[1:] == [
        "", "Data changes: none", "", "What that changed downstream: none"]


def test_record_feeds_the_page_and_a_valid_atom_feed(repo):
    _edit(repo, *CUT)
    text = commands.diff_text(repo, record=True, summary="Alpha's API price cut", today=TODAY)
    assert text.endswith(f"Recorded in {repo.data_dir / 'changes.yaml'}.")
    [entry] = load_dataset(repo.data_dir).vocabularies["changes.yaml"].changes
    assert (entry.date.isoformat(), entry.summary, entry.items[0].kind) == ("2026-11-29", "Alpha's API price cut", "price")
    files = pipeline.render_all(repo, TODAY, "https://guide.example/")
    page = files["changes/index.md"]
    assert "## 2026-11-29: Alpha's API price cut { #change-2026-11-29-1 }" in page
    assert "- Use-case pick: Cheap drafts, recommended: Beta → Alpha" in page
    feed = feedparser.parse(files["changes/feed.xml"])
    assert (feed.bozo, feed.version) == (0, "atom10")
    assert feed.entries[0].title == "2026-11-29: Alpha's API price cut"
    assert feed.entries[0].link == "https://guide.example/changes/#change-2026-11-29-1"


def test_feed_has_what_rfc_4287_requires(article_dir):
    from generator.facts.changelog import ChangesFile

    log = ChangesFile.model_validate({"changes": [
        {"date": "2026-10-01", "base": "HEAD", "items": [{"kind": "price", "subject": "A", "before": "$1", "after": "$2"}]},
        {"date": "2026-11-01", "base": "HEAD", "summary": "Later <b>", "items": [{"kind": "spec", "subject": "B"}]},
    ]})
    root = ET.fromstring(feed_xml(log, "https://guide.example", TODAY).encode())
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    assert root.find(f"{ATOM}updated").text.startswith("2026-11-01")
    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    assert titles == ["2026-11-01: Later <b>", "2026-10-01: 1 data change, 0 downstream"]  # newest first, text not markup
    for entry in root.findall(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}id").text.startswith("https://guide.example/changes/#change-2026-1")
        assert entry.find(f"{ATOM}updated") is not None and entry.find(f"{ATOM}link").get("href")


def test_bad_revision_and_no_repository_are_usage_errors(repo, tmp_path, capsys, monkeypatch):
    with pytest.raises(UsageError, match="no commit .no-such-branch. in this repository"):
        commands.diff_text(repo, "no-such-branch", today=TODAY)
    elsewhere = copy_project(tmp_path / "plain", ARTICLE)
    monkeypatch.chdir(elsewhere.project_dir)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert main(["diff"]) == 2
    assert capsys.readouterr().err == (f"videoguide: error: {elsewhere.project_dir} is not in a git repository; "
                                       "`videoguide diff` compares the data with a committed revision (git init, "
                                       "then commit the data)\n")
    assert main(["diff", "--summary", "x"]) == 2


@pytest.mark.parametrize("layout", ["changes: []\n", "# mine\nchanges:\n", None], ids=["empty-list", "header-only", "none"])
def test_record_writes_a_valid_file_from_any_starting_layout(repo, layout):
    path = repo.data_dir / "changes.yaml"
    if layout is not None:
        path.write_text(layout)
    _edit(repo, *CUT)
    commands.diff_text(repo, record=True, today=TODAY)
    [entry] = load_dataset(repo.data_dir).vocabularies["changes.yaml"].changes
    assert entry.items[0].subject == "Alpha · Acme API · standard · 720p · with audio"


def test_recording_again_before_a_commit_replaces_the_entry(repo):
    _edit(repo, *CUT)
    assert commands.diff_text(repo, record=True, summary="Cut", today=TODAY).endswith("changes.yaml.")
    assert commands.diff_text(repo, record=True, today=TODAY).endswith("Already recorded on 2026-11-29; nothing was written.")
    _edit(repo, '"0.04", effective_from: 2026-11-01}', '"0.05", effective_from: 2026-11-01}')
    text = commands.diff_text(repo, record=True, today=TODAY)
    assert "Replaced the entry of 2026-11-29 against" in text
    [entry] = load_dataset(repo.data_dir).vocabularies["changes.yaml"].changes
    assert (entry.summary, entry.items[0].after) == ("Cut", "$0.05 per second (from 2026-11-01)")


@pytest.mark.parametrize("summary", ["   ", "two\nlines"], ids=["blank", "multi-line"])
def test_a_bad_summary_writes_nothing(repo, summary):
    _edit(repo, *CUT)
    with pytest.raises(UsageError, match="cannot record this report: summary"):
        commands.diff_text(repo, record=True, summary=summary, today=TODAY)
    assert not (repo.data_dir / "changes.yaml").exists()


def test_a_scheduled_price_and_a_corrected_date_are_changes(repo):
    _edit(repo, '  - {platform: acme-app,', '  - {platform: resell, resolution: 1080p, audio: true, price_per_second: "0.50",'
          ' effective_from: 2027-02-01}\n  - {platform: acme-app,')
    _edit(repo, "effective_from: 2026-06-01}", "effective_from: 2026-05-15}")
    lines = commands.diff_text(repo, today=TODAY).splitlines()
    assert ("  Price: Alpha · Resell · standard · 1080p · with audio, 2027-02-01 (scheduled): — → $0.50 per second"
            in lines)
    assert ("  Price: Alpha · Acme API · standard · 720p · with audio: $0.40 per second (from 2026-06-01) →"
            " $0.40 per second (from 2026-05-15)") in lines


REWRITE = ("alpha.yaml:21:5: offers[1]: the price acme-api, text to video, standard, 720p, with audio, effective from "
           "2026-06-01 was edited in place: price_per_second 0.40 at HEAD, now price_per_second 0.04, and the old "
           "amount is gone from the history; record a new price as a new entry (effective_from: the day it took "
           "effect) and end the old one with effective_until; for the correction of a wrong value, diff --record "
           "--allow-rewrite")


def test_a_price_edited_in_place_is_shown_and_not_recorded_without_allow_rewrite(repo, monkeypatch, capsys):
    monkeypatch.chdir(repo.project_dir)
    _edit(repo, *CHEAP)
    text = commands.diff_text(repo, today=TODAY)
    assert text.endswith(f"Price history rewritten (1):\n  data/models/{REWRITE}")
    before = {p: p.read_bytes() for p in sorted(repo.data_dir.rglob("*")) if p.is_file()}
    assert main(["diff", "--record"]) == 1
    assert capsys.readouterr().err == f"data/models/{REWRITE}\n1 problem(s) found; nothing was written.\n"
    assert {p: p.read_bytes() for p in sorted(repo.data_dir.rglob("*")) if p.is_file()} == before
    assert main(["diff", "--record", "--allow-rewrite", "--summary", "Corrected Alpha's API price"]) == 0
    [entry] = load_dataset(repo.data_dir).vocabularies["changes.yaml"].changes
    assert entry.summary == "Corrected Alpha's API price"


def test_a_price_recorded_as_a_new_entry_is_no_rewrite(repo):
    _edit(repo, *CUT)
    assert "Price history rewritten" not in commands.diff_text(repo, today=TODAY)


def test_a_removed_price_entry_is_gone_from_the_history(repo):
    _edit(repo, '  - {platform: acme-api, resolution: 720p, audio: true, price_per_second: "0.40", effective_from: 2026-06-01}\n', "")
    text = commands.diff_text(repo, today=TODAY)
    [line] = [x for x in text.splitlines() if "gone from the history" in x]
    assert line.endswith("offers: the price acme-api, text to video, standard, 720p, with audio, effective from "
                         "2026-06-01 (price_per_second 0.40) at HEAD is gone from the history (removed, or its "
                         "effective_from changed); record a new price as a new entry (effective_from: the day it "
                         "took effect) and end the old one with effective_until; for the correction of a wrong value, "
                         "diff --record --allow-rewrite")


def test_allow_rewrite_needs_record(repo, monkeypatch, capsys):
    monkeypatch.chdir(repo.project_dir)
    assert main(["diff", "--allow-rewrite"]) == 2
    assert capsys.readouterr().err == "videoguide: error: --allow-rewrite needs --record\n"


def test_a_data_folder_outside_the_repository_is_a_usage_error(repo, tmp_path, monkeypatch, capsys):
    import shutil

    elsewhere = tmp_path / "elsewhere" / "data"
    shutil.copytree(repo.data_dir, elsewhere)
    monkeypatch.chdir(repo.project_dir)
    assert main(["diff", "HEAD", "--data", str(elsewhere)]) == 2
    assert capsys.readouterr().err == (f"videoguide: error: the data folder {elsewhere.resolve()} is not in the git "
                                       f"repository {repo.project_dir.resolve()}; `videoguide diff` compares data that "
                                       "git tracks\n")


def test_a_committed_link_out_of_the_data_is_a_usage_error(repo, monkeypatch, capsys):
    link = repo.data_dir / "models" / "z.yaml"
    link.symlink_to("/dev/zero")
    _git(repo.project_dir, "add", "data")
    _git(repo.project_dir, "commit", "-q", "-m", "a link")
    link.unlink()
    monkeypatch.chdir(repo.project_dir)
    assert main(["diff", "HEAD"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("videoguide: error: the data at HEAD cannot be read safely: ") and "z.yaml" in err, err
    assert err.endswith("; compare with a later revision\n") and "Traceback" not in err


def test_an_end_date_moved_on_an_old_price_is_a_rewrite(repo):
    """Moving effective_until brings an ended price back for the days in between."""
    _edit(repo, *CUT)
    _git(repo.project_dir, "commit", "-qam", "a cut, recorded properly")
    _edit(repo, "effective_until: 2026-11-01}", "effective_until: 2026-11-20}")
    [line] = [x for x in commands.diff_text(repo, today=TODAY).splitlines() if "effective_until was" in x]
    assert line.endswith("offers[1]: the price acme-api, text to video, standard, 720p, with audio, effective from "
                         "2026-06-01 ended on 2026-11-01 at HEAD; its effective_until was moved to 2026-11-20, which "
                         f"changes the days the old price held; {HOW}")


def test_ending_an_old_price_is_no_rewrite(repo):
    _edit(repo, *CUT)
    assert "Price history rewritten" not in commands.diff_text(repo, today=TODAY)
