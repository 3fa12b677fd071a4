"""The ``videoguide`` command's argument types, and the help of ``recommend``, which lists
the decision guide's questions and answers as the data folder defines them."""

from __future__ import annotations

import argparse
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path


def address(text: str) -> str:
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT with a port from 1 to 65535, got {text!r}")
    return text


def answer(text: str) -> tuple[str, str]:
    question, sep, answer = text.partition("=")
    if not sep or not question or not answer:
        raise argparse.ArgumentTypeError(f"expected QUESTION=ANSWER, got {text!r}")
    return question, answer


def whole(limit: int):  # noqa: ANN202 - an argparse type
    def parse(text: str) -> int:
        if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= limit:
            raise argparse.ArgumentTypeError(f"expected a whole number from 1 to {limit}, got {text!r}")
        return int(text)

    return parse


positive = whole(10**6)


def ratio(text: str) -> str:
    w, sep, h = text.partition(":")
    if not sep or not (w + h).isascii() or not w.isdigit() or not h.isdigit() or int(w) < 1 or int(h) < 1:
        raise argparse.ArgumentTypeError(f"expected an aspect ratio like 16:9, got {text!r}")
    return text


MAX_BUDGET = 1_000_000


def budget(text: str) -> Decimal:
    """A job's budget: dollars with at most two decimals, as the calculator takes it."""
    if not re.fullmatch(r"[0-9]{1,7}(\.[0-9]{1,2})?", text) or Decimal(text) > MAX_BUDGET:
        raise argparse.ArgumentTypeError(f"expected dollars and cents from 0 to {MAX_BUDGET:,} such as 10 or 12.50,"
                                         f" got {text!r}")
    return Decimal(text)


def usd(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal(-1)
    if not text.replace(".", "", 1).isascii() or not value.is_finite() or not 0 <= value <= MAX_BUDGET:
        raise argparse.ArgumentTypeError(f"expected an amount in USD from 0 to {MAX_BUDGET:,} such as 5 or 12.50,"
                                         f" got {text!r}")
    return abs(value)


class GuideHelp(argparse.Action):
    """``recommend --help``: the usual help, then every question id with its answer ids, read
    from ``decision_guide.yaml`` in ``--data`` (given before ``--help``) or ``./data``."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs) -> None:  # noqa: ANN003
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show this help, with the guide's questions and answers, and exit")

    def __call__(self, parser, namespace, values, option_string=None) -> None:  # noqa: ANN001
        parser.print_help()
        data = getattr(namespace, "data", None) or Path("data")
        print("\n" + guide_questions(data))
        parser.exit()


def guide_questions(data: Path) -> str:
    """The decision guide's questions and answers as help text, or why there are none."""
    from .facts.errors import DataError
    from .facts.load import load_document
    from .facts.guide_schema import DecisionGuideFile

    path = data / "decision_guide.yaml"
    try:
        guide = DecisionGuideFile.model_validate(load_document(path, data).data)
    except DataError as exc:
        return f"questions: none shown ({exc.problems[0]})"
    except ValueError:
        return f"questions: none shown ({path} has problems; videoguide check --data {data} lists them)"
    width = max(len(f"{q.id}={a.id}") for q in guide.questions for a in q.answers)
    lines = [f"questions in {path} (the first is {guide.start}; each answer names the next):"]
    for question in guide.questions:
        lines.append(f"  {question.id}: {question.text}")
        lines.extend(f"    --answer {question.id + '=' + a.id:<{width}}  {a.label}" + (f" -> {a.next}" if a.next else "")
                     for a in question.answers)
    return "\n".join(lines)
