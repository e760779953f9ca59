"""Errors and warnings a clerk can act on: where, what is wrong, and how to fix it."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Level(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # shown, but nothing to fix: not a warning, so --strict does not fail on it


@dataclass(frozen=True, order=True)
class SourcePos:
    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        if not self.column:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    level: Level
    code: str
    message: str
    pos: SourcePos
    hint: str = ""

    def format(self) -> str:
        """One line (two with a hint), whatever the file contained: newlines and other control
        characters quoted from it are shown escaped, so editors and terminals read it right."""
        text = f"{self.pos}: {self.level.value}[{self.code}]: {_one_line(self.message)}"
        if self.hint:
            text += f"\n    hint: {_one_line(self.hint)}"
        return text


# Also lone surrogates (from a YAML escape such as "\ud800"), which a terminal or log file
# expecting UTF-8 could not even be sent.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _one_line(text: str) -> str:
    return _CONTROL.sub(
        lambda match: {"\n": "\\n", "\r": "\\r"}.get(match.group(), f"\\u{ord(match.group()):04x}"), text
    )


@dataclass
class Diagnostics:
    """Collects every problem found so the clerk sees them all at once."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, pos: SourcePos, code: str, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(Level.ERROR, code, message, pos, hint))

    def warning(self, pos: SourcePos, code: str, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(Level.WARNING, code, message, pos, hint))

    def note(self, pos: SourcePos, code: str, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(Level.NOTE, code, message, pos, hint))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level is Level.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level is Level.WARNING]

    def sorted(self) -> list[Diagnostic]:
        """Every problem once (a document two meetings list is checked for each), in file order."""
        return sorted(set(self.items), key=lambda d: (d.pos, d.level.value, d.code, d.message, d.hint))


def relative_label(path: Path, root: Path) -> str:
    """The path as a clerk would type it: relative to the site folder when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def did_you_mean(word: str, choices: Iterable[str], limit: int = 3) -> str:
    close = difflib.get_close_matches(word, sorted(set(choices)), n=limit, cutoff=0.6)
    if not close:
        return ""
    return "did you mean " + " or ".join(repr(c) for c in close) + "?"


def summary_line(diagnostics: list[Diagnostic], failed: bool, out_label: str) -> str:
    errors = sum(d.level is Level.ERROR for d in diagnostics)
    warnings = sum(d.level is Level.WARNING for d in diagnostics)
    counts = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    if failed:
        return f"build failed: {counts}; {out_label} left unchanged"
    return f"build succeeded: {counts}"
