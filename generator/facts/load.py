"""Strict YAML loading that keeps the file, line and column of every node.

The loader is a :class:`yaml.SafeLoader` subclass that

* rejects duplicate keys, anchors/aliases and unknown tags;
* does not guess types the YAML 1.1 way: ``no``, ``3.10``, ``12:30``, ``1e3``,
  ``0755`` and ``2026-04-29`` all arrive as the strings written; only ``true``/``false``,
  ``null``/``~``/empty and plain decimal integers are converted.

Money therefore reaches pydantic as an exact string (``"0.40"`` → ``Decimal("0.40")``) and
dates are parsed, and rejected with a location, by the schema.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import DataError, Problem, display_path
from .files import FileFail, file_problem, read_text

MAX_DEPTH = 32
"""The deepest nesting of lists and mappings read (the real data nests 8 deep)."""
_TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels of lists and mappings"
Loc = tuple[str | int, ...]


def field_path(loc: Loc) -> str:
    """``('specs', 'max_clip_seconds', 1, 'value')`` → ``specs.max_clip_seconds[1].value``."""
    out = ""
    for seg in loc:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else str(seg))
    return out or "<file>"


class StrictLoader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1 type guessing, duplicate keys or aliases."""

    depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases are not allowed in data files", event.start_mark
            )
        if self.depth >= MAX_DEPTH and isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            raise yaml.composer.ComposerError(None, None, _TOO_DEEP, event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml: the pure-Python loader alone
    CParser = None


def _init_c(loader: Any, stream: str) -> None:
    CParser.__init__(loader, stream)
    yaml.composer.Composer.__init__(loader)
    yaml.constructor.SafeConstructor.__init__(loader)
    yaml.resolver.Resolver.__init__(loader)


if CParser is not None:
    class EventLoader(StrictLoader, CParser):  # type: ignore[misc, valid-type]
        """:class:`StrictLoader` reading its events from libyaml (about 7× faster): nodes,
        marks, resolvers and the alias rule stay :class:`StrictLoader`'s."""

        __init__ = _init_c
        # libyaml's event methods; Python's Parser would otherwise come first.
        check_event, peek_event, get_event, dispose = (
            CParser.check_event, CParser.peek_event, CParser.get_event, CParser.dispose)

    class NodeLoader(CParser, StrictLoader):  # type: ignore[misc, valid-type]
        """Nodes composed by libyaml (about 13× faster), resolved and constructed by
        :class:`StrictLoader`'s rules; it cannot see anchors, so it reads only text without
        ``&`` or ``*``."""

        __init__ = _init_c


def _loader_for(text: str) -> type:
    """The fastest loader that applies every rule to ``text``. libyaml's error messages differ
    from PyYAML's, so a file either libyaml loader rejects is parsed again by StrictLoader."""
    if CParser is None:
        return StrictLoader
    return EventLoader if ("&" in text or "*" in text) else NodeLoader


_KEEP = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:int"}
StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag in _KEEP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
# Plain decimal integers only: no octal (0755), hex, binary or sexagesimal (12:30).
for _first, _resolvers in StrictLoader.yaml_implicit_resolvers.items():
    _resolvers[:] = [(t, r) for t, r in _resolvers if t != "tag:yaml.org,2002:int"]
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*))$"), list("-+0123456789")
)
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)


def _construct_mapping(loader: StrictLoader, node: MappingNode, deep: bool = False) -> dict:
    """Mapping keys stay the text written (``1:`` is the key ``"1"``, ``no:`` is ``"no"``)."""
    return {key_node.value: loader.construct_object(value_node, deep=deep) for key_node, value_node in node.value}


StrictLoader.add_constructor("tag:yaml.org,2002:map", lambda loader, node: _construct_mapping(loader, node, True))


def _construct_int(loader: StrictLoader, node: ScalarNode) -> int:
    return int(loader.construct_scalar(node))


StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
# Explicit tags that would turn text into other types are refused like unknown tags.
for _tag in ("float", "timestamp", "binary", "set", "omap", "pairs"):
    StrictLoader.yaml_constructors.pop(f"tag:yaml.org,2002:{_tag}", None)


@dataclass(frozen=True)
class Document:
    """One parsed data file.

    ``data`` is plain Python (dict/list/str/int/bool/None); ``marks`` maps a path inside
    the document to the 1-based ``(line, col)`` of that node, and ``key_marks`` to the
    position of the mapping key that introduced it. The marks are read from ``text`` again
    the first time they are asked for: only a problem needs them (N=1,000 valid models: no
    file is read twice, and loading takes about a fifth less time).
    """

    path: Path
    data: Any
    text: str = field(repr=False)
    loader: type = field(repr=False)
    problems: tuple[Problem, ...] = ()
    """Problems that still leave the data usable (duplicate keys: the last value is kept)."""

    @property
    def name(self) -> str:
        return display_path(self.path)

    @functools.cached_property
    def _all_marks(self) -> tuple[dict[Loc, tuple[int, int]], dict[Loc, tuple[int, int]]]:
        marks: dict = {}
        key_marks: dict = {}
        _compose(self.path, self.text, self.loader, marks, key_marks)
        return marks, key_marks

    @property
    def marks(self) -> dict[Loc, tuple[int, int]]:
        return self._all_marks[0]

    @property
    def key_marks(self) -> dict[Loc, tuple[int, int]]:
        return self._all_marks[1]

    def locate(self, loc: Loc, at_key: bool = False) -> tuple[int, int]:
        """Position of the deepest existing node on ``loc`` (the key itself if ``at_key``)."""
        for end in range(len(loc), -1, -1):
            prefix = loc[:end]
            if at_key and end == len(loc) and prefix in self.key_marks:
                return self.key_marks[prefix]
            if prefix in self.marks:
                return self.marks[prefix]
        return (1, 1)


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


