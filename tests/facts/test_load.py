"""The strict YAML loader: no YAML 1.1 guessing, no duplicate keys/aliases/tags, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.facts.errors import DataError
from generator.facts.load import Document, load_document


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path so problems name files as ``x.yaml``."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def load(here: Path, text: str | bytes, name: str = "x.yaml") -> Document:
    path = here / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return load_document(path)


def problems(here: Path, text: str | bytes) -> list[str]:
    """Problems of one file: those that stop loading, or those listed on the document."""
    try:
        doc = load(here, text)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    assert doc.problems, "expected problems"
    return [str(p) for p in doc.problems]


# --- scalars reach the schema as written -----------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["no", "yes", "off", "3.10", "12:30", "1e3", "0755", "0x1F", "2026-04-29", "16:9", ".inf", "True", "1_000"],
)
def test_yaml11_lookalikes_stay_strings(here: Path, written: str) -> None:
    assert load(here, f"value: {written}\n").data == {"value": written}


@pytest.mark.parametrize(
    ("written", "expected"),
    [("true", True), ("false", False), ("42", 42), ("-7", -7), ("0", 0), ("null", None), ("~", None), ("", None)],
)
def test_booleans_integers_and_null_convert(here: Path, written: str, expected: object) -> None:
    value = load(here, f"value: {written}\n").data["value"]
    assert value == expected
    assert type(value) is type(expected)


def test_quoted_and_nested_values(here: Path) -> None:
    doc = load(here, 'price: "0.40"\nlist: [no, 3.10, 60]\nmap: {at: 12:30}\n')
    assert doc.data == {"price": "0.40", "list": ["no", "3.10", 60], "map": {"at": "12:30"}}


def test_byte_order_mark_is_accepted(here: Path) -> None:
    assert load(here, b"\xef\xbb\xbfa: 1\n").data == {"a": 1}


# --- rejected constructs ---------------------------------------------------------------


def test_duplicate_key_names_the_first_line(here: Path) -> None:
    assert problems(here, "a: 1\nb: 2\na: 3\n") == ["x.yaml:3:1: a: duplicate key 'a' (first defined on line 1)"]


def test_nested_duplicate_key_names_its_field_path(here: Path) -> None:
    assert problems(here, "top:\n  x: 1\n  y: 2\n  x: 3\n") == [
        "x.yaml:4:3: top.x: duplicate key 'x' (first defined on line 2)"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x 1\nb: *x\n", "x.yaml:1:4: <file>: anchors and aliases are not allowed in data files"),
        ("a: 1\nb: *x\n", "x.yaml:2:4: <file>: anchors and aliases are not allowed in data files"),
        ("base: &b {x: 1}\nc:\n  <<: *b\n", "x.yaml:1:7: <file>: anchors and aliases are not allowed in data files"),
    ],
    ids=["anchor", "alias", "merge-key"],
)
def test_anchors_and_aliases_rejected(here: Path, text: str, expected: str) -> None:
    assert problems(here, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: !!python/object:os.system ls\n", "x.yaml:1:4: <file>: unsupported tag '!!python/object:os.system'"),
        ("a: !!python/object/apply:os.system [ls]\n",
         "x.yaml:1:4: <file>: unsupported tag '!!python/object/apply:os.system'"),
        ("a: 1\nb: !!float 1\n", "x.yaml:2:4: <file>: unsupported tag '!!float'"),
        ("a: !!timestamp 2026-01-01\n", "x.yaml:1:4: <file>: unsupported tag '!!timestamp'"),
        ("a: !custom text\n", "x.yaml:1:4: <file>: unsupported tag '!custom'"),
    ],
    ids=["python-object", "python-apply", "float", "timestamp", "local-tag"],
)
def test_unsafe_and_converting_tags_rejected(here: Path, text: str, expected: str) -> None:
    assert problems(here, text) == [expected]


def test_non_text_mapping_key_rejected(here: Path) -> None:
    assert problems(here, "? [a, b]\n: 1\n") == ["x.yaml:1:3: <file>: mapping keys must be plain text"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\n b: 2\n", "x.yaml:2:3: <file>: mapping values are not allowed here"),
        ("a:\n\t- 1\n", "x.yaml:2:1: <file>: tab characters cannot indent YAML; use spaces"),
    ],
    ids=["bad-indent", "tab"],
)
def test_syntax_error_located(here: Path, text: str, expected: str) -> None:
    assert problems(here, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: [1, 2\nc: 3\n",
         "x.yaml:3:2: <file>: expected ',' or ']', but got ':' (parsing a flow sequence that starts on line 2, column 4)"),
        ("a: {b: 1\n", "x.yaml:2:1: <file>: expected ',' or '}', but got '<stream end>' "
         "(parsing a flow mapping that starts on line 1, column 4)"),
        ('a: "abc\n', "x.yaml:2:1: <file>: found unexpected end of stream "
         "(scanning a quoted scalar that starts on line 1, column 4)"),
    ],
    ids=["flow-sequence", "flow-mapping", "quoted-scalar"],
)
def test_unclosed_bracket_or_quote_names_where_it_opened(here: Path, text: str, expected: str) -> None:
    assert problems(here, text) == [expected]


def test_second_document_rejected_with_full_message(here: Path) -> None:
    assert problems(here, "a: 1\n---\nb: 2\n") == [
        "x.yaml:2:1: <file>: expected a single document in the stream, but found another document"
    ]


@pytest.mark.parametrize("text", ["", "# only a comment\n\n", "   \n\n"], ids=["empty", "comment-only", "blank"])
def test_empty_files_rejected(here: Path, text: str) -> None:
    assert problems(here, text) == ["x.yaml:1:1: <file>: file is empty"]


def test_document_marker_only_is_empty(here: Path) -> None:
    assert problems(here, "---\n") == ["x.yaml:1:1: <file>: file is empty"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a: 1\nb: caf\xe9\n", "x.yaml:2:7: <file>: file is not valid UTF-8 (byte 0xe9)"),
        (b"\xff\xfea\x00", "x.yaml:1:1: <file>: file is not valid UTF-8 (byte 0xff)"),
    ],
    ids=["latin-1", "utf-16"],
)
def test_non_utf8_byte_located(here: Path, raw: bytes, expected: str) -> None:
    assert problems(here, raw) == [expected]


def test_non_utf8_column_counts_characters(here: Path) -> None:
    # b, :, space, c, a, f, é, space -> the bad byte is the 9th character of line 2.
    assert problems(here, "a: 1\nb: café ".encode() + b"\xff\n") == [
        "x.yaml:2:9: <file>: file is not valid UTF-8 (byte 0xff)"
    ]


def test_oversized_file_rejected(here: Path) -> None:
    assert problems(here, "a: " + "x" * 1_000_001 + "\n") == ["x.yaml:1:1: <file>: file is larger than 1000000 bytes"]


def test_missing_file_reported(here: Path) -> None:
    with pytest.raises(DataError) as exc:
        load_document(here / "absent.yaml")
    assert [str(p) for p in exc.value.problems] == ["absent.yaml:1:1: <file>: cannot read file: No such file or directory"]


# --- positions -------------------------------------------------------------------------

NESTED = """\
specs:
  max_clip_seconds:
    - {value: 60, source: a}
    - value: 120
      source: b
