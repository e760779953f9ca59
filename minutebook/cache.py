"""What one build leaves for the next, so a rebuild redoes only what changed.

Everything lives in `.minutebook-cache/` next to site_config.yaml:

    files.json                 every input file's size, modification time and SHA-256, so an
                               unchanged file is never read again just to learn it is unchanged
    parsed/<key>.pickle        one validated meeting file each; the key covers the file's text and
                               everything its checks depend on, including this code's own version
    resolved/<slug>.pickle     one committee as resolved (resolve/__init__.py: KeptResolution)
    build-<out>.pickle         for one output folder: the inputs of the last good build and the
                               fingerprint of every page and feed it wrote
    pieces-<out>.pickle        parts of files the last build made for that folder (see Memo)
    manifest-<out>.json        (write.py) the files in that output folder as they were left

The cache only ever saves work: deleting the folder gives the same site, built from scratch.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, TypeVar

_PACKAGE = Path(__file__).resolve().parent
T = TypeVar("T")


def code_version() -> str:
    """A digest of the package's own source, so caches made by other code are never trusted."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def digest_of(*parts: Any) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass
class FileDigests:
    """SHA-256 of input files, trusting a recorded digest while size and modification time match."""

    path: Path
    _known: dict[str, list] = field(default_factory=dict)
    _seen: dict[str, list] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> "FileDigests":
        try:
            known = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}
        return cls(path, known if isinstance(known, dict) else {})

    def digest(self, file: Path | str) -> str:
        key = str(file)
        stat = os.stat(key)
        recorded = self._known.get(key)
        if recorded and recorded[0] == stat.st_size and recorded[1] == stat.st_mtime_ns:
            self._seen[key] = recorded
            return recorded[2]
        with open(key, "rb") as handle:
            value = hashlib.sha256(handle.read()).hexdigest()
        self._seen[key] = [stat.st_size, stat.st_mtime_ns, value]
        return value

    def save(self) -> None:
        """Keep what this build looked at (files no longer there drop out)."""
        _write_atomically(self.path, json.dumps(self._seen, sort_keys=True).encode("utf-8"))


@dataclass
class PickleStore:
    """One pickle a key in a folder; entries not used by the last build are removed by `prune`."""

    folder: Path
    _used: set[str] = field(default_factory=set)

    def get(self, key: str) -> Any | None:
        self._used.add(key)
        try:
            with open(self.folder / f"{key}.pickle", "rb") as handle:
                return pickle.load(handle)
        except (
            OSError,
            pickle.UnpicklingError,
            EOFError,
            AttributeError,
            ImportError,
            TypeError,
            ValueError,
        ):
            return None

    def put(self, key: str, value: Any) -> None:
        self._used.add(key)
        _write_atomically(
            self.folder / f"{key}.pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        )

    def prune(self) -> None:
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.pickle"):
            if path.stem not in self._used:
                path.unlink(missing_ok=True)


@dataclass
class Memo:
    """Pieces of files a build made (a calendar's events, say), each under a key naming everything
    it was made from. A rebuild takes a piece from the last build's (`previous`) when its key is
    there, and keeps for the next build only the pieces it used, so a memo never outgrows a build."""

    previous: dict[str, Any] = field(default_factory=dict)
    used: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, make: Callable[[], T]) -> T:
        piece = self.previous[key] if key in self.previous else make()
        self.used[key] = piece
        return piece


def read_pickle(path: Path) -> Any | None:
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


def write_pickle(path: Path, value: Any) -> None:
    _write_atomically(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
