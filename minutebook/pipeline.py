"""The whole build, top to bottom: load -> validate -> resolve -> render (+ handbook) -> index -> write.

Everything is gathered and checked before anything is written, so content with errors never
changes the published site.

Builds are incremental (cache.py): a meeting file unchanged since the last build is not read
again, a page whose inputs are unchanged is not rendered again, and when no input at all has
changed the build stops after checking that. Whatever was reused, the output is byte for byte
the output of a build from scratch.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

import jinja2

from .archive import Archive
from .cache import FileDigests, Memo, PickleStore, code_version, digest_of, read_pickle, write_pickle
from .clock import Clock
from .config import SiteConfig, load_config
from .diagnostics import Diagnostic, Diagnostics, Level, SourcePos
from .handbook import build_handbook, handbook_sources
from .hosts import SiteSize, check_host, measure
from .parallel import map_chunks
from .progress import Track, untracked
from .render import Page, TemplateProblem, make_environment, plan_pages, render_page, theme_assets, theme_css
from .render.fingerprint import fingerprint, meeting_parts
from .render.published import Subscription
from .render.syndication import syndicate
from .resolve import resolve_changes
from .search import KeptTier, TierSummary, search_index
from .validate import passed, validate_site
from .write import (
    OutputBusy,
    SiteWriter,
    WriteReport,
    check_output_folder,
    check_output_is_ours,
    explain_os_error,
    intact_files,
    output_lock,
)


@dataclass(frozen=True)
class BuildOptions:
    config_path: Path
    out: Path | None = None
    base_url: str | None = None
    strict: bool = False
    build_date: dt.date | None = None  # the council's date to build for (the build runs at its start)
    build_time: dt.datetime | None = None  # the moment to build at (aware); default: now
    write: bool = True
    # Whether to wait for another build writing into the same folder (serve), or fail at once.
    wait_for_lock: bool = False
    track: Track = untracked  # reports the progress of long stages (a bar on a terminal)


@dataclass
class BuildResult:
    diagnostics: list[Diagnostic]
    failed: bool
    out: Path | None = None
    report: WriteReport | None = None
    pages: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    rendered: int = 0  # pages rendered by this build; the others were unchanged and kept
    resolved: int = 0  # committees resolved by this build; the others were as the last build left them
    size: SiteSize | None = None  # the site's files, bytes and largest file, as written
    host: str = ""  # the host in site_config.yaml the size was checked against


@dataclass(frozen=True)
class _BuildRecord:
    """What the last good build into an output folder was made from, and what it made."""

    inputs: str
    diagnostics: tuple[Diagnostic, ...]
    pages: dict[str, str]  # output path -> fingerprint
    html_files: int
    # The search index's tiers; a record from before tiers has none, and every tier is remade.
    search_tiers: tuple[TierSummary, ...] = ()
    size: SiteSize | None = None
    # Embargoes with a time, and when the build ran: the site is unchanged only while the clock
    # has passed the same ones.
    moments: frozenset[dt.datetime] = frozenset()
    now: dt.datetime | None = None


def build(options: BuildOptions) -> BuildResult:
    with _collector_paused():
        return _build(options)


def _build(options: BuildOptions) -> BuildResult:
    diagnostics = Diagnostics()
    config = load_config(options.config_path, diagnostics, options.base_url)
    if config is None or diagnostics.errors:
        return BuildResult(diagnostics.sorted(), True)
    out = options.out or (config.root / "_site")
    if not options.write:
        return _build_into(out, config, options, diagnostics)
    check_output(config, options.config_path, out)
    try:
        with output_lock(out, options.wait_for_lock):
            return _build_into(out, config, options, diagnostics)
    except OutputBusy as busy:
        diagnostics.error(
            SourcePos(str(out)),
            "output-busy",
            f"another build is writing to {out} ({busy}); the site was not written",
            "wait for it to finish and build again, or build into another folder with --out",
        )
    except OSError as exc:  # a full, read-only or vanished disk; the writer has removed its staging folder
        path, message, hint = explain_os_error(exc, out)
        diagnostics.error(SourcePos(path), "write", message, hint)
    return BuildResult(diagnostics.sorted(), True, out)


def check_output(config: SiteConfig, config_path: Path, out: Path) -> None:
    """Raise UnsafeOutput when building into `out` would overwrite the sources or files a build did not make."""
    check_output_folder(out, [config.content_dir, config.templates_dir, config.theme_dir, config_path])
    check_output_is_ours(out, config.cache_dir / f"manifest-{_folder_key(out)}.json")


def _build_into(
    out: Path, config: SiteConfig, options: BuildOptions, diagnostics: Diagnostics
) -> BuildResult:
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    council_clock = build_clock(options, config)
    build_date = council_clock.today
    cache_dir = config.cache_dir
    out_key = _folder_key(out)
    manifest_path = cache_dir / f"manifest-{out_key}.json"
    record_path = cache_dir / f"build-{out_key}.pickle"
    pieces_path = cache_dir / f"pieces-{out_key}.pickle"
    use_cache = options.write
    digests = FileDigests.load(cache_dir / "files.json") if use_cache else None

    if options.write:
        inputs = _inputs_digest(config, options, build_date, digests)
        record = read_pickle(record_path)
        same = (
            isinstance(record, _BuildRecord)
            and record.inputs == inputs
            and (
                not record.moments
                or (
                    record.now is not None
                    and passed(record.moments, record.now) == passed(record.moments, council_clock.now)
                )
            )
        )
        kept = intact_files(out, manifest_path) if same else None
        if kept is not None:
            # Nothing the site is made from has changed, and the site is as the last build left it.
            lap("check for changes")
            digests.save()
            failed = options.strict and any(d.level is Level.WARNING for d in record.diagnostics)
            return BuildResult(
                list(record.diagnostics),
                failed,
                out,
                WriteReport(0, kept, 0),
                record.html_files,
                timings,
                size=record.size,
                host=_host_label(config),
            )

    parsed = PickleStore(cache_dir / "parsed") if use_cache else None
    validated = validate_site(config, build_date, diagnostics, options.track, digests, parsed, council_clock)
    lap("load and validate")
    resolutions = PickleStore(cache_dir / "resolved") if use_cache else None
    previous_resolutions = (
        {slug: resolutions.get(slug) for slug in sorted({m.committee.slug for m in validated.meetings})}
        if resolutions
        else {}
    )
    resolved = resolve_changes(
        validated, config.municipal_year_start_month, build_date, diagnostics, previous_resolutions
    )
    archive = resolved.archive
    lap("resolve")
    failed = bool(diagnostics.errors) or (options.strict and bool(diagnostics.warnings))
    if failed or not options.write:
        return BuildResult(
            diagnostics.sorted(), failed, out, timings=timings, resolved=len(resolved.resolved)
        )
    for slug, resolution in resolved.resolved.items():
        resolutions.put(slug, resolution)

    previous = record.pages if isinstance(record, _BuildRecord) else {}
    pieces = read_pickle(pieces_path)
    memo = Memo(pieces if isinstance(pieces, dict) else {})
    writer = SiteWriter(out, manifest_path)
    try:
        try:
            fingerprints, rendered = _render_site(
                archive, config, build_date, writer, previous, memo, options.track
            )
        except TemplateProblem as problem:
            diagnostics.error(problem.pos, "template", problem.message, problem.hint)
            writer.abort()
            return BuildResult(diagnostics.sorted(), True, out, timings=timings)
        lap("render")
        handbook = build_handbook(config, diagnostics)
        if diagnostics.errors:
            writer.abort()
            return BuildResult(diagnostics.sorted(), True, out, timings=timings)
        for path, data in sorted(handbook.items()):
            writer.add(path, data)
        lap("handbook")
        search = search_index(
            archive, _kept_tier(record.search_tiers if isinstance(record, _BuildRecord) else (), writer)
        )
        for path in search.kept:
            writer.keep(path)
        for path, data in sorted(search.files.items()):
            writer.add(path, data)
        lap("index")
        # Measured before the swap, so that a site the host would refuse fails a --strict build
        # and leaves the published one in place.
        size = measure({relative: recorded[1] for relative, recorded in writer.new_manifest.items()})
        if config.host is not None:
            check_host(
                size, config.host, config.host_pos or SourcePos(options.config_path.as_posix()), diagnostics
            )
            if options.strict and diagnostics.warnings:
                writer.abort()
                return BuildResult(
                    diagnostics.sorted(), True, out, timings=timings, size=size, host=_host_label(config)
                )
        # Everything that can fail (a full disk) is done before the new site is swapped in.
        writer.seal()
        sorted_diagnostics = diagnostics.sorted()
        pages = sum(path.endswith(".html") for path in writer.new_manifest)
        write_pickle(
            record_path,
            _BuildRecord(
                inputs,
                tuple(sorted_diagnostics),
                fingerprints,
                pages,
                search.tiers,
                size,
                validated.moments,
                council_clock.now,
            ),
        )
        write_pickle(pieces_path, memo.used)
        parsed.prune()
        resolutions.prune()
        digests.save()
        report = writer.finish()
    except BaseException:
        writer.abort()
        raise
    lap("write")
    return BuildResult(
        sorted_diagnostics,
        False,
        out,
        report,
        pages,
        timings,
        rendered,
        len(resolved.resolved),
        size,
        _host_label(config),
    )


@dataclass(frozen=True)
class _RenderJob:
    """What a render worker needs; forked workers inherit it rather than receive a copy."""

    archive: Archive
    env: jinja2.Environment
    pages: Sequence[Page]
    versions: dict[str, str]
    offered_on: dict[str, list[Subscription]]


def _render_pages(job: _RenderJob, indexes: Sequence[int]) -> list[tuple[str, bytes]]:
    return [
        (
            job.pages[i].output_path,
            render_page(
                job.env,
                job.pages[i],
                job.archive.build_date,
                job.versions,
                job.offered_on.get(job.pages[i].url, []),
            ),
        )
        for i in indexes
    ]


def _render_site(
    archive: Archive,
    config: SiteConfig,
    build_date: dt.date,
    writer: SiteWriter,
    previous: dict[str, str],
    memo: Memo,
    track: Track,
) -> tuple[dict[str, str], int]:
    """Write every output file: pages, feeds and calendars whose fingerprint is unchanged are kept
    from the last build, the others made again (pages in worker processes when there are many)."""
    assets = {f"assets/{name}": data for name, data in theme_assets(config.theme_dir).items()}
    assets["assets/theme.css"] = theme_css(config)
    if config.logo:
        assets[f"assets/logo{config.logo.suffix.lower()}"] = config.logo.read_bytes()
    versions = {
        name.removeprefix("assets/"): hashlib.sha256(data).hexdigest()[:10] for name, data in assets.items()
    }
    for name, data in sorted(assets.items()):
        writer.add(name, data)

    env = make_environment(config, config.cache_dir / "templates")
    pages = plan_pages(archive)
    shared = digest_of(
        code_version(),
        _folder_digest(config.templates_dir),
        config,
        build_date,
        versions,
        archive.committees,
        archive.people,
        archive.topics,
    )
    syndication = syndicate(archive, config, env, pages, shared, memo)
    for name, data in sorted(syndication.files.items()):
        writer.add(name, data)
    fingerprints: dict[str, str] = {}
    for name, lazy in sorted(syndication.lazy.items()):
        fingerprints[name] = lazy.fingerprint
        if previous.get(name) == lazy.fingerprint and writer.intact(name):
            writer.keep(name)
        else:
            writer.add(name, lazy.make())
    pages += syndication.pages
    parts = meeting_parts(archive)
    stale: list[int] = []
    for index, page in enumerate(pages):
        path = page.output_path
        data = (page.title, page.context, syndication.offered_on.get(page.url, []))
        fingerprints[path] = fingerprint(shared, page.url, page.template, data, archive, parts)
        if previous.get(path) == fingerprints[path] and writer.intact(path):
            writer.keep(path)
        else:
            stale.append(index)
    job = _RenderJob(archive, env, pages, versions, syndication.offered_on)
    rendered = (page for chunk in map_chunks(_render_pages, job, stale, chunk_size=48) for page in chunk)
    for path, html in track(rendered, "render pages", len(stale)):
        writer.add(path, html)
    for meeting in archive.meetings:
        for attachment in meeting.published_attachments:
            writer.add(f"{meeting.url}{attachment.filename}", Path(attachment.source_path).read_bytes())
    return fingerprints, len(stale)


def _kept_tier(previous: Sequence[TierSummary], writer: SiteWriter) -> KeptTier:
    """A search tier made from the same meetings and registries as last time, whose files are all
    still as that build left them, is kept rather than remade."""
    by_digest = {summary.digest: summary for summary in previous}

    def kept(digest: str) -> TierSummary | None:
        summary = by_digest.get(digest)
        if summary is not None and all(writer.intact(path) for path in summary.paths):
            return summary
        return None

    return kept


def build_clock(options: BuildOptions, config: SiteConfig) -> Clock:
    """The build's date and time in the council's time zone (site: time_zone), not the machine's."""
    if options.build_time is not None:
        return Clock.at(options.build_time, config.zone)
    if options.build_date is not None:
        return Clock.start_of(options.build_date, config.zone)
    return Clock.at(dt.datetime.now(dt.timezone.utc), config.zone)


