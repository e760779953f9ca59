"""The handbook for clerks and web teams: Markdown in docs/, built by mkdocs in strict mode and
published with the site under help/.

mkdocs runs only when the handbook's sources (or the site details it shows) change: the built
handbook is work keyed by everything it was made from (products.py), so a build handed earlier
work normally just takes the finished pages.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import markupsafe
import mkdocs
import mkdocs.commands.build
import mkdocs.config
import mkdocs.exceptions

from .config import SiteConfig
from .diagnostics import Diagnostics, SourcePos, relative_label
from .products import Reuse, fresh, key_of

HELP_FOLDER = "help/"
# mkdocs always writes a sitemap; the handbook's would list addresses without the site's base URL.
_NOT_PUBLISHED = frozenset({"sitemap.xml", "sitemap.xml.gz"})
_DOC_FILE = re.compile(r"Doc file '([^']+)'")


@dataclass(frozen=True)
class HandbookSources:
    config_file: Path
    docs_dir: Path
    theme_dir: Path | None

    @property
    def watched(self) -> tuple[Path, ...]:
        """What to watch for changes while previewing."""
        return tuple(path for path in (self.config_file, self.docs_dir, self.theme_dir) if path is not None)


def handbook_sources(config_file: Path, diagnostics: Diagnostics, site_root: Path) -> HandbookSources | None:
    with _mkdocs_messages(diagnostics, config_file, None, site_root):
        try:
            settings = mkdocs.config.load_config(str(config_file))
        except mkdocs.exceptions.MkDocsException as exc:
            diagnostics.error(
                SourcePos(relative_label(config_file, site_root)),
                "handbook",
                f"the handbook's settings could not be read: {exc}",
                "check mkdocs.yml against https://www.mkdocs.org/user-guide/configuration/",
            )
            return None
    custom_dir = settings.theme.custom_dir
    return HandbookSources(config_file, Path(settings.docs_dir), Path(custom_dir) if custom_dir else None)


def build_handbook(
    sources: HandbookSources, config: SiteConfig, diagnostics: Diagnostics, reuse: Reuse = fresh
) -> dict[str, bytes]:
    """Every file of the built handbook, keyed by its path in the site (help/...); {} on errors."""
    details = _site_details(config)
    built = reuse(
        key_of("handbook", _sources_key(sources, details)),
        lambda: _run_mkdocs(sources, details, diagnostics, config.root),
    )
    if built is None:
        return {}
    return {HELP_FOLDER + name: data for name, data in built.items()}


def _site_details(config: SiteConfig) -> dict[str, str]:
    """What the handbook's pages show of the site they are published with, HTML-escaped: mkdocs
    renders its themes without autoescaping, so a theme (ours, or a council's own) prints these
    as they are given. Markup keeps a theme that does escape from escaping them twice."""
    return {
        "council": markupsafe.escape(config.council_name),
        "archive_title": markupsafe.escape(config.title),
        "language": markupsafe.escape(config.language),
    }


def _sources_key(sources: HandbookSources, details: dict[str, str]) -> str:
    digest = hashlib.sha256()
    digest.update(f"mkdocs {mkdocs.__version__}\n".encode())
    for name in sorted(details):
        digest.update(f"{name}={details[name]}\n".encode())
    digest.update(sources.config_file.read_bytes())
    for folder in (sources.docs_dir, sources.theme_dir):
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:20]


def _run_mkdocs(
    sources: HandbookSources, details: dict[str, str], diagnostics: Diagnostics, site_root: Path
) -> dict[str, bytes] | None:
    errors_before = len(diagnostics.errors)
    with (
        tempfile.TemporaryDirectory(prefix="minutebook-handbook-") as out,
        _mkdocs_messages(diagnostics, sources.config_file, sources.docs_dir, site_root),
    ):
        try:
            settings = mkdocs.config.load_config(
                str(sources.config_file), site_dir=out, strict=True, extra=details
            )
            mkdocs.commands.build.build(settings)
        except mkdocs.exceptions.MkDocsException as exc:
            if len(diagnostics.errors) == errors_before:
                diagnostics.error(
                    SourcePos(relative_label(sources.config_file, site_root)),
                    "handbook",
                    f"the handbook could not be built: {exc}",
                    "run 'make docs' to see mkdocs' own report",
                )
            return None
        files = _read_folder(Path(out))
    return {name: data for name, data in files.items() if name not in _NOT_PUBLISHED}


class _Collector(logging.Handler):
    """Turns mkdocs' warnings into diagnostics: in strict mode each one stops the build."""

    def __init__(
        self, diagnostics: Diagnostics, config_file: Path, docs_dir: Path | None, site_root: Path
    ) -> None:
        super().__init__(logging.WARNING)
        self.diagnostics = diagnostics
        self.config_file = config_file
        self.docs_dir = docs_dir
        self.site_root = site_root

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        match = _DOC_FILE.search(message)
        where = self.docs_dir / match.group(1) if match and self.docs_dir else self.config_file
        self.diagnostics.error(
            SourcePos(relative_label(where, self.site_root)),
            "handbook",
            f"the handbook could not be built: {message}",
            "fix the page or link named, then run 'make docs' to check",
        )


@contextlib.contextmanager
def _mkdocs_messages(diagnostics: Diagnostics, config_file: Path, docs_dir: Path | None, site_root: Path):
    """Collect mkdocs' warnings as diagnostics instead of letting them print."""
    logger = logging.getLogger("mkdocs")
    handler = _Collector(diagnostics, config_file, docs_dir, site_root)
    propagate = logger.propagate
    logger.propagate = False
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _read_folder(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
