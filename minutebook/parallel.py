"""Work spread over the machine's cores.

Workers are forked from the build once it has read what they need, so they start with it in
memory and nothing large is copied to them; only their results come back. Small jobs run in the
build's own process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# What the forked workers were given: set in each worker by `_install`, never in the build itself.
_shared: Any = None


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


_PR_SET_PDEATHSIG = 1


def _install(shared: Any, parent: int) -> None:
    global _shared
    _shared = shared
    gc.enable()  # the build pauses the collector; what a worker makes it also frees
    # The build stops its workers itself when interrupted; a worker has nothing to clean up.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with(parent)


def _die_with(parent: int) -> None:
    """Have Linux kill this worker when the build dies, even by `kill -9`: otherwise orphaned
    workers render on for minutes. (Elsewhere, the build terminates them when it stops.)"""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the build died before the request was made
        os._exit(1)


def _run(function: Callable[[Any, Sequence[T]], R], chunk: Sequence[T]) -> R:
    return function(_shared, chunk)


def map_chunks(
    function: Callable[[Any, Sequence[T]], R],
    shared: Any,
    items: Sequence[T],
    chunk_size: int,
    serial_below: int = 64,
) -> Iterator[R]:
    """Yield `function(shared, chunk)` for consecutive chunks of `items`, in order."""
    chunks = [items[start : start + chunk_size] for start in range(0, len(items), chunk_size)]
    workers = min(cores(), len(chunks))
    if len(items) < serial_below or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for chunk in chunks:
            yield function(shared, chunk)
        return
    # Objects that exist now are never collected in the workers, so the collector does not
    # touch (and so copy) the memory they share with the build.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_install, initargs=(shared, os.getpid())
        ) as pool:
            # A few chunks ahead of the one being collected: enough to keep every worker busy,
            # few enough that finished results do not pile up in memory.
            pending: deque[Future] = deque()
            remaining = iter(chunks)
            for chunk in remaining:
                pending.append(pool.submit(_run, function, chunk))
                if len(pending) >= workers * 3:
                    break
            try:
                while pending:
                    future = pending.popleft()
                    result = future.result()
                    for chunk in remaining:
                        pending.append(pool.submit(_run, function, chunk))
                        break
                    yield result
            except BaseException:
                # Interrupted (Ctrl+C, SIGTERM, an error): stop the workers now rather than
                # letting the pool finish the chunks already handed out.
                for process in list(pool._processes.values()):
                    process.terminate()
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    finally:
        gc.unfreeze()
