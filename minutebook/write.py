"""Stage 6: put the built files in place all at once, rewriting only files whose bytes changed.

The new site is assembled in a staging folder beside the output (unchanged files are hard-linked
from the previous output, so they keep their dates), then swapped in with one rename. A failed
or interrupted build therefore never leaves a half-written site behind.

Only one build at a time writes into an output folder (a lock file beside it), and a build only
replaces a folder an earlier build made (it has the marker file), so `--out docs` cannot wipe out
the handbook.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import hashlib
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .ledger import FileRecord, unchanged

_RENAME_EXCHANGE = 2
# Sites with more files than this have their previous copy removed in the background.
_REMOVE_IN_BACKGROUND_FROM = 5000
_AT_FDCWD = -100
_HOLDER_LOOKS = 50
# Written into every site built, so a later build knows the folder is one it may replace.
MARKER = ".minutebook-site"
MARKER_TEXT = b"This folder was built by minutebook (build.py); every build replaces all of it.\n"


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


class UnsafeOutput(Exception):
    """The output folder would overwrite the archive's own sources, or a folder a build did not make."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


class OutputBusy(Exception):
    """Another build is writing into the same output folder."""


def check_output_folder(out: Path, protected: list[Path]) -> None:
    out = out.resolve()
    for path in protected:
        path = path.resolve()
        if out == path or out in path.parents:
            raise UnsafeOutput(f"the output folder {out} contains {path}; choose another folder with --out")


def check_output_is_ours(out: Path, recorded: Callable[[], dict[str, FileRecord]]) -> None:
    """Refuse a folder that has files in it and was not made by a build: replacing it would delete
    them (`--out docs`, `--out .git`). A site built before the marker existed is recognised by the
    ledger's record of its files (`recorded`, read only then)."""
    out = out.resolve()
    if not out.exists():
        return
    if not out.is_dir():
        raise UnsafeOutput(f"the output folder {out} is a file", "choose a folder with --out")
    if (out / MARKER).is_file():
        return
    with os.scandir(out) as entries:
        if next(entries, None) is None:
            return
    if any(unchanged(out / relative, record) for relative, record in recorded().items()):
        return
    raise UnsafeOutput(
        f"the output folder {out} has files in it that a build did not make; building would delete them",
        "choose a new or empty folder with --out; if the folder is an old copy of the site, delete it and build again",
    )


