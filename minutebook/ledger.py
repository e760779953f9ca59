"""The build ledger: the one place that remembers what earlier builds made, and decides what to keep.

It is one SQLite database, `.minutebook-cache/ledger.sqlite` next to site_config.yaml (Lektor
keeps its build state the same way), with four tables:

    inputs   every input file read: size, modification time and SHA-256, so an unchanged file
             is never read again just to learn that it is unchanged
    work     values the stages made under a key (products.py): a meeting file read and checked,
             a committee's links, a search tier's summary, a calendar's events, the handbook
    files    per output folder: each file the last build left there, the key of the product it
             was made as, and its SHA-256, size and date (to notice a file edited by hand)
    builds   per output folder: what the last good build was made from (one digest of every input)
             and what it reported, so a build with nothing changed stops after checking that

A stage never sees any of it: it is handed the ledger as a `Reuse` and asks for values by key.
The pipeline asks the ledger, for each product, whether the file already in the output folder
was made under the same key and is still as it was left (`keeps`); only the others are made.
Everything is under the code's version: other code's records are discarded when it is opened.
Deleting the folder only costs time: the next build makes everything again, byte for byte the same.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import jinja2

from .products import Product, code_version, key_of

T = TypeVar("T")

LEDGER_FILE = "ledger.sqlite"
# Another build (into another folder, or `check`) may be committing; wait for it rather than fail.
_BUSY_TIMEOUT_S = 60
_SCHEMA = """
CREATE TABLE IF NOT EXISTS setting (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS inputs (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT);
CREATE TABLE IF NOT EXISTS work (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    site TEXT NOT NULL, path TEXT NOT NULL, key TEXT NOT NULL,
    sha256 TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    PRIMARY KEY (site, path)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS builds (site TEXT PRIMARY KEY, inputs TEXT NOT NULL, record BLOB NOT NULL);
"""
# Unpickling a record written by an older layout of the model fails in one of these ways.
_STALE = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError, IndexError)


class FileRecord(NamedTuple):
    """An output file as a build left it."""

    key: str  # of the product it was made as
    sha256: str
    size: int
    mtime_ns: int


@dataclass
class SiteRecord:
    """What the ledger holds of one output folder: its files as last left, and the last build."""

    files: dict[str, FileRecord]
    inputs: str = ""
    build: Any = None


@dataclass
class Ledger:
    connection: sqlite3.Connection
    _inputs: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    _seen: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    _made: dict[str, Any] = field(default_factory=dict)  # values made by this build, by key
    _used: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, cache_dir: Path) -> Ledger:
        cache_dir.mkdir(parents=True, exist_ok=True)
        connection = _connect(cache_dir / LEDGER_FILE)
        ledger = cls(connection)
        ledger._forget_other_code()
        ledger._inputs = {
            path: (size, mtime, sha) for path, size, mtime, sha in connection.execute("SELECT * FROM inputs")
        }
        return ledger

    def close(self) -> None:
        self.connection.close()

    # -- Reuse (products.py): what the stages are handed --------------------------------------

    def __call__(
        self,
        key: str,
        make: Callable[[], T],
        still_good: Callable[[T], bool] | None = None,
        revise: Callable[[T], T] | None = None,
    ) -> T:
        value = self.lookup(key)
        if value is not None and (still_good is None or still_good(value)):
            return value
        value = revise(value) if value is not None and revise is not None else make()
        self.record(key, value)
        return value

    def each(
        self,
        keys: Sequence[str],
        make: Callable[[Sequence[int]], Iterable[T]],
        still_good: Callable[[T], bool] | None = None,
    ) -> list[T]:
        values: list[Any] = [self.lookup(key) for key in keys]
        missing = [
            place
            for place, value in enumerate(values)
            if value is None or (still_good is not None and not still_good(value))
        ]
        for place, value in zip(missing, make(missing), strict=True):
            values[place] = value
            self.record(keys[place], value)
        return values

    def lookup(self, key: str) -> Any | None:
        """The value made under `key` by this build or an earlier one; None if there is none."""
        self._used.add(key)
        if key in self._made:
            return self._made[key]
        row = self.connection.execute("SELECT value FROM work WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return pickle.loads(row[0])
        except _STALE:
            return None

    def record(self, key: str, value: Any) -> None:
        self._used.add(key)
        self._made[key] = value

    def digest(self, path: Path | str) -> str:
        name = str(path)
        stat = os.stat(name)
        known = self._seen.get(name) or self._inputs.get(name)
        if known is None or known[0] != stat.st_size or known[1] != stat.st_mtime_ns:
            with open(name, "rb") as handle:
                known = (stat.st_size, stat.st_mtime_ns, hashlib.sha256(handle.read()).hexdigest())
        self._seen[name] = known
        return known[2]

    # -- Output folders --------------------------------------------------------------------------

    def site(self, out: Path) -> SiteRecord:
        name = _site_name(out)
        files = {
            path: FileRecord(key, sha, size, mtime)
            for path, key, sha, size, mtime in self.connection.execute(
                "SELECT path, key, sha256, size, mtime_ns FROM files WHERE site = ?", (name,)
            )
        }
        record = SiteRecord(files)
        row = self.connection.execute("SELECT inputs, record FROM builds WHERE site = ?", (name,)).fetchone()
        if row is not None:
            with contextlib.suppress(*_STALE):
                record.inputs, record.build = row[0], pickle.loads(row[1])
        return record

    def commit(
        self,
        out: Path | None = None,
        before: dict[str, FileRecord] | None = None,
        after: dict[str, FileRecord] | None = None,
        inputs: str = "",
        build: Any = None,
        prune: bool = False,
    ) -> None:
        """Record in one transaction the work this build made, the input files it read and, for a
        build that wrote `out`, its files (`before` -> `after`) and what it was made from.
        `prune`: forget work this build did not use (a full build uses all it needs)."""
        with self.connection:
            self.connection.executemany(
                "INSERT OR REPLACE INTO work (key, value) VALUES (?, ?)",
                (
                    (key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
                    for key, value in self._made.items()
                ),
            )
            if prune:
                self.connection.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
                self.connection.execute("DELETE FROM used")
                self.connection.executemany("INSERT INTO used VALUES (?)", ((key,) for key in self._used))
                self.connection.execute("DELETE FROM work WHERE key NOT IN (SELECT key FROM used)")
            self.connection.executemany(
                "INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?)",
                ((path, *known) for path, known in self._seen.items() if self._inputs.get(path) != known),
            )
            if prune:
                gone = set(self._inputs) - set(self._seen)
                self.connection.executemany("DELETE FROM inputs WHERE path = ?", ((path,) for path in gone))
            if out is not None and after is not None:
                site = _site_name(out)
                before = before or {}
                self.connection.executemany(
                    "DELETE FROM files WHERE site = ? AND path = ?",
                    ((site, path) for path in before if path not in after),
                )
                self.connection.executemany(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                    ((site, path, *record) for path, record in after.items() if before.get(path) != record),
                )
                self.connection.execute(
                    "INSERT OR REPLACE INTO builds VALUES (?, ?, ?)",
                    (site, inputs, pickle.dumps(build, protocol=pickle.HIGHEST_PROTOCOL)),
                )
        self._inputs.update(self._seen)
        self._made.clear()

    def bytecode_cache(self) -> jinja2.BytecodeCache:
        """Compiled templates, kept as work under their source's checksum."""
        return _TemplateCode(self)

    def _forget_other_code(self) -> None:
        row = self.connection.execute("SELECT value FROM setting WHERE name = 'code'").fetchone()
        if row is not None and row[0] == code_version():
            return
        with self.connection:
            self.connection.execute("DELETE FROM work")
            self.connection.execute("DELETE FROM builds")
            # The files stay known (a build replaces only a folder it made), but no longer as made
            # by any product: every product is made again.
            self.connection.execute("UPDATE files SET key = ''")
            self.connection.execute("INSERT OR REPLACE INTO setting VALUES ('code', ?)", (code_version(),))


def keeps(record: FileRecord | None, product: Product, out: Path) -> bool:
    """Whether the file the last build left at the product's path was made under the same key and
    is still exactly as it was left (someone may have edited the output by hand since)."""
    return record is not None and record.key == product.key and unchanged(out / product.path, record)


def unchanged(path: Path | str, record: FileRecord) -> bool:
    try:
        stat = os.stat(path)
    except OSError:
        return False
    return stat.st_size == record.size and stat.st_mtime_ns == record.mtime_ns


def read_site(cache_dir: Path, out: Path) -> SiteRecord:
    """The ledger's record of an output folder, without keeping the ledger open."""
    if not (cache_dir / LEDGER_FILE).is_file():
        return SiteRecord({})
    ledger = Ledger.open(cache_dir)
    try:
        return ledger.site(out)
    finally:
        ledger.close()


class _TemplateCode(jinja2.BytecodeCache):
    def __init__(self, ledger: Ledger):
        self.ledger = ledger

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.ledger.lookup(key_of("template code", bucket.key, bucket.checksum))
        if isinstance(code, bytes):
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.ledger.record(key_of("template code", bucket.key, bucket.checksum), bucket.bytecode_to_string())


def _connect(path: Path) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_S, isolation_level="DEFERRED")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.executescript(_SCHEMA)
        return connection
    except sqlite3.DatabaseError:
        # Not a database (a crash while it was created, a stray file): it only ever saves work.
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        connection = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_S)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.executescript(_SCHEMA)
        return connection


def _site_name(out: Path) -> str:
    return str(out.resolve())
