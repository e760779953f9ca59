"""Stage 1: read files into raw records that remember the file and line of every value."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostics, SourcePos
from .markup import markdown_problem

Key = tuple[Any, ...]


@dataclass(frozen=True)
class YamlData:
    """Parsed YAML plus, for every path of keys, where its value was written."""

    label: str
    data: Any
    marks: dict[Key, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Key, str] = field(default_factory=dict)
    line_offset: int = 0
    key_marks: dict[Key, tuple[int, int]] = field(default_factory=dict)

    def pos(self, *keys: Any) -> SourcePos:
        """Position of the value at `keys`, or of its nearest written ancestor."""
        path: Key = tuple(keys)
        while path not in self.marks and path:
            path = path[:-1]
        line, column = self.marks.get(path, (0, 0))
        return SourcePos(self.label, line + self.line_offset, column)

    def key_pos(self, *keys: Any) -> SourcePos:
        """Position of the key itself (for 'this field is not known'), falling back to its value."""
        if tuple(keys) in self.key_marks:
            line, column = self.key_marks[tuple(keys)]
            return SourcePos(self.label, line + self.line_offset, column)
        return self.pos(*keys)

    def raw_text(self, *keys: Any) -> str | None:
        """The scalar exactly as typed, before YAML turned `10:00` into 600 or `no` into False."""
        return self.raw.get(tuple(keys))


@dataclass(frozen=True)
class SourceFile:
    """A content file: optional YAML front matter plus a Markdown body."""

    path: Path
    label: str
    meta: YamlData
    body: str
    body_line: int
    digest: str


_HINTS = {
    "mapping values are not allowed here": "text containing ': ' must be put in quotes",
    "found character '\\t' that cannot start any token": "use spaces, not tabs, to indent",
    "could not find expected ':'": "each line of a list or mapping needs 'name: value' or '- value'; check the indentation",
    "found undefined alias": "text starting with '*' must be put in quotes",
    "expected <block end>, but found '-'": "a list item is indented differently from the ones before it",
}


def _yaml_hint(problem: str) -> str:
    for needle, hint in _HINTS.items():
        if needle in problem:
            return hint
    return "check the indentation and put text containing ':', '#' or quotes inside quotes"


# libyaml's parser is many times faster; the pure-Python one words its errors the way the hints
# above expect, so it reads again any text libyaml rejects.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Limits no real file comes near. Without them an alias bomb (a few hundred bytes of '&a' and
# '*a' repeating one another) would take all the memory there is, and deep nesting the stack.
MAX_YAML_DEPTH = 50
MAX_ALIAS_NODES = 10_000  # values reached again through aliases ('*name')
_DEEP_HINT = "check for brackets that are never closed, or indentation that keeps growing"


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


# libyaml composes nested lists and mappings by recursion in C, and crashes the whole process
# somewhere past 20,000 levels. Each level needs a '[', '{', '-' or '?', or a line of its own,
# so text with few of those is composed as it is; other text is first walked event by event
# (libyaml's parser keeps its own stack) to find where it gets too deep.
_SAFE_TO_COMPOSE = 5_000


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where (line, column, from 0) the YAML first nests deeper than MAX_YAML_DEPTH, if it does."""
    if sum(text.count(c) for c in "[{-?\n") < _SAFE_TO_COMPOSE:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_FAST_LOADER):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    mark = event.start_mark  # always set by the parser (the stubs allow None)
                    return (mark.line, mark.column) if mark else (0, 0)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass  # reported by composing it
    return None


# Characters no output can carry: XML (pages, feeds, the sitemap) forbids the C0 controls but
# tab, newline and carriage return, and the noncharacters U+FFFE and U+FFFF; a lone surrogate
# cannot even be written as UTF-8. Carriage returns never reach here from a file (read_text
# makes them newlines) but can from a YAML escape ("\r"), which iCalendar would split a line at.
# U+007F DELETE is as invisible and as useless in minutes, so it is refused with them.
_UNCARRIABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_C0_NAMES = (
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "BELL",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED",
    "LINE TABULATION",
    "FORM FEED",
    "CARRIAGE RETURN",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "INFORMATION SEPARATOR FOUR",
    "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
)
_UNCARRIABLE_HINT = "delete it; such characters often come with text copied out of a PDF or a word processor"


def character_name(character: str) -> str:
    r"""'\x0c' -> 'U+000C FORM FEED', for messages about a character nobody can see."""
    code = ord(character)
    if code < 0x20:
        name = _C0_NAMES[code]
    elif code == 0x7F:
        name = "DELETE"
    elif 0xD800 <= code <= 0xDFFF:
        name = "SURROGATE (half of a character)"
    elif code in (0xFFFE, 0xFFFF):
        name = "NONCHARACTER"
    else:
        return f"U+{code:04X}"
    return f"U+{code:04X} {name}"


