"""The whole build, top to bottom: load -> validate -> resolve -> render (+ handbook) -> index -> write.

Everything is gathered and checked before anything is written, so content with errors never
changes the published site.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from .archive import Archive
from .config import SiteConfig, load_config
from .diagnostics import Diagnostic, Diagnostics
from .handbook import build_handbook
from .progress import Track, untracked
from .render import TemplateProblem, make_environment, plan_pages, render_page, theme_assets, theme_css
from .render.syndication import syndicate
from .resolve import resolve_site
from .search import search_files
from .validate import validate_site
from .write import WriteReport, check_output_folder, write_site


@dataclass(frozen=True)
class BuildOptions:
    config_path: Path
    out: Path | None = None
    base_url: str | None = None
    strict: bool = False
    build_date: dt.date | None = None
    write: bool = True
    track: Track = untracked  # reports the progress of long stages (a bar on a terminal)


@dataclass
class BuildResult:
    diagnostics: list[Diagnostic]
    failed: bool
    out: Path | None = None
    report: WriteReport | None = None
    pages: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def build(options: BuildOptions) -> BuildResult:
    diagnostics = Diagnostics()
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    config = load_config(options.config_path, diagnostics, options.base_url)
    if config is None or diagnostics.errors:
        return BuildResult(diagnostics.sorted(), True)
    build_date = options.build_date or dt.date.today()
    out = options.out or (config.root / "_site")
    validated = validate_site(config, build_date, diagnostics, options.track)
    lap("load and validate")
    archive = resolve_site(validated, config.municipal_year_start_month, build_date, diagnostics)
    lap("resolve")
    failed = bool(diagnostics.errors) or (options.strict and bool(diagnostics.warnings))
    if failed or not options.write:
        return BuildResult(diagnostics.sorted(), failed, out, timings=timings)

    try:
        files = render_site(archive, config, options.track)
    except TemplateProblem as problem:
        diagnostics.error(problem.pos, "template", problem.message, problem.hint)
        return BuildResult(diagnostics.sorted(), True, out, timings=timings)
    lap("render")
    files.update(build_handbook(config, diagnostics))
    if diagnostics.errors:
        return BuildResult(diagnostics.sorted(), True, out, timings=timings)
    lap("handbook")
    files.update(search_files(archive))
    lap("index")
    check_output_folder(out, [config.content_dir, config.templates_dir, config.theme_dir, options.config_path])
    report = write_site(files, out, config.cache_dir / f"manifest-{_folder_key(out)}.json", options.track)
    lap("write")
    return BuildResult(diagnostics.sorted(), False, out, report, sum(name.endswith(".html") for name in files), timings)


def render_site(archive: Archive, config: SiteConfig, track: Track = untracked) -> dict[str, bytes]:
    """Every output file, keyed by its path inside the output folder."""
    assets = {f"assets/{name}": data for name, data in theme_assets(config.theme_dir).items()}
    assets["assets/theme.css"] = theme_css(config)
    if config.logo:
        assets[f"assets/logo{config.logo.suffix.lower()}"] = config.logo.read_bytes()
    versions = {name.removeprefix("assets/"): hashlib.sha256(data).hexdigest()[:10] for name, data in assets.items()}
    env = make_environment(config, config.cache_dir / "templates")
    files = dict(assets)
    pages = plan_pages(archive)
    syndication = syndicate(archive, config, env, pages)
    files.update(syndication.files)
    every_page = pages + syndication.pages
    for page in track(every_page, "render pages", len(every_page)):
        files[page.output_path] = render_page(env, page, archive, versions, syndication.offered_on.get(page.url, []))
    for meeting in archive.meetings:
        for attachment in meeting.published_attachments:
            files[f"{meeting.url}{attachment.filename}"] = Path(attachment.source_path).read_bytes()
    return files


def _folder_key(out: Path) -> str:
    return hashlib.sha256(str(out.resolve()).encode("utf-8")).hexdigest()[:12]
