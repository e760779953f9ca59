"""A real static web server on 127.0.0.1 for browser tests: Python's http.server in a thread.

Like the static hosts councils use (nginx `error_page`, GitHub Pages, Netlify), it answers an
unknown address with the site's own 404 page and status 404.
"""

from __future__ import annotations

import contextlib
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, *args, not_found_page: Path | None, **kwargs):
        self.not_found_page = not_found_page
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args) -> None:  # keep the test output readable
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or self.not_found_page is None or not self.not_found_page.is_file():
            super().send_error(code, message, explain)
            return
        body = self.not_found_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class StaticServer:
    """Serves `folder`; the port is known as soon as it is made, so a site can be built for it."""

    def __init__(self, folder: Path, not_found_page: Path | None = None):
        handler = partial(_Handler, directory=str(folder), not_found_page=not_found_page)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name=f"static server {folder}", daemon=True)

    @property
    def origin(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


@contextlib.contextmanager
def serving(server: StaticServer) -> Iterator[StaticServer]:
    server.start()
    try:
        yield server
    finally:
        server.stop()
