"""The whole build, top to bottom, as MkDocs' commands/build.py reads:

    configure -> load and validate -> resolve -> plan products -> make what changed and write

Everything is gathered and checked before anything is written, so content with errors never
changes the published site.

Every output file is a product (products.py): a path, a key computed from exactly what makes it,
and a function that makes it. The stages are pure: they compute, and never learn whether an
earlier build exists. The ledger (ledger.py) is the one place that does: it hands the stages the
work they made before under the same keys, keeps each file whose product's key is unchanged, and
when no input at all has changed, the build stops after checking that. Whatever was kept, the
output is byte for byte that of a build from scratch.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .archive import Archive
from .clock import Clock
from .config import CACHE_FOLDER, SiteConfig, load_config
from .diagnostics import Diagnostic, Diagnostics, Level, SourcePos
from .handbook import build_handbook, handbook_sources
from .hosts import SiteSize, check_host, measure
from .ledger import Ledger, SiteRecord, keeps, read_site
from .parallel import map_chunks
from .products import Product, Reuse, finished, key_of
from .progress import Track, untracked
from .render import TemplateProblem, make_environment, plan_pages, render_page, theme_assets, theme_css
from .render.fingerprint import fingerprint, meeting_parts
from .render.syndication import syndicate
from .resolve import resolve_site
from .search import search_index
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
    resolved: int = (
        0  # committees resolved by this build; the others were taken as an earlier build left them
    )
    size: SiteSize | None = None  # the site's files, bytes and largest file, as written
    host: str = ""  # the host in site_config.yaml the size was checked against


@dataclass(frozen=True)
class _BuildRecord:
    """What the last good build into an output folder reported, kept by the ledger beside the digest
    of its inputs: while those are unchanged, so is the site."""

    diagnostics: tuple[Diagnostic, ...]
    html_files: int
    size: SiteSize | None
    # Embargoes with a time, and when the build ran: the site is unchanged only while the clock
    # has passed the same ones.
    moments: frozenset[dt.datetime]
    now: dt.datetime


class _Laps:
    """How long each stage took."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._clock = time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = now - self._clock
        self._clock = now


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
    check_output_is_ours(out, lambda: read_site(config.cache_dir, out).files)


def _build_into(
    out: Path, config: SiteConfig, options: BuildOptions, diagnostics: Diagnostics
) -> BuildResult:
    ledger = Ledger.open(config.cache_dir)
    try:
        result = _build_with(ledger, out, config, options, diagnostics)
        # The work of a build that failed, or only checked, still spares the next one. (A build
        # that wrote the site has recorded it already, with what it wrote.)
        ledger.commit()
        return result
    finally:
        ledger.close()


def _build_with(
    ledger: Ledger, out: Path, config: SiteConfig, options: BuildOptions, diagnostics: Diagnostics
) -> BuildResult:
    lap = _Laps()
    clock = build_clock(options, config)
    site = ledger.site(out) if options.write else SiteRecord({})
    inputs = _inputs_digest(config, options, clock, ledger)
    if options.write and (unchanged := _unchanged_site(site, inputs, clock, out)) is not None:
        lap("check for changes")
        return BuildResult(
            list(unchanged.diagnostics),
            options.strict and any(d.level is Level.WARNING for d in unchanged.diagnostics),
            out,
            WriteReport(0, len(site.files), 0),
            unchanged.html_files,
            lap.timings,
            size=unchanged.size,
            host=_host_label(config),
        )

    validated = validate_site(config, clock.today, diagnostics, options.track, ledger, clock)
    lap("load and validate")
    resolved = resolve_site(validated, config.municipal_year_start_month, clock.today, diagnostics, ledger)
    lap("resolve")
    failed = bool(diagnostics.errors) or (options.strict and bool(diagnostics.warnings))
    if failed or not options.write:
        return BuildResult(
            diagnostics.sorted(), failed, out, timings=lap.timings, resolved=resolved.committees_resolved
        )

    products = plan_products(resolved.archive, config, clock.today, diagnostics, ledger)
    lap("plan")
    if diagnostics.errors:  # the handbook could not be built
        return BuildResult(diagnostics.sorted(), True, out, timings=lap.timings)

    writer = SiteWriter(out, site.files)
    try:
        try:
            rendered = make_products(products, site, writer, options.track)
        except TemplateProblem as problem:
            diagnostics.error(problem.pos, "template", problem.message, problem.hint)
            writer.abort()
            return BuildResult(diagnostics.sorted(), True, out, timings=lap.timings)
        lap("make")
        # Measured before the swap, so that a site the host would refuse fails a --strict build
        # and leaves the published one in place.
        size = measure({path: record.size for path, record in writer.new_files.items()})
        if config.host is not None:
            check_host(
                size, config.host, config.host_pos or SourcePos(options.config_path.as_posix()), diagnostics
            )
            if options.strict and diagnostics.warnings:
                writer.abort()
                return BuildResult(
                    diagnostics.sorted(), True, out, timings=lap.timings, size=size, host=_host_label(config)
                )
        writer.seal()
        sorted_diagnostics = diagnostics.sorted()
        pages = sum(path.endswith(".html") for path in writer.new_files)
        # Recorded before the swap: a record of a site that then failed to swap in is harmless (a
        # file is kept only while its size and date match), while one that cannot be written
        # must stop the swap.
        ledger.commit(
            out,
            site.files,
            writer.new_files,
            inputs,
            _BuildRecord(tuple(sorted_diagnostics), pages, size, validated.moments, clock.now),
            prune=True,
        )
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
        lap.timings,
        rendered,
        resolved.committees_resolved,
        size,
        _host_label(config),
    )


