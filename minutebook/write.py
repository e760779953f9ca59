"""Stage 6: put the built files in place all at once, rewriting only files whose bytes changed.

The new site is assembled in a staging folder beside the output (unchanged files are hard-linked
from the previous output, so they keep their dates), then swapped in with one rename. A failed
or interrupted build therefore never leaves a half-written site behind.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .progress import Track, untracked

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


class UnsafeOutput(Exception):
    """The output folder would overwrite the archive's own sources."""


def check_output_folder(out: Path, protected: list[Path]) -> None:
    out = out.resolve()
    for path in protected:
        path = path.resolve()
        if out == path or out in path.parents:
            raise UnsafeOutput(f"the output folder {out} contains {path}; choose another folder with --out")


def write_site(files: dict[str, bytes], out: Path, manifest_path: Path, track: Track = untracked) -> WriteReport:
    out = out.resolve()
    staging = out.parent / f".{out.name}.staging"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    old_manifest = _read_manifest(manifest_path) if out.is_dir() else {}
    new_manifest: dict[str, list] = {}
    written = unchanged = 0
    try:
        for relative in track(sorted(files), "write files", len(files)):
            data = files[relative]
            digest = hashlib.sha256(data).hexdigest()
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            previous = out / relative
            if _unchanged(previous, digest, old_manifest.get(relative)):
                os.link(previous, target)
                unchanged += 1
            else:
                target.write_bytes(data)
                written += 1
            stat = target.stat()
            new_manifest[relative] = [digest, stat.st_size, stat.st_mtime_ns]
        removed = sum(1 for relative in old_manifest if relative not in files)
        _swap_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    temporary = manifest_path.with_suffix(".tmp")
    temporary.write_text(json.dumps(new_manifest, sort_keys=True), encoding="utf-8")
    os.replace(temporary, manifest_path)
    return WriteReport(written=written, unchanged=unchanged, removed=removed)


def _unchanged(previous: Path, digest: str, recorded: list | None) -> bool:
    if not recorded or recorded[0] != digest:
        return False
    try:
        stat = previous.stat()
    except OSError:
        return False
    # Someone may have edited the output by hand since; trust the record only if the file is as we left it.
    return stat.st_size == recorded[1] and stat.st_mtime_ns == recorded[2]


def _read_manifest(path: Path) -> dict[str, list]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _swap_into_place(staging: Path, out: Path) -> None:
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging)
        return
    retired = out.parent / f".{out.name}.retired"
    if retired.exists():
        shutil.rmtree(retired)
    os.rename(out, retired)
    os.rename(staging, out)
    shutil.rmtree(retired)


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
