"""The writer: atomic, idempotent, removes stale generated files, never touches hand-written ones."""

from __future__ import annotations

import json
import os
import stat

import pytest

from generator.site.write import MANIFEST, WriteError, replace_dir, write_outputs


def test_writes_only_changed_files_and_records_them(tmp_path):
    first = write_outputs(tmp_path, {"models/a.md": "A", "index.md": "home"})
    assert first.written == ["index.md", "models/a.md"]
    mtime = (tmp_path / "models/a.md").stat().st_mtime_ns
    second = write_outputs(tmp_path, {"models/a.md": "A", "index.md": "home v2"})
    assert second.written == ["index.md"] and second.unchanged == ["models/a.md"]
    assert (tmp_path / "models/a.md").stat().st_mtime_ns == mtime
    assert json.loads((tmp_path / MANIFEST).read_text())["generated"] == ["index.md", "models/a.md"]


def test_removes_generated_files_whose_source_is_gone_and_empty_folders(tmp_path):
    write_outputs(tmp_path, {"models/a.md": "A", "models/b.md": "B", "compare/x.md": "X"})
    report = write_outputs(tmp_path, {"models/a.md": "A"})
    assert report.removed == ["compare/x.md", "models/b.md"]
    assert not (tmp_path / "models/b.md").exists()
    assert not (tmp_path / "compare").exists()


def test_refuses_to_overwrite_a_hand_written_file_and_writes_nothing(tmp_path):
    (tmp_path / "index.md").write_text("my own home page")
    with pytest.raises(WriteError, match=r"refusing to overwrite hand-written file\(s\): index.md"):
        write_outputs(tmp_path, {"models/a.md": "A", "index.md": "generated"})
    assert (tmp_path / "index.md").read_text() == "my own home page"
    assert not (tmp_path / "models").exists()


def test_hand_written_files_beside_generated_ones_are_left_alone(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models/notes.md").write_text("mine")
    write_outputs(tmp_path, {"models/a.md": "A"})
    write_outputs(tmp_path, {})
    assert (tmp_path / "models/notes.md").read_text() == "mine"


def test_no_temporary_files_are_left_behind(tmp_path):
    write_outputs(tmp_path, {"a/b.md": "x", "c.bin": b"\x00\x01"})
    names = sorted(p.name for p in tmp_path.rglob("*"))
    assert names == sorted([MANIFEST, "a", "b.md", "c.bin"])
    assert (tmp_path / "c.bin").read_bytes() == b"\x00\x01"


def test_replace_dir_swaps_the_site(tmp_path):
    old, new = tmp_path / "site", tmp_path / "new"
    old.mkdir(); (old / "old.html").write_text("old")
    new.mkdir(); (new / "index.html").write_text("new")
    replace_dir(new, old)
    assert sorted(p.name for p in old.iterdir()) == ["index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_written_files_get_the_usual_mode(tmp_path):
    old = os.umask(0o022)
    try:
        write_outputs(tmp_path, {"a.md": "x"})
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.md").stat().st_mode) == 0o644


def test_pages_staged_for_the_site_are_moved_not_written_again(tmp_path):
    """A build writes the pages into a scratch copy first; the real docs folder then takes
    those very files (the staged copies are gone), and a file the copy lacks is written."""
    files = {"models/a.md": "A", "index.md": "home", "guide/x.json": "{}"}
    staged = tmp_path / "scratch" / "docs"
    write_outputs(staged, files, "key")
    (staged / "guide/x.json").unlink()  # e.g. on another file system: it cannot be moved
    inode = (staged / "models/a.md").stat().st_ino
    report = write_outputs(tmp_path / "docs", files, "key", staged)
    docs = tmp_path / "docs"
    assert report.written == ["guide/x.json", "index.md", "models/a.md"]
    assert {p: (docs / p).read_text() for p in files} == files
    assert (docs / "models/a.md").stat().st_ino == inode and not (staged / "models/a.md").exists()
    assert json.loads((docs / MANIFEST).read_text())["inputs"] == "key"
