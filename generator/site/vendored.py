"""Browser libraries that ship inside this package (``generator/site/vendor/``), pinned by
version, with their licence and the SHA-256 of every file recorded in ``vendored.json``.

No package manager and no network are involved: ``videoguide generate`` copies them into the
docs folder (``assets/vendor/``), and nothing is fetched when the site is viewed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..facts.errors import GuideError

VENDOR_DIR = Path(__file__).parent / "vendor"
RECORD = VENDOR_DIR / "vendored.json"


@dataclass(frozen=True)
class VendoredFile:
    """One shipped file: ``path`` in this package, ``target`` docs-relative, ``sha256`` hex."""

    library: str
    version: str
    path: Path
    target: str
    sha256: str


def vendored_files(record: Path = RECORD) -> list[VendoredFile]:
    """Every file listed in ``record`` (default: this package's ``vendored.json``)."""
    data = json.loads(record.read_text(encoding="utf-8"))
    return [VendoredFile(lib["name"], lib["version"], record.parent / f["file"], f["target"], f["sha256"])
            for lib in data["libraries"] for f in lib["files"]]


def vendor_assets(record: Path = RECORD) -> dict[str, bytes]:
    """Docs-relative target → bytes of every shipped file.

    Raises :class:`GuideError` when a file is missing or its SHA-256 differs from the
    recorded one (a damaged or hand-edited copy is never published).
    """
    assets = {}
    for item in vendored_files(record):
        if not item.path.is_file():
            raise GuideError(f"{item.path} is missing from the package (listed in {record.name})")
        data = item.path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest != item.sha256:
            raise GuideError(f"{item.path}: SHA-256 {digest} differs from {item.sha256} recorded in "
                             f"{record.name} for {item.library} {item.version}")
        assets[item.target] = data
    return assets
