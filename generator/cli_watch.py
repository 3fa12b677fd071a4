"""The ``sources`` and ``prices`` commands of :mod:`generator.cli`: their arguments, and
the questions ``sources accept --touch-facts`` asks on the terminal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .settings import Settings


def add_sources(sub, data_help: str) -> None:  # noqa: ANN001 - argparse subparsers
    """``sources check`` and ``sources accept`` on ``sub`` (the top parser's subparsers)."""
    sources = sub.add_parser("sources", help="watch the sources' pages: what changed since their facts were checked")
    actions = sources.add_subparsers(dest="sources_command", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="fetch every source with a URL and report what needs an editor "
                                             "(exit 1 when anything does)")
    check.add_argument("--data", type=Path, default=None, help=data_help)
    check.add_argument("--format", choices=("text", "markdown"), default="text",
                       help="markdown: the same report for an issue or a pull request")
    check.add_argument("--only", action="append", default=[], metavar="SOURCE_ID", help="one source (repeatable)")
    check.add_argument("--no-record", action="store_true",
                       help="report only: write neither data/source-state.yaml nor the snapshots")
    check.add_argument("--allow-private", action="append", default=[], metavar="NETWORK", help=argparse.SUPPRESS)
    accept = actions.add_parser("accept", help="record the last fetched text of a source as the one its facts "
                                               "were re-checked against")
    accept.add_argument("ids", nargs="+", metavar="SOURCE_ID")
    accept.add_argument("--touch-facts", action="store_true",
                        help="ask about each fact citing the source; move the as_of of those you confirm to today")
    accept.add_argument("--data", type=Path, default=None, help=data_help)


def add_prices(sub, data_help: str) -> None:  # noqa: ANN001 - argparse subparsers
    """``prices pull PLATFORM`` on ``sub``."""
    prices = sub.add_parser("prices", help="compare the prices a platform publishes with the data's entries")
    actions = prices.add_subparsers(dest="prices_command", required=True, metavar="ACTION")
    pull = actions.add_parser("pull", help="read a platform's prices and report each that differs from the "
                                           "current entry (exit 1 when any does, 3 when the prices cannot be read)",
                              description="Read PLATFORM's published prices (fal: the key in FAL_KEY) and compare "
                                          "them with the current price entries in the data.")
    pull.add_argument("platform", metavar="PLATFORM", help="a platform that publishes prices: fal")
    pull.add_argument("--data", type=Path, default=None, help=data_help)
    pull.add_argument("--write", action="store_true",
                      help="add a new dated entry for each changed price (old entries are kept as history)")
    pull.add_argument("--api-url", default=None, help=argparse.SUPPRESS)
    pull.add_argument("--allow-private", action="append", default=[], metavar="NETWORK", help=argparse.SUPPRESS)


def sources(args: argparse.Namespace, settings: Settings) -> str:
    """Run a ``sources`` command; its report. Raises as :mod:`generator.source_commands` does."""
    from . import source_commands

    if args.sources_command == "accept":
        return source_commands.sources_accept_text(settings, args.ids, confirm=ask if args.touch_facts else None)
    return source_commands.sources_check_text(settings, args.format == "markdown", not args.no_record, args.only,
                                              args.allow_private)


def ask(citation) -> bool | None:  # noqa: ANN001 - facts.citations.Citation
    """``--touch-facts``: one fact's question on stdout, its answer from stdin (y, n or q;
    the end of the input is q). Each question ends its line, on a terminal (by the editor's
    Enter) and from a pipe alike."""
    try:
        answer = input(f"{citation}. Re-checked against the page: move its as_of to today? [y/N/q] ")
    except EOFError:  # Ctrl-D, or no more input: the report starts on a line of its own
        print()
        return None
    if not sys.stdin.isatty():  # a piped answer is not echoed: end the question's line
        print()
    return {"y": True, "yes": True, "q": None, "quit": None}.get(answer.strip().lower(), False)