def _inputs_digest(
    config: SiteConfig, options: BuildOptions, build_date: dt.date, digests: FileDigests
) -> str:
    """Everything a build reads: when this is unchanged, so is the site."""
    files = []
    handbook = handbook_sources(config.handbook_config, Diagnostics(), config.root)
    for folder in (
        config.content_dir,
        config.templates_dir,
        config.theme_dir,
        *(handbook.watched if handbook else ()),
    ):
        if folder.is_file():
            files.append((str(folder), digests.digest(folder)))
        for path in _files_under(str(folder)):
            files.append((path, digests.digest(path)))
    if config.logo:
        files.append((config.logo.as_posix(), digests.digest(config.logo)))
    files.append((str(options.config_path.resolve()), digests.digest(options.config_path)))
    return digest_of(code_version(), options.base_url, options.strict, build_date, files)


def _files_under(folder: str) -> list[str]:
    """Every file below `folder`, as paths in a stable order (strings: there are tens of thousands)."""
    found = []
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return found
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            found += _files_under(entry.path)
        elif entry.is_file():
            found.append(entry.path)
    return found


def _folder_digest(folder: Path) -> str:
    return digest_of(
        [(os.path.relpath(path, folder), Path(path).read_bytes()) for path in _files_under(str(folder))]
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A build makes millions of small objects that live until it ends; the cyclic garbage
    collector would scan them over and over for nothing. (Worker processes collect as usual.)"""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _host_label(config: SiteConfig) -> str:
    return config.host.label if config.host else ""


def _folder_key(out: Path) -> str:
    return hashlib.sha256(str(out.resolve()).encode("utf-8")).hexdigest()[:12]