@contextmanager
def output_lock(out: Path, wait: bool) -> Iterator[None]:
    """Hold the lock of an output folder: a lock file beside it, released when this process ends
    however it ends. Without waiting, raise OutputBusy naming the build that holds it."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.parent / f".{out.name}.lock", "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _lock_holder(handle)
            raise OutputBusy(f"pid {holder}" if holder.isdigit() else "another process") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _lock_holder(handle: IO[str]) -> str:
    """The pid the holder of a lock file wrote into it. A build writes it just after taking the
    lock, so a build refused in between finds it empty for a moment: look again, briefly."""
    for _ in range(_HOLDER_LOOKS):
        handle.seek(0)
        holder = handle.read().strip()
        if holder:
            return holder
        time.sleep(0.02)
    return ""


class SiteWriter:
    """Assembles the new site in a staging folder, file by file as they are made (so the whole
    site is never held in memory), then swaps it in with `finish`. `files`: the output folder's
    files as the last build left them (the ledger's record)."""

    def __init__(self, out: Path, files: dict[str, FileRecord]):
        self.out = out.resolve()
        # The caller holds the output's lock, so other staging folders are left by killed builds.
        for leftover in self.out.parent.glob(f".{self.out.name}.staging-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        self.staging = self.out.parent / f".{self.out.name}.staging-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.old_files = files if self.out.is_dir() else {}
        self.new_files: dict[str, FileRecord] = {}
        self.written = self.unchanged = 0
        self._folders: set[Path] = set()
        self.staging.mkdir(parents=True)

    def keep(self, relative: str) -> None:
        """Carry the previous build's file over unchanged (the ledger knows its bytes are right)."""
        target = self._target(relative)
        os.link(self.out / relative, target)
        self.unchanged += 1
        self.new_files[relative] = self.old_files[relative]

    def add(self, relative: str, key: str, data: bytes) -> None:
        """Write a file made as the product `key`; if its bytes are those already there, the old
        file is linked instead, so it keeps its date."""
        digest = hashlib.sha256(data).hexdigest()
        target = self._target(relative)
        previous = self.old_files.get(relative)
        if previous is not None and previous.sha256 == digest and unchanged(self.out / relative, previous):
            os.link(self.out / relative, target)
            self.unchanged += 1
        else:
            target.write_bytes(data)
            self.written += 1
        stat = target.stat()
        self.new_files[relative] = FileRecord(key, digest, stat.st_size, stat.st_mtime_ns)

    def seal(self) -> None:
        """Mark the new site as made by a build, before it is swapped in."""
        if MARKER not in self.new_files:
            self.add(MARKER, "marker", MARKER_TEXT)

    def finish(self) -> WriteReport:
        try:
            self.seal()
            removed = sum(1 for relative in self.old_files if relative not in self.new_files)
            _swap_into_place(
                self.staging, self.out, in_background=len(self.old_files) > _REMOVE_IN_BACKGROUND_FROM
            )
        except BaseException:
            self.abort()
            raise
        return WriteReport(written=self.written, unchanged=self.unchanged, removed=removed)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def _target(self, relative: str) -> Path:
        target = self.staging / relative
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        return target


def intact_files(out: Path, files: dict[str, FileRecord]) -> int | None:
    """How many files the output folder has, if they are exactly the files the last build left
    there, unchanged since; None otherwise."""
    if not files or not out.is_dir():
        return None
    if _count_files(str(out)) != len(files):
        return None
    base = str(out) + os.sep
    if not all(unchanged(base + relative, record) for relative, record in files.items()):
        return None
    return len(files)


def _count_files(folder: str) -> int:
    count = 0
    with os.scandir(folder) as entries:
        for entry in entries:
            count += _count_files(entry.path) if entry.is_dir(follow_symlinks=False) else 1
    return count


def _swap_into_place(staging: Path, out: Path, in_background: bool = False) -> None:
    if not out.exists():
        os.rename(staging, out)
        return
    retired = out.parent / f".{out.name}.retired-{uuid.uuid4().hex[:12]}"
    if _exchange(staging, out):
        os.rename(staging, retired)
    else:
        os.rename(out, retired)
        try:
            os.rename(staging, out)
        except OSError:
            os.rename(retired, out)  # put the previous site back
            raise
    if in_background:
        _remove_later(retired)
    else:
        shutil.rmtree(retired)


def _remove_later(folder: Path) -> None:
    """Delete the previous copy of a large site without making the build wait: removing tens of
    thousands of files and folders can take longer than an incremental build. `rm` does it in the
    background; where it cannot be started, it is done here and now."""
    try:
        subprocess.Popen(
            ["rm", "-rf", "--", str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0


def explain_os_error(exc: OSError, out: Path) -> tuple[str, str, str]:
    """(path, message, hint) for a file system failure while building into `out`, with the path
    of a file in a staging folder given as the output path it was meant for."""
    out = out.resolve()
    path = os.fsdecode(exc.filename) if exc.filename is not None else str(out)
    staging = f"{out.parent}{os.sep}.{out.name}.staging-"
    if path.startswith(staging):
        path = str(out / path[len(staging) :].partition(os.sep)[2])
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        hint = f"free some space on the disk that holds {out.parent}, or build elsewhere with --out"
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        hint = f"the account running the build may not write to {out.parent}; choose a folder it can write to with --out"
    elif exc.errno in (errno.EEXIST, errno.ENOTDIR):
        hint = (
            f"{path} is a file where the build needs a folder; move it, or choose another folder with --out"
        )
    else:
        hint = "check the disk and the folder, then build again"
    return (
        path,
        f"the site could not be written: {reason[:1].lower()}{reason[1:]}; the previous site is left as it was",
        hint,
    )
