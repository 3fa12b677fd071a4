"""The browser libraries shipped in the package: every recorded hash matches, every file the
site loads is shipped, and a damaged copy is refused rather than published."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
import yaml

from generator.facts.errors import GuideError
from generator.site.vendored import RECORD, vendor_assets, vendored_files
from tests.conftest import ROOT


def test_every_recorded_sha256_matches_the_shipped_file():
    files = vendored_files()
    assert {f.target for f in files} == {"assets/vendor/tablesort.min.js", "assets/vendor/tablesort.number.min.js",
                                         "assets/vendor/tablesort.LICENCE.txt"}
    for item in files:
        assert hashlib.sha256(item.path.read_bytes()).hexdigest() == item.sha256, item.path


def test_every_library_records_version_licence_and_tarball():
    for lib in json.loads(RECORD.read_text())["libraries"]:
        assert lib["version"] and lib["licence"] == "MIT"
        assert lib["tarball"].startswith("https://") and lib["tarball_integrity"].startswith("sha512-")
        assert any(f["target"].endswith("LICENCE.txt") for f in lib["files"])


def test_every_vendor_script_the_site_loads_is_shipped():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    loaded = {p for p in config["extra_javascript"] if p.startswith("assets/vendor/")}
    assert loaded and loaded <= set(vendor_assets())


def test_a_damaged_copy_is_refused(tmp_path):
    shutil.copytree(RECORD.parent, tmp_path / "vendor")
    damaged = tmp_path / "vendor" / "tablesort-5.6.0" / "tablesort.min.js"
    damaged.write_bytes(damaged.read_bytes() + b"\nalert(1)\n")
    with pytest.raises(GuideError, match=r"tablesort.min.js: SHA-256 [0-9a-f]{64} differs from 7b14c0c8"):
        vendor_assets(tmp_path / "vendor" / "vendored.json")
