"""Problems format as path:line:col: field: message and sort by file and position."""

from __future__ import annotations

from generator.facts.errors import DataError, Problem


def test_problem_format_and_order():
    a = Problem("data/b.yaml", 2, 1, "id", "x")
    b = Problem("data/a.yaml", 10, 3, "specs.audio", "y")
    c = Problem("data/a.yaml", 9, 5, "name", "z")
    error = DataError([a, b, c, a])
    assert [str(p) for p in error.problems] == [
        "data/a.yaml:9:5: name: z", "data/a.yaml:10:3: specs.audio: y", "data/b.yaml:2:1: id: x",
    ]
