"""The command line behind build.py: parses arguments, runs a command, prints what happened."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import sys
import threading
from pathlib import Path
from typing import NoReturn

from .clock import Clock
from .config import SiteConfig, load_config
from .diagnostics import Diagnostics, Level, summary_line
from .new_meeting import CannotCreate, check_new_meeting, plan_new_meeting, write_new_meeting
from .pipeline import BuildOptions, BuildResult, build
from .progress import terminal_track, untracked
from .serve import DEFAULT_PORT, PreviewSettings, serve
from .synth import generate
from .validate import validate_site
from .write import UnsafeOutput

EXIT_OK, EXIT_CONTENT_ERRORS, EXIT_USAGE = 0, 1, 2
COMMANDS = ("build", "check", "new", "serve", "import", "synth")


def _config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        default=Path("site_config.yaml"),
        help="the site configuration file (default: site_config.yaml)",
    )


def _common_options(parser: argparse.ArgumentParser) -> None:
    _config_option(parser)
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print only errors, warnings and notes")
    loudness.add_argument("-v", "--verbose", action="store_true", help="also print how long each stage took")


def _output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, help="where to write the site (default: _site next to the config file)"
    )


def make_parser(prog: str = "build.py") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Build the council meetings archive: content/ and site_config.yaml in, a static site out.",
        epilog=f"Commands: build (the default), check, new, serve, import and synth. Run '{prog} COMMAND --help' for each one's options. "
        "Exit codes: 0 success, 1 content errors, 2 wrong usage.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build_parser = commands.add_parser("build", help="build the site (the default)")
    _common_options(build_parser)
    _output_options(build_parser)
    build_parser.add_argument(
        "--base-url",
        help="the public address of the site, e.g. https://example.gov.uk/minutes/ (overrides site_config.yaml)",
    )
    check_parser = commands.add_parser(
        "check", help="check the content and report problems without writing anything"
    )
    _common_options(check_parser)
    new_parser = commands.add_parser(
        "new", help="start the file of a new meeting, filled in from the committee's last meetings"
    )
    _config_option(new_parser)
    new_parser.add_argument(
        "--committee",
        required=True,
        metavar="SLUG",
        help="the committee: the name of its file in content/committees/ without .yaml",
    )
    new_parser.add_argument(
        "--date", required=True, type=_iso_date, metavar="YYYY-MM-DD", help="the date of the meeting"
    )
    new_parser.add_argument("-q", "--quiet", action="store_true", help="print only the path of the new file")
    serve_parser = commands.add_parser(
        "serve", help="build, preview the site in a browser, and rebuild and reload on every change"
    )
    _common_options(serve_parser)
    _output_options(serve_parser)
    serve_parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"the port to serve on at 127.0.0.1 (default: {DEFAULT_PORT}; 0 picks a free one)",
    )
    import_parser = commands.add_parser(
        "import",
        help="turn published minutes and agenda packs (.pdf, .docx, .txt, .md) into draft meeting files",
    )
    import_parser.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="agenda packs or minutes to import"
    )
    import_parser.add_argument(
        "--out",
        type=Path,
        help="the content folder to write the drafts into (default: the archive's content folder)",
    )
    _config_option(import_parser)
    import_parser.add_argument("-q", "--quiet", action="store_true", help="do not print the review reports")
    synth_parser = commands.add_parser(
        "synth", help="write a synthetic archive of N meetings, for measuring the build at scale"
    )
    synth_parser.add_argument(
        "--meetings", type=int, required=True, metavar="N", help="how many meetings the archive has"
    )
    synth_parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="where to write DIR/site_config.yaml and DIR/content/ (content/ is replaced)",
    )
    synth_parser.add_argument(
        "--seed", type=int, default=1, help="the same seed gives the same archive (default: 1)"
    )
    synth_parser.add_argument(
        "--hold-back",
        type=int,
        default=0,
        metavar="K",
        help="also write K more meetings to DIR/held-back/, each the newest of its committee, to add later",
    )
    return parser


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write it like 2024-06-13") from None


def build_time() -> dt.datetime | None:
    """The moment in SOURCE_DATE_EPOCH, so builds can be reproduced byte for byte; None for now.
    Either way the build takes its date in the council's time zone (site: time_zone)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return None


def council_today(config: SiteConfig) -> dt.date:
    return Clock.at(build_time() or dt.datetime.now(dt.UTC), config.zone).today


def run() -> NoReturn:
    """The `minutebook` command that installing the package gives (pyproject.toml)."""
    sys.exit(main(sys.argv[1:], prog="minutebook"))


