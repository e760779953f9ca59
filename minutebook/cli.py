"""The command line behind build.py: parses arguments, runs the pipeline, prints diagnostics."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from . import progress
from .diagnostics import summary_line
from .pipeline import BuildOptions, BuildResult, build
from .progress import Progress
from .synth import generate
from .write import UnsafeOutput

EXIT_OK, EXIT_CONTENT_ERRORS, EXIT_USAGE = 0, 1, 2
COMMANDS = ("build", "check", "synth")


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=Path("site_config.yaml"), help="the site configuration file (default: site_config.yaml)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors and warnings")
    parser.add_argument("-v", "--verbose", action="store_true", help="also print how long each stage took")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build the council meetings archive: content/ and site_config.yaml in, a static site out.",
        epilog="Commands: build (the default), check and synth. Run 'build.py COMMAND --help' for each one's options. "
        "Exit codes: 0 success, 1 content errors, 2 wrong usage.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build_parser = commands.add_parser("build", help="build the site (the default)")
    _build_options(build_parser)
    check_parser = commands.add_parser("check", help="check the content and report problems without writing anything")
    _common_options(check_parser)
    synth_parser = commands.add_parser("synth", help="write a synthetic archive of N meetings, for measuring the build at scale")
    synth_parser.add_argument("--meetings", type=int, required=True, metavar="N", help="how many meetings the archive has")
    synth_parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="where to write DIR/site_config.yaml and DIR/content/ (content/ is replaced)")
    synth_parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same archive (default: 1)")
    synth_parser.add_argument("--hold-back", type=int, default=0, metavar="K", help="also write K more meetings to DIR/held-back/, each the newest of its committee, to add later")
    return parser


def _build_options(parser: argparse.ArgumentParser) -> None:
    _common_options(parser)
    parser.add_argument("--out", type=Path, help="where to write the site (default: _site next to the config file)")
    parser.add_argument("--base-url", help="the public address of the site, e.g. https://example.gov.uk/minutes/ (overrides site_config.yaml)")


def build_date() -> dt.date:
    """Today, or the date in SOURCE_DATE_EPOCH so builds can be reproduced byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def main(argv: list[str]) -> int:
    parser = make_parser()
    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help"):
        argv = ["build", *argv]
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    if args.command == "synth":
        return synth(args)
    options = BuildOptions(
        config_path=args.config,
        out=getattr(args, "out", None),
        base_url=getattr(args, "base_url", None),
        strict=args.strict,
        build_date=build_date(),
        write=args.command == "build",
        progress=Progress(progress.wanted() and not args.quiet),
    )
    try:
        result = build(options)
    except UnsafeOutput as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return report(result, args)


def synth(args: argparse.Namespace) -> int:
    if args.meetings < 1:
        print("error: --meetings must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        summary = generate(args.out, args.meetings, args.seed, args.hold_back)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(
        f"wrote {summary.meetings:,} meetings ({summary.published:,} published; {summary.committees} committees, "
        f"{summary.years} municipal years, {summary.people} people, {summary.topics} topics; "
        f"{summary.content_bytes / 1e6:.1f} MB) to {args.out / 'content'}; build it with: "
        f"build.py --config {args.out / 'site_config.yaml'}"
    )
    return EXIT_OK


def report(result: BuildResult, args: argparse.Namespace) -> int:
    for diagnostic in result.diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    out_label = str(result.out) if result.out else "the output folder"
    if result.failed:
        print(summary_line(result.diagnostics, True, out_label), file=sys.stderr)
        return EXIT_CONTENT_ERRORS
    if args.command == "check":
        if not args.quiet:
            print(f"check passed: {summary_line(result.diagnostics, False, out_label).split(': ', 1)[1]}")
        return EXIT_OK
    if not args.quiet and result.report:
        print(
            f"{summary_line(result.diagnostics, False, out_label)}; {result.pages} pages in {out_label} "
            f"({result.report.written} files written, {result.report.unchanged} unchanged, {result.report.removed} removed; "
            f"{result.rendered} pages rendered)"
        )
    if args.verbose:
        for stage, seconds in result.timings.items():
            print(f"  {stage}: {seconds:.2f} s")
    return EXIT_OK
