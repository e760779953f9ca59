"""Real-browser checks: a static server for a built site under a sub-path, and Debian's chromium
driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path
from typing import Iterator

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def chromium_path() -> str | None:
    return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` at `prefix`, like a static host publishing the site under a sub-path."""

    prefix = "/"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format, *args) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path, prefix: str = "/archive/", handler: type[SiteHandler] = SiteHandler) -> Iterator[str]:
    """A static server on 127.0.0.1 for `folder`; yields the site's address, ending in `prefix`."""
    handler = type("Handler", (handler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
