"""The ``videoguide`` command: parse arguments, call the library, map errors to exit codes.

Exit codes: 0 success, 1 data or build problems (listed on stderr, one per line), 2 usage,
3 a platform's prices could not be read (``prices pull``: the key refused, the API unreachable
or answering otherwise than documented), 70 an internal error (a bug: the traceback is printed),
130 interrupted, 141 the output's reader went away.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import signal
import sys
import threading
import traceback
from pathlib import Path

from . import arguments, cli_watch
from .answers.plans import JOB_INPUTS, MAX_SECONDS, SOUNDS, Job
from .answers.freshness import StaleFacts
from .answers.recommend import AnswerError
from .clips.plan import BudgetError
from .clips.runner import Timing
from .facts.errors import DataError, GuideError, NeedsEditor, UsageError
from .settings import ENGINES, Settings
from .watch.pricing import PricesError


def _add_cost(sub, data_help: str) -> None:  # noqa: ANN001 - argparse subparsers
    cost = sub.add_parser("cost", help="plan a finished video on every model and platform, cheapest first",
                          description="Plan a finished video (one generation, shots cut together, or an extended"
                                      " clip) on every model and platform that can make it, cheapest first.")
    cost.add_argument("--data", type=Path, default=None, help=data_help)
    cost.add_argument("--seconds", required=True, type=arguments.whole(MAX_SECONDS), metavar="N",
                      help=f"finished length in seconds (1-{MAX_SECONDS})")
    cost.add_argument("--aspect-ratio", default=None, type=arguments.ratio, metavar="W:H", help="e.g. 9:16 (default: any)")
    cost.add_argument("--resolution", default=None, metavar="R", help="at least this: 720p, 1080p, 4K … (default: any)")
    cost.add_argument("--sound", choices=SOUNDS, default=None,
                      help="native: made with the picture; added: added afterwards, so none needed; silent:"
                           " none at all (default: any of these)")
    cost.add_argument("--input", choices=JOB_INPUTS, default="text", help="what you start from (default: text)")
    cost.add_argument("--videos", type=arguments.whole(100000), default=1, metavar="N", help="finished videos (default 1)")
    cost.add_argument("--takes", type=arguments.whole(1000), default=1, metavar="K",
                      help="generations per usable shot (default 1)")
    cost.add_argument("--budget", type=arguments.budget, default=None, metavar="USD",
                      help="for the whole job, e.g. 10 or 12.50 (default: none)")
    cost.add_argument("--model", action="append", default=None, metavar="ID",
                      help="only this model (repeatable; default: all)")
    cost.add_argument("--platform", default=None, metavar="P", help="one platform id (default: all)")


def _add_clips(sub, data_help: str) -> None:  # noqa: ANN001 - argparse subparsers
    clips = sub.add_parser("clips", help="sample clips: plan them, or generate them through the vendors' APIs")
    actions = clips.add_subparsers(dest="clips_command", required=True, metavar="ACTION")
    plan = actions.add_parser("plan", help="what would be generated, what it would cost, what exists")
    docs_help = "docs folder holding assets/clips/ (default: ./docs)"
    plan.add_argument("--data", type=Path, default=None, help=data_help)
    plan.add_argument("--docs", type=Path, default=None, help=docs_help)
    plan.add_argument("--only", default=None, metavar="SAMPLE_ID", help="one sample")
    run = actions.add_parser("run", help="generate what is missing, within a budget")
    run.add_argument("--data", type=Path, default=None, help=data_help)
    run.add_argument("--docs", type=Path, default=None, help=docs_help)
    run.add_argument("--budget", required=True, type=arguments.usd, metavar="USD", help="refuse if the estimate is higher")
    run.add_argument("--only", default=None, metavar="SAMPLE_ID", help="one sample")
    run.add_argument("--dry-run", action="store_true", help="say what would be submitted; make no call")
    run.add_argument("--max-wait", type=arguments.positive, default=30, metavar="MINUTES",
                     help="stop polling after this long; a re-run resumes the jobs (default 30)")
    run.add_argument("--timeout", type=arguments.whole(3600), default=60, metavar="SECONDS",
                     help="give up on a server silent this long (default 60); a download may take 10 times that")
    run.add_argument("--retry-uncertain", action="store_true",
                     help="submit again the creates that got no answer (check the provider's dashboard first)")


def _version() -> str:
    try:
        return importlib.metadata.version("videoguide")
    except importlib.metadata.PackageNotFoundError:
        return "(not installed: run from a source tree)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="videoguide",
        description="Validate the Video Model Guide's data and publish it as a MkDocs site.",
    )
    parser.add_argument("--version", action="version", version=f"videoguide {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    data_help = "folder with sources.yaml, models/ ... (default: ./data)"
    check = sub.add_parser("check", help="load and validate the data only")
    check.add_argument("--data", type=Path, default=None, help=data_help)
    check.add_argument("--stale", action="store_true", help="also list facts checked too long ago")
    check.add_argument("--strict", action="store_true", help="with --stale: stale facts fail the check (exit 1)")
    check.add_argument("--stale-after", type=arguments.positive, default=None, metavar="DAYS",
                       help="age in days after which a fact is stale (default: pyproject.toml, else 90)")
    generate = sub.add_parser("generate", help="write the generated pages into docs/")
    generate.add_argument("--data", type=Path, default=None, help=data_help)
    generate.add_argument("--docs", type=Path, default=None, help="docs folder (default: ./docs)")
    build = sub.add_parser("build", help="generate, then build the site in strict mode (MkDocs, or Zensical)")
    build.add_argument("--data", type=Path, default=None, help=data_help)
    build.add_argument("--site-dir", type=Path, default=None, help="output folder (default: ./site)")
    build.add_argument("--engine", choices=ENGINES, default=None,
                       help="site engine (default: [tool.videoguide] engine in pyproject.toml, else mkdocs); "
                            "zensical needs pip install -e '.[zensical]'")
    rec = sub.add_parser("recommend", help="answer the decision guide's questions; print the ranked models",
                         add_help=False)
    rec.add_argument("-h", "--help", action=arguments.GuideHelp)
    rec.add_argument("--data", type=Path, default=None, help=data_help)
    rec.add_argument("--answer", action="append", default=[], type=arguments.answer, metavar="QUESTION=ANSWER",
                     help="one answer (repeat for each question on the path)")
    _add_cost(sub, data_help)
    diff = sub.add_parser("diff", help="what changed in the data since a git revision, and what that changed")
    diff.add_argument("revision", nargs="?", default=None, metavar="REV",
                      help="git revision (default: HEAD when data/ has uncommitted edits, else HEAD~1)")
    diff.add_argument("--data", type=Path, default=None, help=data_help)
    diff.add_argument("--record", action="store_true",
                      help="append the report to data/changes.yaml (the What changed page and feed)")
    diff.add_argument("--summary", default=None, help="with --record: a one-line summary for the entry")
    diff.add_argument("--allow-rewrite", action="store_true",
                      help="with --record: record even though a price entry was edited in place or removed "
                           "(a correction); without it, such a record is refused")
    _add_clips(sub, data_help)
    cli_watch.add_sources(sub, data_help)
    cli_watch.add_prices(sub, data_help)
    serve = sub.add_parser("serve", help="generate, serve on 127.0.0.1:8000, regenerate on data edits")
    serve.add_argument("--data", type=Path, default=None, help=data_help)
    serve.add_argument("--addr", default="127.0.0.1:8000", type=arguments.address,
                       help="host:port (default: 127.0.0.1:8000)")
    return parser


def _clips(args: argparse.Namespace, settings: Settings) -> str:
    from . import commands

    if args.clips_command == "plan":
        return commands.clips_plan_text(settings, args.only)
    return commands.clips_run_text(settings, args.budget, args.only, args.dry_run,
                                   timing=Timing(max_wait=args.max_wait * 60, request_timeout=args.timeout),
                                   retry_uncertain=args.retry_uncertain)


def _run(args: argparse.Namespace) -> str:
    from . import commands, pipeline

    settings = Settings.from_cwd(data_dir=args.data, docs_dir=getattr(args, "docs", None),
                                 site_dir=getattr(args, "site_dir", None),
                                 stale_after_days=getattr(args, "stale_after", None),
                                 engine=getattr(args, "engine", None))
    if args.command == "check":
        if (args.strict or args.stale_after) and not args.stale:
            raise UsageError("--strict and --stale-after need --stale")
        if args.stale:
            return commands.stale_text(settings, strict=args.strict)
        catalog = pipeline.check(settings)
        return f"{len(catalog.models)} models, {len(catalog.sources)} sources: no problems"
    if args.command == "diff":
        if (args.summary or args.allow_rewrite) and not args.record:
            raise UsageError(f"{'--summary' if args.summary else '--allow-rewrite'} needs --record")
        return commands.diff_text(settings, args.revision, args.record, args.summary, allow_rewrite=args.allow_rewrite)
    if args.command == "clips":
        return _clips(args, settings)
    if args.command == "sources":
        return cli_watch.sources(args, settings)
    if args.command == "prices":
        from . import price_commands

        return price_commands.prices_pull_text(settings, args.platform, args.write, args.api_url, args.allow_private)
    if args.command == "cost":
        return commands.cost_text(settings, Job(args.seconds, args.aspect_ratio, args.resolution, args.sound, args.input,
                                                args.videos, args.takes, args.budget), args.model, args.platform)
    if args.command == "generate":
        report = pipeline.generate(settings)
        if report.skipped:
            return (f"nothing changed since the last generate: the {len(report.unchanged)} generated files in "
                    f"{settings.docs_dir} are up to date; nothing was rendered or written")
        return f"generated {report.summary()} in {settings.docs_dir}"
    if args.command == "recommend":
        repeated = sorted({q for q, _ in args.answer if [x for x, _ in args.answer].count(q) > 1})
        if repeated:
            raise AnswerError(f"answered more than once: {', '.join(repeated)}")
        return commands.recommend_text(settings, dict(args.answer))
    if args.command == "build":
        report = pipeline.build(settings)
        if not report.built:
            return (f"nothing changed since the last build ({report.engine}): {settings.site_dir} is up to date; "
                    "the site engine was not run")
        return f"generated {report.pages.summary()}; site built with {report.engine} in {settings.site_dir}"
    pipeline.serve(settings, args.addr)
    return "stopped"


def _terminate(signum, frame) -> None:  # noqa: ANN001 - signal handler signature
    raise KeyboardInterrupt  # unwinds like Ctrl-C: scratch folders and child processes are cleaned up


def _quiet_output() -> None:
    """After a closed pipe: what is still buffered goes nowhere, not to a traceback at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError):  # a stream without a file descriptor (captured in tests)
            pass
    os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``videoguide`` console script; returns the exit code: 0, 1 (data
    or build problems), 2 (usage), 3 (a platform's prices could not be read), 70 (a bug: never
    1, which a script reads as "for an editor"), 130 (interrupted: Ctrl-C or SIGTERM), 141 (the
    reader of the output went away, as with ``| head``)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _quiet_output()
        return 141
    except Exception:  # noqa: BLE001 - a bug: shown whole, with an exit code of its own (EX_SOFTWARE)
        traceback.print_exc()
        print("videoguide: internal error (a bug in videoguide, not in the data): please report it with the "
              "traceback above", file=sys.stderr)
        return 70