ratings: {physics: Good}
"""


def test_locate_values_and_keys(here: Path) -> None:
    doc = load(here, NESTED)
    assert doc.name == "x.yaml"
    assert doc.locate(("specs", "max_clip_seconds", 1, "value")) == (4, 14)
    assert doc.locate(("specs", "max_clip_seconds", 1, "value"), at_key=True) == (4, 7)
    assert doc.locate(("specs", "max_clip_seconds", 0, "source")) == (3, 27)
    assert doc.locate(("specs", "max_clip_seconds", 0, "source"), at_key=True) == (3, 19)
    assert doc.locate(("specs", "max_clip_seconds", 1, "source")) == (5, 15)
    assert doc.locate(("ratings", "physics")) == (6, 20)
    assert doc.locate(("ratings", "physics"), at_key=True) == (6, 11)


def test_locate_falls_back_to_deepest_existing_node(here: Path) -> None:
    doc = load(here, NESTED)
    assert doc.locate(("specs", "max_clip_seconds", 1, "note")) == (4, 7)
    assert doc.locate(("specs", "max_clip_seconds", 1, "note"), at_key=True) == (4, 7)
    assert doc.locate(("specs", "max_clip_seconds", 7)) == (3, 5)
    assert doc.locate(("nothing", "here")) == (1, 1)


def test_marks_and_key_marks_are_one_based(here: Path) -> None:
    doc = load(here, "# comment\nname: Veo\nspecs:\n  audio: native\n")
    assert doc.marks[()] == (2, 1)
    assert doc.marks[("name",)] == (2, 7)
    assert doc.key_marks[("name",)] == (2, 1)
    assert doc.marks[("specs", "audio")] == (4, 10)
    assert doc.key_marks[("specs", "audio")] == (4, 3)


def test_libyaml_loaders_read_every_real_data_file_as_the_python_loader_does():
    """The fast loaders (libyaml's events or nodes) give the same data, marks and key marks."""
    from generator.facts import load

    if load.CParser is None:
        pytest.skip("PyYAML without libyaml")
    files = sorted((Path(__file__).resolve().parents[2] / "data").rglob("*.yaml"))
    assert len(files) > 30
    for path in files:
        text = path.read_text(encoding="utf-8")
        expected = load._parse(path, text, load.StrictLoader)
        for loader in (load.EventLoader, load.NodeLoader):
            got = load._parse(path, text, loader)
            assert (got.data, got.marks, got.key_marks, got.problems) == (
                expected.data, expected.marks, expected.key_marks, expected.problems), (path, loader)


def test_a_valid_dataset_never_reads_its_marks():
    """Marks are read again from the text only when a problem needs them: loading the real data
    (valid) reads no file twice."""
    from generator.facts.validate import load_dataset

    dataset = load_dataset(Path(__file__).resolve().parents[2] / "data")
    docs = list(dataset.documents.values()) + [doc for doc, _ in dataset.models.values()]
    assert len(docs) > 30 and not [d.name for d in docs if "_all_marks" in d.__dict__]
    doc = docs[0]
    assert doc.marks[()] == (doc.locate(()))  # asked for: read then, and kept
    assert "_all_marks" in doc.__dict__
