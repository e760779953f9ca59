"""`build.py serve`: build the site, serve it on this computer, and rebuild and reload the browser
whenever a source file changes, so a clerk sees an edit exactly as residents will.

The serving, watching and reloading are mkdocs' live-reload server; this module adds what a
clerk needs on top. A build with errors leaves the output folder as it was (the pipeline never
writes a broken site), so the last good site stays served, and every page then shows the errors,
with file:line and hints, above it until the file is fixed and saved.
"""

from __future__ import annotations

import html
import logging
import signal
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from mkdocs.livereload import LiveReloadServer

from .config import SiteConfig, load_config
from .diagnostics import Diagnostic, Diagnostics, Level, summary_line
from .handbook import HELP_FOLDER, handbook_sources
from .pipeline import BuildOptions, BuildResult, build, check_output
from .write import UnsafeOutput

HOST = "127.0.0.1"
DEFAULT_PORT = 8000
_PANEL_ID = "minutebook-build-problems"


@dataclass(frozen=True)
class PreviewSettings:
    build: BuildOptions
    port: int = DEFAULT_PORT
    quiet: bool = False
    verbose: bool = False


class Preview:
    """Builds the site and remembers what the last build found wrong."""

    def __init__(self, settings: PreviewSettings, config: SiteConfig, stream: TextIO) -> None:
        self.settings = settings
        self.config = config
        self.stream = stream
        self.out = (settings.build.out or config.root / "_site").resolve()
        self.problems: list[Diagnostic] = []  # what the panel above each page shows
        self.failed = False
        self.crash = ""  # a failure of the build itself (not of the content), with details in the terminal
        # Warnings the archive had when the preview started are the clerk's background, not news:
        # the panel shows only warnings that appear after that (the terminal prints them all).
        self.known_warnings: set[tuple[str, str, str]] | None = None

    def rebuild(self) -> None:
        """Build once. Never raises: whatever goes wrong is shown in the terminal and the browser."""
        started = time.perf_counter()
        options = self.settings.build
        try:
            result = build(options)
        except Exception:  # a bug or a broken disk: keep serving the last good site and say so
            self.crash = traceback.format_exc().strip().splitlines()[-1]
            self.problems = []
            self._say(
                f"the build stopped unexpectedly; the preview still shows the last good site\n{traceback.format_exc()}",
                error=True,
            )
            return
        self.crash = ""
        warnings = [d for d in result.diagnostics if d.level is Level.WARNING]
        if self.known_warnings is None:
            self.known_warnings = {_warning_key(d) for d in warnings}
        self.failed = result.failed
        if result.failed and not options.strict:
            self.problems = [d for d in result.diagnostics if d.level is Level.ERROR]
        elif result.failed:
            self.problems = [d for d in result.diagnostics if d.level is not Level.NOTE]
        else:
            self.problems = [d for d in warnings if _warning_key(d) not in self.known_warnings]
        self._report(result, time.perf_counter() - started)
        reread = load_config(options.config_path, Diagnostics(), options.base_url)
        if reread is not None:
            self.config = reread

    def watched(self) -> list[Path]:
        """The sources whose changes trigger a rebuild."""
        paths = [
            self.settings.build.config_path,
            self.config.content_dir,
            self.config.templates_dir,
            self.config.theme_dir,
        ]
        if self.config.logo:
            paths.append(self.config.logo)
        sources = handbook_sources(self.config.handbook_config, Diagnostics(), self.config.root)
        if sources:
            paths += sources.watched
        return sorted({path.resolve() for path in paths if path.exists()})

    def _report(self, result: BuildResult, seconds: float) -> None:
        for diagnostic in result.diagnostics:
            self._say(diagnostic.format(), error=True)
        if result.failed:
            counts = summary_line(result.diagnostics, True, "").split(";")[0]
            self._say(
                f"{counts}; the preview shows the last good site, with the problems above each page, until the file is fixed and saved",
                error=True,
            )
        elif not self.settings.quiet and result.report:
            written = result.report.written + result.report.removed
            self._say(
                f"built in {seconds:.2f} s: {written} file{'s' if written != 1 else ''} changed, {result.pages} pages"
            )

    def _say(self, text: str, error: bool = False) -> None:
        stream = sys.stderr if error else self.stream
        print(f"[{time.strftime('%H:%M:%S')}] {text}", file=stream, flush=True)

    def panel(self) -> str:
        """The problems of the last build as HTML to put above a page; '' when there are none."""
        if not self.problems and not self.crash:
            return ""
        failed = self.failed or bool(self.crash)
        count, plural = len(self.problems), "s" if len(self.problems) != 1 else ""
        if self.crash:
            heading, explanation = (
                "The site could not be rebuilt",
                f"The build stopped unexpectedly ({html.escape(self.crash)}); the terminal shows the details.",
            )
        elif failed:
            heading = f"The site could not be rebuilt: {count} problem{plural} to fix"
            explanation = "Below is the last version that built. It updates by itself as soon as the file is fixed and saved."
        else:
            heading = f"The site was rebuilt with {count} new warning{plural}"
            explanation = (
                "The page below is up to date. Warnings do not stop the build, but each one is worth a look."
            )
        colour = "#d4351c" if failed else "#f47738"
        items = "".join(self._problem_html(diagnostic) for diagnostic in self.problems)
        listed = f'<ul style="margin:0;padding-left:1.25rem;">{items}</ul>' if items else ""
        return (
            f'<div id="{_PANEL_ID}" role="alert" style="font-family:system-ui,sans-serif;font-size:1rem;line-height:1.4;'
            f'color:#0b0c0c;background:#fff;border:5px solid {colour};margin:0;padding:1rem 1.25rem;">'
            f'<h2 style="margin:0 0 .5rem;font-size:1.4rem;">{html.escape(heading)}</h2>'
            f'<p style="margin:0 0 .75rem;">{explanation}</p>'
            f"{listed}"
            "</div>"
        )

    def _problem_html(self, diagnostic: Diagnostic) -> str:
        help_page = f"{self.config.base_path}{HELP_FOLDER}errors/#{diagnostic.code}"
        hint = (
            f'<br><span style="color:#505a5f;">How to fix: {html.escape(diagnostic.hint)}</span>'
            if diagnostic.hint
            else ""
        )
        return (
            '<li style="margin-bottom:.6rem;">'
            f'<code style="font-weight:700;word-break:break-all;">{html.escape(str(diagnostic.pos))}</code> '
            f'{diagnostic.level.value}[<a href="{html.escape(help_page)}">{html.escape(diagnostic.code)}</a>]: '
            f"{html.escape(diagnostic.message)}{hint}</li>"
        )