def _main(argv: list[str] | None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse: --help exits 0, usage errors exit 2
        return int(exc.code or 0)
    try:
        message = _run(args)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        writes = args.command in ("generate", "build", "serve", "sources") or getattr(args, "record", False) or \
            getattr(args, "write", False) or \
            getattr(args, "clips_command", None) == "run"
        suffix = "; nothing was written" if writes else ""
        print(f"{len(exc.problems)} problem(s) found{suffix}.", file=sys.stderr)
        return 1
    except (AnswerError, UsageError) as exc:
        print(f"videoguide: error: {exc}", file=sys.stderr)
        return 2
    except StaleFacts as exc:
        print(exc.report, file=sys.stderr)
        return 1
    except NeedsEditor as exc:  # the report is the output, as for a change found
        print(exc.report)
        return 1
    except PricesError as exc:  # nothing for an editor: the check itself failed
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except BudgetError as exc:
        print(f"videoguide: refused: {exc}", file=sys.stderr)
        return 1
    except GuideError as exc:  # ConfigError, BuildError, WriteError …
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if args.command == "clips":
            print("interrupted: the jobs are recorded in data/clips.yaml; `videoguide clips run` polls the submitted"
                  " ones without paying again (a create cut off before its answer is marked uncertain)", file=sys.stderr)
        return 130
    print(message)
    sys.stdout.flush()  # a closed pipe shows here, inside main
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