def _walk(node: Node, loc: Loc, marks: dict | None, key_marks: dict, found: list[Problem], loader: Any) -> Any:
    """The node's value, as ``loader`` constructs it (built here in one pass for text, mappings
    and lists; other tags by the loader); records located problems on the way, and the marks
    unless ``marks`` is None."""
    if marks is not None:
        marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if len(loc) >= MAX_DEPTH and isinstance(node, (MappingNode, SequenceNode)):  # libyaml composed it
        raise ConstructorError(None, None, _TOO_DEEP, node.start_mark)
    if isinstance(node, MappingNode):
        if node.tag != _MAP:
            return loader.construct_object(node, deep=True)  # refused: see the constructors above
        seen: dict[Any, int] = {}
        value: dict = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key_node, ScalarNode):
                raise ConstructorError(None, None, "mapping keys must be plain text", key_node.start_mark)
            if key in seen:
                mark = key_node.start_mark
                found.append(Problem("", mark.line + 1, mark.column + 1, field_path(loc + (key,)),
                                     f"duplicate key {key!r} (first defined on line {seen[key]})"))
            seen.setdefault(key, key_node.start_mark.line + 1)
            if marks is not None:
                key_marks[loc + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            value[key] = _walk(value_node, loc + (key,), marks, key_marks, found, loader)  # the last is kept
        return value
    if isinstance(node, SequenceNode):
        if node.tag != _SEQ:
            return loader.construct_object(node, deep=True)
        return [_walk(item, loc + (index,), marks, key_marks, found, loader) for index, item in enumerate(node.value)]
    if (bad := _UNPRINTABLE.search(node.value)) is not None:
        found.append(Problem("", node.start_mark.line + 1, node.start_mark.column + 1, field_path(loc),
                             f"character U+{ord(bad.group()):04X} is not allowed in text (a control "
                             "character, or not a character at all; pages and feeds cannot hold it)"))
    return node.value if node.tag == _STR else loader.construct_object(node, deep=True)


_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""What a double-quoted YAML escape can put in a string that no page, feed or JSON reader
should get: C0 and C1 controls (tab, line feed and carriage return aside), surrogates and
the two non-characters XML forbids."""


def _yaml_problem(path: Path, exc: yaml.MarkedYAMLError) -> Problem:
    """One located problem from PyYAML's error, naming where an unclosed construct started."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message, where = exc.problem or str(exc), exc.context_mark
    if exc.context and exc.context.startswith("while") and where is not None:
        message += f" ({exc.context[len('while '):]} that starts on line {where.line + 1}, column {where.column + 1})"
    elif exc.context and not exc.context.startswith("while"):
        message = f"{exc.context}, {message}"
    if "'\\t' that cannot start any token" in message:
        message = "tab characters cannot indent YAML; use spaces"
    if "could not determine a constructor" in message:
        tag = message.split("tag ")[-1].strip("'").replace("tag:yaml.org,2002:", "!!")
        message = f"unsupported tag '{tag}'"
    return file_problem(path, line, col, message)


def _compose(path: Path, text: str, loader_class: type, marks: dict | None = None,
             key_marks: dict | None = None) -> tuple[Any, list[Problem]]:
    """The document's data and the problems found on the way, filling ``marks`` and
    ``key_marks`` if given."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None or (isinstance(node, ScalarNode) and node.tag.endswith(":null") and not node.value):
            raise FileFail(file_problem(path, 1, 1, "file is empty"))
        found: list[Problem] = []
        return _walk(node, (), marks, {} if key_marks is None else key_marks, found, loader), found
    finally:
        loader.dispose()


def _parse(path: Path, text: str, loader_class: type = StrictLoader) -> Document:
    data, found = _compose(path, text, loader_class)
    located = tuple(Problem(display_path(path), p.line, p.col, p.field, p.message) for p in found)
    return Document(path=path, data=data, text=text, loader=loader_class, problems=located)


def load_document(path: Path, within: Path | None = None) -> Document:
    """Parse one YAML file strictly.

    Raises :class:`~generator.facts.errors.DataError` with one located problem when the file is
    unreadable, not a regular file, a link out of ``within`` (the data folder), too large
    (over 1 MB), not UTF-8, empty, not valid YAML, nested deeper than :data:`MAX_DEPTH`, or
    uses an alias or an unsupported tag. Duplicate keys are listed in ``Document.problems`` (the last value
    is kept) so the rest of the file can still be checked.
    """
    try:
        text = read_text(path, within)
        try:
            return _parse(path, text, _loader_for(text))
        except yaml.YAMLError:
            return _parse(path, text)  # the same verdict, in PyYAML's words
    except FileFail as fail:
        p = fail.problem
        raise DataError([Problem(display_path(path), p.line, p.col, p.field, p.message)]) from None
    except OSError as exc:
        raise DataError([file_problem(path, 1, 1, f"cannot read file: {exc.strerror}")]) from None
    except yaml.MarkedYAMLError as exc:
        raise DataError([_yaml_problem(path, exc)]) from None
    except yaml.YAMLError as exc:
        raise DataError([file_problem(path, 1, 1, f"invalid YAML: {exc}")]) from None