def plan_products(
    archive: Archive, config: SiteConfig, build_date: dt.date, diagnostics: Diagnostics, ledger: Ledger
) -> list[Product]:
    """Every file of the site as a product: assets, pages, feeds, calendars, open data, the
    sitemap, attachments, the handbook and the search index. Work inside them (calendar events,
    data records, search tiers, the handbook, compiled templates) may come from the ledger."""
    assets = {f"assets/{name}": data for name, data in theme_assets(config.theme_dir).items()}
    assets["assets/theme.css"] = theme_css(config)
    if config.logo:
        assets[f"assets/logo{config.logo.suffix.lower()}"] = config.logo.read_bytes()
    versions = {
        name.removeprefix("assets/"): hashlib.sha256(data).hexdigest()[:10] for name, data in assets.items()
    }
    products = [finished(path, data) for path, data in sorted(assets.items())]

    env = make_environment(config, ledger.bytecode_cache())
    pages = plan_pages(archive)
    # What every page is made from besides its own context.
    shared = key_of(
        _folder_digest(config.templates_dir, ledger),
        config,
        build_date,
        versions,
        archive.committees,
        archive.people,
        archive.topics,
    )
    syndication = syndicate(archive, config, env, pages, shared, ledger)
    products += syndication.products
    pages += syndication.pages
    parts = meeting_parts(archive)
    for page in pages:
        offered = syndication.offered_on.get(page.url, [])
        data = (page.title, page.context, offered)
        key = fingerprint(shared, page.url, page.template, data, archive, parts)
        products.append(
            Product(
                page.output_path,
                key,
                partial(render_page, env, page, archive.build_date, versions, offered),
                parallel=True,
            )
        )
    for meeting in archive.meetings:
        for attachment in meeting.published_attachments:
            source = Path(attachment.source_path)
            products.append(
                Product(
                    f"{meeting.url}{attachment.filename}",
                    key_of("attachment", ledger.digest(source)),
                    source.read_bytes,
                )
            )
    products += [
        finished(path, data) for path, data in sorted(_handbook(config, diagnostics, ledger).items())
    ]
    products += search_index(archive, ledger).products
    return products


def make_products(products: Sequence[Product], site: SiteRecord, writer: SiteWriter, track: Track) -> int:
    """Keep each file the ledger vouches for, make and write the others (pages in worker processes
    when there are many); return how many pages were made."""
    stale: list[Product] = []
    for product in products:
        if keeps(site.files.get(product.path), product, writer.out):
            writer.keep(product.path)
        elif product.parallel:
            stale.append(product)
        else:
            writer.add(product.path, product.key, product.make())
    made_files = (
        file for chunk in map_chunks(_make_chunk, stale, range(len(stale)), chunk_size=48) for file in chunk
    )
    for product, data in zip(stale, track(made_files, "render pages", len(stale)), strict=True):
        writer.add(product.path, product.key, data)
    return len(stale)


def _make_chunk(products: Sequence[Product], places: Sequence[int]) -> list[bytes]:
    return [products[place].make() for place in places]


def build_clock(options: BuildOptions, config: SiteConfig) -> Clock:
    """The build's date and time in the council's time zone (site: time_zone), not the machine's."""
    if options.build_time is not None:
        return Clock.at(options.build_time, config.zone)
    if options.build_date is not None:
        return Clock.start_of(options.build_date, config.zone)
    return Clock.at(dt.datetime.now(dt.UTC), config.zone)


def _inputs_digest(config: SiteConfig, options: BuildOptions, clock: Clock, reuse: Reuse) -> str:
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
            files.append((str(folder), reuse.digest(folder)))
        for path in _files_under(str(folder)):
            files.append((path, reuse.digest(path)))
    if config.logo:
        files.append((config.logo.as_posix(), reuse.digest(config.logo)))
    files.append((str(options.config_path.resolve()), reuse.digest(options.config_path)))
    return key_of(options.base_url, options.strict, clock.today, files)


def _unchanged_site(site: SiteRecord, inputs: str, clock: Clock, out: Path) -> _BuildRecord | None:
    """The last build's record, if nothing the site is made from has changed since, the clock has
    passed the same embargoes, and the site is as that build left it."""
    record = site.build
    if not isinstance(record, _BuildRecord) or site.inputs != inputs:
        return None
    if record.moments and passed(record.moments, record.now) != passed(record.moments, clock.now):
        return None
    return record if intact_files(out, site.files) is not None else None


def _handbook(config: SiteConfig, diagnostics: Diagnostics, ledger: Ledger) -> dict[str, bytes]:
    """The handbook is made from the product's own docs/, not the council's content, so it is kept
    in the ledger beside its mkdocs.yml, which every site built with it shares."""
    sources = handbook_sources(config.handbook_config, diagnostics, config.root)
    if sources is None:
        return {}
    beside = sources.config_file.parent / CACHE_FOLDER
    if beside.resolve() == config.cache_dir.resolve():
        return build_handbook(sources, config, diagnostics, ledger)
    shared = Ledger.open(beside)
    try:
        files = build_handbook(sources, config, diagnostics, shared)
        shared.commit()
        return files
    finally:
        shared.close()


def _files_under(folder: str) -> list[str]:
    """Every file below `folder`, as paths in a stable order (strings: there are tens of thousands)."""
    found: list[str] = []
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


def _folder_digest(folder: Path, reuse: Reuse) -> str:
    """The folder's files by name and content (their digests were taken with the inputs')."""
    return key_of([(os.path.relpath(path, folder), reuse.digest(path)) for path in _files_under(str(folder))])


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