class PreviewServer(LiveReloadServer):
    """mkdocs' live-reload server, showing the last build's problems above every page it serves."""

    def __init__(self, preview: Preview, port: int, stream: TextIO) -> None:
        super().__init__(
            builder=self._rebuild,
            host=HOST,
            port=port,
            root=str(preview.out),
            mount_path=preview.config.base_path,
        )
        self.preview = preview
        self.stream = stream
        self.error_handler = self._not_found
        self._watching: set[str] = set()
        self._sync_watches()

    def _rebuild(self) -> None:
        self.preview.rebuild()
        self._sync_watches()

    def _sync_watches(self) -> None:
        """Watch what the configuration names now (it may have been edited to name other folders)."""
        wanted = {str(path) for path in self.preview.watched()}
        for path in sorted(self._watching - wanted):
            self.unwatch(path)
        for path in sorted(wanted - self._watching):
            self.watch(path)
        self._watching = wanted

    def server_activate(self) -> None:
        super().server_activate()
        # Bound by now, so a port of 0 has become a real one.
        self.url = f"http://{HOST}:{self.server_address[1]}{self.mount_path}"
        print(f"Previewing the site at {self.url}", file=self.stream, flush=True)
        if not self.preview.settings.quiet:
            print(
                "Saving a change to the content, templates, theme or site_config.yaml rebuilds it and reloads the browser. Press Ctrl+C to stop.",
                file=self.stream,
                flush=True,
            )

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        panel = self.preview.panel().encode("utf-8")
        if panel:
            content = _after_body_tag(content, panel)
        return super()._inject_js_into_html(content, epoch)

    def _not_found(self, code: int) -> bytes | None:
        """The site's own 404 page (or a bare one before any build succeeded), with problems and reloading."""
        if code != 404:
            return None
        page = self.preview.out / "404.html"
        content = (
            page.read_bytes()
            if page.is_file()
            else b"<!DOCTYPE html><html><head><title>Not built yet</title></head><body><p>This page has not been built yet.</p></body></html>"
        )
        with self._epoch_cond:
            epoch = self._visible_epoch
        return self._inject_js_into_html(content, epoch)


def _warning_key(diagnostic: Diagnostic) -> tuple[str, str, str]:
    """A warning, wherever its line moves as the file is edited."""
    return diagnostic.code, diagnostic.pos.path, diagnostic.message


def _after_body_tag(content: bytes, insert: bytes) -> bytes:
    start = content.find(b"<body")
    end = content.find(b">", start) + 1 if start >= 0 else 0
    return content[:end] + insert + content[end:]


def serve(settings: PreviewSettings, stream: TextIO = sys.stdout) -> int:
    """Build, then serve until interrupted. Returns the exit code."""
    diagnostics = Diagnostics()
    config = load_config(settings.build.config_path, diagnostics, settings.build.base_url)
    if config is None or diagnostics.errors:
        for diagnostic in diagnostics.sorted():
            print(diagnostic.format(), file=sys.stderr)
        print(summary_line(diagnostics.sorted(), True, "the output folder"), file=sys.stderr)
        return 1
    _show_server_messages(settings.verbose)
    preview = Preview(settings, config, stream)
    try:
        check_output(config, settings.build.config_path, preview.out)
    except UnsafeOutput as exc:
        print(f"error: {exc}" + (f"\n    hint: {exc.hint}" if exc.hint else ""), file=sys.stderr)
        return 2
    # Writing into a watched folder would set off a rebuild after every rebuild.
    watching = next((folder for folder in preview.watched() if folder in preview.out.parents), None)
    if watching is not None:
        print(
            f"error: the output folder {preview.out} is inside {watching}, which serve watches for changes; choose another folder with --out",
            file=sys.stderr,
        )
        return 2
    preview.out.mkdir(parents=True, exist_ok=True)
    preview.rebuild()
    server = PreviewServer(preview, settings.port, stream)
    previous_handler = signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve()
    except KeyboardInterrupt:
        if not settings.quiet:
            print("Stopped previewing.", file=stream, flush=True)
    except OSError as exc:  # binding the port, the first thing serve() does
        print(
            f"error: cannot serve on port {settings.port}: {exc.strerror}; choose another with --port",
            file=sys.stderr,
        )
        return 2
    finally:
        server.shutdown()
        signal.signal(signal.SIGTERM, previous_handler)
    return 0


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _show_server_messages(verbose: bool) -> None:
    """mkdocs' server says when it sees changes and browsers connect: worth seeing with --verbose."""
    logger = logging.getLogger("mkdocs.livereload")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False
