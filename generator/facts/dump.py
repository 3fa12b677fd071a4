"""Data files the tool writes itself (``changes.yaml``, ``source-state.yaml``): a comment
header, then one YAML list of records, checked to read back as written."""

from __future__ import annotations

from typing import Callable, Sequence

import yaml
from pydantic import BaseModel


def listed_yaml(header: str, records: Sequence[BaseModel], read: Callable[[dict], list]) -> str:
    """``header`` (which ends with the list's key, ``changes:``), then ``records`` as a block
    list indented under it. ``read`` validates the parsed text back into records. Raises
    ValueError if the text would not read back as ``records``."""
    data = [r.model_dump(mode="json", exclude_none=True) for r in records]
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, indent=2) if data else ""
    text = header + "".join("  " + line if line.strip() else line for line in body.splitlines(keepends=True))
    if read(yaml.safe_load(text) or {}) != list(records):
        raise ValueError(f"the file would not read back as written: {header.splitlines()[-1]}")
    return text