def _report_uncarriable(text: str, label: str, first_line: int, diagnostics: Diagnostics) -> None:
    """Report, once per line, a character of `text` no output can carry."""
    if not _UNCARRIABLE.search(text):
        return
    for line_number, line in enumerate(text.split("\n"), first_line):
        match = _UNCARRIABLE.search(line)
        if match:
            diagnostics.error(
                SourcePos(label, line_number, match.start() + 1),
                "control-character",
                f"the text contains the invisible character {character_name(match.group())}, which web pages and feeds cannot carry",
                _UNCARRIABLE_HINT,
            )


class _Refused(Exception):
    """A value the reader will not go on from: the file is reported and not used."""

    def __init__(self, node: yaml.Node, message: str, hint: str, code: str = "yaml"):
        super().__init__(message)
        self.node, self.message, self.hint, self.code = node, message, hint, code


def parse_yaml(text: str, label: str, diagnostics: Diagnostics, line_offset: int = 0) -> YamlData | None:
    """Parse one YAML document, recording positions; report syntax errors and duplicate keys."""
    deep = _too_deep(text)
    if deep is not None:
        line, column = deep
        diagnostics.error(
            SourcePos(label, line + 1 + line_offset, column + 1),
            "yaml",
            f"the YAML is nested more than {MAX_YAML_DEPTH} levels deep",
            _DEEP_HINT,
        )
        return None
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else 0
        column = (mark.column + 1) if mark else 0
        problem = exc.problem or str(exc)
        diagnostics.error(
            SourcePos(label, line, column),
            "yaml",
            f"the YAML could not be read: {problem}",
            _yaml_hint(problem),
        )
        return None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1 + line_offset
        column = exc.position - (before.rfind("\n") + 1) + 1
        character = chr(exc.character) if isinstance(exc.character, int) else exc.character
        diagnostics.error(
            SourcePos(label, line, column),
            "control-character",
            f"the text contains the invisible character {character_name(character)}, which web pages and feeds cannot carry",
            _UNCARRIABLE_HINT,
        )
        return None
    except yaml.YAMLError as exc:
        diagnostics.error(SourcePos(label), "yaml", f"the YAML could not be read: {exc}")
        return None
    except RecursionError:
        # Only the pure-Python reader, used on text libyaml rejected, recurses as deep as the nesting.
        diagnostics.error(
            SourcePos(label, 1 + line_offset),
            "yaml",
            f"the YAML is nested more than {MAX_YAML_DEPTH} levels deep",
            _DEEP_HINT,
        )
        return None
    reader = _Reader(text, label, line_offset, diagnostics)
    try:
        data = reader.convert(node, (), 0) if node is not None else None
    except _Refused as refused:
        mark = refused.node.start_mark
        code = refused.code
        diagnostics.error(
            SourcePos(label, mark.line + 1 + line_offset, mark.column + 1),
            code,
            refused.message,
            refused.hint,
        )
        return None
    return YamlData(label, data, reader.marks, reader.raw, line_offset, reader.key_marks)


