"""Progress bars for long builds: shown on a terminal, never in logs, pipes or CI."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import TextIO, TypeVar

from tqdm import tqdm

T = TypeVar("T")

# A stage hands its loop to a Track to be reported: track(items, "render", len(items)).
Track = Callable[[Iterable[T], str, int], Iterable[T]]

# Builds that finish sooner than this print no bar at all, so small archives stay quiet.
SHOW_AFTER_SECONDS = 1.0


def untracked(items: Iterable[T], description: str, total: int) -> Iterable[T]:
    return items


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def terminal_track(stream: TextIO | None = None, delay: float = SHOW_AFTER_SECONDS) -> Track:
    """A Track drawing a bar on `stream` (stderr) when it is a terminal and this is not CI."""
    stream = stream or sys.stderr
    if in_ci() or not stream.isatty():
        return untracked

    def track(items: Iterable[T], description: str, total: int) -> Iterable[T]:
        return tqdm(items, desc=description, total=total, file=stream, leave=False, delay=delay, unit="file")

    return track