def main(argv: list[str], prog: str = "build.py") -> int:
    """Run one command line; returns the exit code. `prog` is the name help and usage show."""
    parser = make_parser(prog)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv = ["build", *argv]
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    if args.command == "synth":
        return synth(args)
    if args.command == "new":
        return new_meeting(args)
    if args.command == "import":
        return run_import(args)
    options = BuildOptions(
        config_path=args.config,
        out=getattr(args, "out", None),
        base_url=getattr(args, "base_url", None),
        strict=args.strict,
        build_time=build_time(),
        write=args.command != "check",
        wait_for_lock=args.command == "serve",  # a preview rebuilding beside `make build` waits its turn
        track=untracked if args.quiet else terminal_track(),
    )
    if args.command == "serve":
        return serve(PreviewSettings(options, port=args.port, quiet=args.quiet, verbose=args.verbose))
    # Stopped by SIGTERM or Ctrl+C, the build stops its workers and removes its staging folder.
    previous = (
        signal.signal(signal.SIGTERM, _interrupted)
        if threading.current_thread() is threading.main_thread()
        else None
    )
    try:
        result = build(options)
    except KeyboardInterrupt:
        print(f"build interrupted; {options.out or 'the output folder'} was left as it was", file=sys.stderr)
        return 130
    except UnsafeOutput as exc:
        print(f"error: {exc}" + (f"\n    hint: {exc.hint}" if exc.hint else ""), file=sys.stderr)
        return EXIT_USAGE
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return report(result, args)


def _interrupted(signum, frame) -> None:
    raise KeyboardInterrupt


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
    if args.command == "check" and not args.quiet:
        print(f"check passed: {summary_line(result.diagnostics, False, out_label).split(': ', 1)[1]}")
    elif not args.quiet and result.report:
        print(
            f"{summary_line(result.diagnostics, False, out_label)}; {result.pages} pages in {out_label} "
            f"({result.report.written} files written, {result.report.unchanged} unchanged, {result.report.removed} removed; "
            f"{result.rendered} pages rendered)"
        )
    if not args.quiet and result.size is not None and args.command != "check":
        print(
            f"site: {result.size.describe()}"
            + (
                f"; within what {result.host} accepts"
                if result.host and not any(d.code == "host-limit" for d in result.diagnostics)
                else ""
            )
        )
    if args.verbose:
        for stage, seconds in result.timings.items():
            print(f"  {stage}: {seconds:.2f} s")
    return EXIT_OK


def new_meeting(args: argparse.Namespace) -> int:
    diagnostics = Diagnostics()
    config = load_config(args.config, diagnostics)
    if config is None or diagnostics.errors:
        for diagnostic in diagnostics.sorted():
            print(diagnostic.format(), file=sys.stderr)
        return EXIT_CONTENT_ERRORS
    today = council_today(config)
    site = validate_site(config, today, diagnostics)
    try:
        new = plan_new_meeting(config, site, args.committee, args.date)
        problems = check_new_meeting(new, config, site, today)
        if problems:  # the template itself is wrong: a bug, so say exactly what
            for diagnostic in problems:
                print(diagnostic.format(), file=sys.stderr)
            print(
                f"error: the new file would not pass the checks, so {new.label} was not written",
                file=sys.stderr,
            )
            return EXIT_CONTENT_ERRORS
        write_new_meeting(new)
    except CannotCreate as exc:
        print(f"error: {exc}" + (f"\n    hint: {exc.hint}" if exc.hint else ""), file=sys.stderr)
        return EXIT_USAGE
    if args.quiet:
        print(new.label)
        return EXIT_OK
    print(f"wrote {new.label}")
    print("next: fill in the agenda (the notes in the file say how), then preview it with 'make serve'")
    other_errors = sum(d.level is Level.ERROR for d in diagnostics.items)
    if other_errors:
        print(
            f"note: other files of the archive have {other_errors} error{'s' if other_errors != 1 else ''}; 'build.py check' lists them",
            file=sys.stderr,
        )
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    """Import each file into draft meetings; print each review report. Exit 1 when a file could not
    be read or a draft was held back because it fails the archive's checks."""
    from .importer import ImportOptions, import_files

    diagnostics = Diagnostics()
    config = load_config(args.config, diagnostics, None)
    if config is None or diagnostics.errors:
        for diagnostic in diagnostics.sorted():
            print(diagnostic.format(), file=sys.stderr)
        return EXIT_CONTENT_ERRORS
    missing = [path for path in args.files if not path.is_file()]
    if missing:
        for path in missing:
            print(
                f"error: {path}: no such file; give the path of a PDF, Word (.docx) or text file",
                file=sys.stderr,
            )
        return EXIT_USAGE
    results = import_files(
        list(args.files), ImportOptions(config, args.out or config.content_dir, council_today(config))
    )
    failed = False
    for result in results:
        if result.error:
            print(result.error, file=sys.stderr)
            failed = True
            continue
        if not args.quiet:
            print(result.report)
        written = sum(outcome.written for outcome in result.meetings)
        held = sum(bool(outcome.held_back) for outcome in result.meetings)
        failed = failed or held > 0
        print(
            f"import: {result.source.name}: {written} draft meeting(s) written, {held} held back; review report: {result.report_path}"
        )
    return EXIT_CONTENT_ERRORS if failed else EXIT_OK