class _Reader:
    """Composed YAML nodes -> Python values, recording where each was written. An alias makes the
    same node object appear again, so the reader counts how many it reaches that way and refuses
    a node inside itself, which would never end."""

    def __init__(self, text: str, label: str, line_offset: int, diagnostics: Diagnostics):
        self.text, self.label, self.line_offset, self.diagnostics = text, label, line_offset, diagnostics
        self.marks: dict[Key, tuple[int, int]] = {}
        self.key_marks: dict[Key, tuple[int, int]] = {}
        self.raw: dict[Key, str] = {}
        self.constructor = yaml.SafeLoader("")
        self.seen: set[int] = set()
        self.ancestors: set[int] = set()
        self.repeats = 0

    def convert(self, node: yaml.Node, path: Key, depth: int) -> Any:
        if id(node) in self.ancestors:
            raise _Refused(
                node,
                "an alias ('*') here stands for the list or mapping it is inside, so it would never end",
                "an alias can only repeat a value written before it and outside it",
            )
        if id(node) in self.seen:
            self.repeats += 1
            if self.repeats > MAX_ALIAS_NODES:
                raise _Refused(
                    node,
                    f"the aliases ('*') here repeat more than {MAX_ALIAS_NODES:,} values",
                    "write the values out instead of repeating them with '&' and '*'",
                )
        self.seen.add(id(node))
        if depth > MAX_YAML_DEPTH:
            raise _Refused(node, f"the YAML is nested more than {MAX_YAML_DEPTH} levels deep", _DEEP_HINT)
        self.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            self._check_text(node)
            self.raw[path] = node.value
            return _construct_scalar(self.constructor, node)
        self.ancestors.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path, depth)
            return [self.convert(child, (*path, index), depth + 1) for index, child in enumerate(node.value)]
        finally:
            self.ancestors.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: Key, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                pos = SourcePos(self.label, key_node.start_mark.line + 1 + self.line_offset)
                self.diagnostics.error(pos, "yaml", "a mapping key must be plain text or a number")
                continue
            self._check_text(key_node)
            key = _construct_scalar(self.constructor, key_node)
            if key in result:
                pos = SourcePos(self.label, key_node.start_mark.line + 1 + self.line_offset)
                self.diagnostics.error(pos, "duplicate-key", f"'{key}' is given twice", "remove one of them")
                continue
            self.key_marks[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.convert(value_node, (*path, key), depth + 1)
        return result

    def _check_text(self, node: yaml.ScalarNode) -> None:
        r"""Markdown too deep or tangled to convert (titles and notes are Markdown too), or a
        character no output can carry. The YAML reader refuses control characters typed into
        YAML, but a double-quoted escape ("\f", "\x0b", "\ud800") still makes one."""
        problem = markdown_problem(node.value)
        if problem:
            _, code, message, hint = problem
            raise _Refused(node, message, hint, code)  # converting it later would not end
        match = _UNCARRIABLE.search(node.value)
        if match:
            self.diagnostics.error(
                self._escape_pos(node),
                "control-character",
                f"the text contains the invisible character {character_name(match.group())} (written as an escape), which web pages and feeds cannot carry",
                "delete the escape (a backslash and what follows it) from the quoted text",
            )

    def _escape_pos(self, node: yaml.ScalarNode) -> SourcePos:
        """Where the escape making a refused character is written (libyaml's marks count
        characters, so they index the text), or where the text starts."""
        start, end = node.start_mark.index, node.end_mark.index
        offset = start
        if node.style == '"':
            for match in _ESCAPE.finditer(self.text, start, end):
                code = match.group()[1:]
                character = chr(int(code[1:], 16)) if len(code) > 1 else _SHORT_ESCAPES.get(code, "")
                if _UNCARRIABLE.match(character):
                    offset = match.start()
                    break
        line = self.text.count("\n", 0, offset) + 1
        return SourcePos(self.label, line + self.line_offset, offset - self.text.rfind("\n", 0, offset))


# YAML's escapes in double-quoted text, and those of them that make a control character.
_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_SHORT_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b"}


def _construct_scalar(constructor: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return constructor.construct_object(node)
    except (yaml.constructor.ConstructorError, ValueError):
        # Such as 2021-02-30, which looks like a date but is not one, an unknown !tag, or a
        # number too long to convert: the field's own check reports it as the text written.
        return node.value


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter, body, line number where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return "\n".join(lines[1:]), "", len(lines) + 1


def read_text(path: Path, label: str, diagnostics: Diagnostics) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        diagnostics.error(SourcePos(label), "read", f"the file could not be read: {exc.strerror}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        diagnostics.error(
            SourcePos(label, line),
            "encoding",
            "the file is not UTF-8 text",
            "save it as UTF-8 (in Word: Save As, Plain Text, Unicode (UTF-8))",
        )
        return None
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def load_yaml_file(path: Path, label: str, diagnostics: Diagnostics) -> YamlData | None:
    text = read_text(path, label, diagnostics)
    if text is None:
        return None
    return parse_yaml(text, label, diagnostics)


def load_source_file(
    path: Path, label: str, diagnostics: Diagnostics, require_front_matter: bool = True
) -> SourceFile | None:
    text = read_text(path, label, diagnostics)
    if text is None:
        return None
    return parse_source_text(text, path, label, diagnostics, require_front_matter)


def parse_source_text(
    text: str, path: Path, label: str, diagnostics: Diagnostics, require_front_matter: bool = True
) -> SourceFile | None:
    """A content file's text (already read and normalised) -> front matter and body."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    front, body, body_line = split_front_matter(text)
    if front is None:
        if require_front_matter:
            diagnostics.error(
                SourcePos(label, 1),
                "front-matter",
                "the file does not start with a '---' line",
                "start the file with '---', the meeting's fields, then another '---' line",
            )
            return None
        front = ""
    meta = parse_yaml(front, label, diagnostics, line_offset=1)
    if meta is None:
        return None
    _report_uncarriable(body, label, body_line, diagnostics)
    problem = markdown_problem(body)
    if problem:
        line, code, message, hint = problem
        diagnostics.error(SourcePos(label, body_line + line), code, message, hint)
        return None  # converting it would not end, or not in time
    return SourceFile(path, label, meta, body, body_line, digest)
