"""What the stages hand the build, and what the build hands them back: products and reuse.

A stage is a pure function of its inputs. It never learns whether an earlier build exists; it
only says what each of its results depends on, with one way of keying (`key_of`):

- every output file is a `Product`: its path in the site, a key computed from exactly what makes
  it, and a function that makes it. The build (ledger.py) records what each product was made from
  and decides, in one place, whether to keep the file the last build wrote or to make it again;
- work inside a stage that a later build may reuse (a meeting file read and checked, a committee's
  links, a search tier) goes through the `Reuse` the stage is handed: "the value under this key,
  made by this function". Handed `fresh`, everything is made; handed the ledger, what the last
  build made under the same key is taken instead. Either way the result is the same.

Keys name what a result is made from, never this code: the ledger discards everything when the
code changes (`code_version`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

_PACKAGE = Path(__file__).resolve().parent


def key_of(*parts: Any) -> str:
    """A digest of what a result is made from: equal parts, equal keys. The parts are written out
    with repr(), which for this package's frozen dataclasses, tuples, dates and strings is exact."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


@cache
def code_version() -> str:
    """A digest of the package's own source: results made by other code are never trusted."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Product:
    """One file of the site. `parallel`: made in worker processes when many need making (pages)."""

    path: str
    key: str
    make: Callable[[], bytes]
    parallel: bool = False


def finished(path: str, data: bytes) -> Product:
    """A file already made (a stylesheet, a sitemap): its bytes are its key."""
    return Product(path, key_of("bytes", hashlib.sha256(data).hexdigest()), lambda: data)


class Reuse(Protocol):
    def __call__(
        self,
        key: str,
        make: Callable[[], T],
        still_good: Callable[[T], bool] | None = None,
        revise: Callable[[T], T] | None = None,
    ) -> T:
        """The value under `key`: one made earlier under the same key (for which `still_good`
        holds, when given: a value may depend on files it names itself), or else `make()`. With
        `revise`, a value that is no longer good is brought up to date by `revise(value)`, which
        must give exactly what `make()` would, only sooner."""
        ...

    def each(
        self,
        keys: Sequence[str],
        make: Callable[[Sequence[int]], Iterable[T]],
        still_good: Callable[[T], bool] | None = None,
    ) -> list[T]:
        """The values under many keys at once; `make` is given the places of those to make, in
        order, and yields their values in that order (so it may spread them over workers)."""
        ...

    def digest(self, path: Path | str) -> str:
        """The SHA-256 of an input file's bytes."""
        ...


class Fresh:
    """Reuse nothing: every value is made, every file read (a build with no ledger)."""

    def __call__(
        self,
        key: str,
        make: Callable[[], T],
        still_good: Callable[[T], bool] | None = None,
        revise: Callable[[T], T] | None = None,
    ) -> T:
        return make()

    def each(
        self,
        keys: Sequence[str],
        make: Callable[[Sequence[int]], Iterable[T]],
        still_good: Callable[[T], bool] | None = None,
    ) -> list[T]:
        return list(make(range(len(keys))))

    def digest(self, path: Path | str) -> str:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()


fresh = Fresh()
