"""Markdown -> HTML that is safe to publish, and HTML -> plain text for search and feeds."""

from __future__ import annotations

import functools
import re
import unicodedata
import xml.etree.ElementTree as etree
from html import unescape

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

# What a minute or briefing note may contain. Anything else a clerk pastes in (scripts, styles,
# event handlers, iframes, forms) is removed; attributes and link schemes are checked too.
ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "del",
    "div",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start", "type"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

_TABLE_OPEN, _TABLE_CLOSE = "<table>", "</table>"
_TABLE_WRAP_OPEN = (
    '<div class="table-wrap" role="region" aria-label="Table, scrolls sideways" tabindex="0"><table>'
)
_TABLE_WRAP_CLOSE = "</table></div>"


_RAW_HTML_PLACEHOLDER = re.compile(markdown.util.HTML_PLACEHOLDER % r"(\d+)")


class _ShiftHeadings(Treeprocessor):
    """Nests the author's headings under the page's own (an item's '###' becomes h4, and so on),
    and drops raw HTML tags typed into a heading, keeping their text: a heading may hold phrasing
    only, and a pasted <p> or <div> there would make the page invalid."""

    def __init__(self, md: markdown.Markdown, offset: int):
        super().__init__(md)
        self.offset = offset

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1].isdigit():
                element.tag = f"h{min(6, max(2, int(element.tag[1]) + self.offset))}"
                self._drop_raw_html(element)

    def _drop_raw_html(self, heading: etree.Element) -> None:
        texts = [heading.text] + [
            text for child in heading.iter() if child is not heading for text in (child.text, child.tail)
        ]
        for text in filter(None, texts):
            for match in _RAW_HTML_PLACEHOLDER.finditer(text):
                self.md.htmlStash.rawHtmlBlocks[int(match.group(1))] = ""


class _HeadingExtension(markdown.Extension):
    def __init__(self, offset: int):
        super().__init__()
        self.offset = offset

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_ShiftHeadings(md, self.offset), "shift_headings", 5)


@functools.cache
def _converter(heading_offset: int) -> markdown.Markdown:
    # Setting up a converter costs more than converting a minute; one per offset is reused.
    return markdown.Markdown(
        extensions=["tables", "sane_lists", _HeadingExtension(heading_offset)],
        output_format="html",
    )


def render_markdown(text: str, heading_offset: int = 0) -> str:
    """Render Markdown to sanitised HTML; tables get a scrolling wrapper for phones."""
    return (
        sanitise(_to_html(text, heading_offset))
        .replace(_TABLE_OPEN, _TABLE_WRAP_OPEN)
        .replace(_TABLE_CLOSE, _TABLE_WRAP_CLOSE)
    )


def _convert(text: str, heading_offset: int) -> str:
    converter = _converter(heading_offset)
    converter.reset()
    return converter.convert(text)


# A paragraph of plain prose (most of the minutes): no character Markdown gives a meaning to,
# no line that could start a list, quote or heading, no leading or trailing space (code, line
# breaks). Markdown would only wrap it in <p>; doing that directly saves converting it.
_NOT_PLAIN = re.compile(
    r"[\\`*_\[\]<>&!#|~=^{}\t\x00-\x08\x0b-\x1f\x7f]|^[ ]|[ ]$|^[-+]|^\d+[.)]", re.MULTILINE
)


def _to_html(text: str, heading_offset: int) -> str:
    """Markdown -> HTML, converting only the blocks that are not plain paragraphs; the result is
    what converting the whole text gives (tests/test_markup.py checks that on varied input)."""
    if "<" in text or "]:" in text:
        return _convert(text, heading_offset)  # raw HTML and link definitions reach across blocks
    lines = text.split("\n")
    runs: list[tuple[bool, int, int]] = []  # (plain, first line, line after the last)
    start = None
    for index, line in enumerate([*lines, ""]):
        if line.strip():
            if start is None:
                start = index
            continue
        if start is not None:
            plain = not _NOT_PLAIN.search("\n".join(lines[start:index]))
            if runs and not plain and not runs[-1][0]:
                runs[-1] = (False, runs[-1][1], index)
            else:
                runs.append((plain, start, index))
            start = None
    parts = []
    for plain, first, end in runs:
        if plain:
            parts.append("<p>" + "\n".join(lines[first:end]) + "</p>")
        else:
            html = _convert("\n".join(lines[first:end]), heading_offset)
            if html:
                parts.append(html)
    return "\n".join(parts)


# Python-Markdown needs a level of recursion for each level of nested lists and quotes, and
# looks for the end of a link from every '[' (and of its address from every '(' after one), so
# thousands of nested levels exhaust the stack and thousands of open brackets take minutes.
# Text past these limits is refused before it is converted; no real minute comes near them.
MAX_NESTING = 32
MAX_LINK_SCAN = 2_000_000  # characters looked at to find where links end, about a second's work
# Python-Markdown also reads a paragraph again from each heading or rule inside it (a line of
# '#', '=', or three '-', '*' or '_'), so thousands of them with no blank line between take minutes.
MAX_SPLIT_SCAN = 40_000_000  # lines like that in a paragraph, times its length: about a second's work
_SPLITS = re.compile(r"^ {0,3}(?:#|=+ *$|([-*_])(?: *\1){2,} *$)", re.MULTILINE)
# And its HTML reader looks for the end of a tag from every '<' and a letter to the next '>'.
MAX_TAG_SCAN = 10_000_000  # characters looked at for ends of tags: about a second's work
_TAG_START = re.compile(r"<[A-Za-z]")
# And from every '`' it looks along the line for the '`' that closes the code.
MAX_TICK_SCAN = 200_000_000  # '`' in a line times its length, summed: a fraction of a second
# A line nested more than MAX_NESTING levels starts with at least that many '>', or indentation
# of four columns (one tab, or four spaces) a level. (Searched for as a newline and what
# follows: the regular expression engine finds that far faster than '^' in MULTILINE mode.)
_DEEP_CANDIDATE = re.compile(rf"\n[ \t>]{{{MAX_NESTING - 1}}}")
_NESTING = re.compile(r"^((?:[ ]{0,3}>)*)([ \t]*)((?:[-+*]|\d+[.)])(?=[ \t]|$))?")


def markdown_problem(text: str) -> tuple[int, str, str, str] | None:
    """(line index, code, message, hint) for text Markdown cannot convert in bounded time and
    stack, or None. Every title and note is checked, so text that cannot be a problem (no line
    starting with 31 spaces, tabs or '>', few brackets for its length) is passed at once."""
    if len(text) <= MAX_NESTING:
        return None
    if _DEEP_CANDIDATE.search("\n" + text):
        for index, line in enumerate(text.split("\n")):
            match = _NESTING.match(line)
            assert match is not None  # every part of the pattern is optional: it matches any line
            quotes = match.group(1).count(">")
            lists = len(match.group(2).expandtabs(4)) // 4 + 1 if match.group(3) else 0
            if quotes + lists > MAX_NESTING:
                code = "markdown-too-deep"
                return (
                    index,
                    code,
                    f"lists and quotes are nested more than {MAX_NESTING} levels deep here",
                    "indent list items by at most a few levels, and start each quoted line with a single '>'",
                )
    if text.count("<") * len(text) > MAX_TAG_SCAN:
        offset = _tag_scan_end(text)
        if offset is not None:
            code = "markdown-too-complex"
            return (
                text.count("\n", 0, offset),
                code,
                "this text has so many '<' never closed by '>' that Markdown would take minutes to read it",
                "write &lt; for a '<' that does not start an HTML tag",
            )
    if text.count("`") * len(text) > MAX_TICK_SCAN:
        scanned = 0
        for index, line in enumerate(text.split("\n")):
            scanned += line.count("`") * len(line)
            if scanned > MAX_TICK_SCAN:
                code = "markdown-too-complex"
                return (
                    index,
                    code,
                    "this text has so many '`' in long lines that Markdown would take minutes to read it",
                    "write \\` for a '`' that does not start or end code",
                )
    links = (text.count("[") + text.count("(")) * len(text) > MAX_LINK_SCAN
    splits = len(_SPLITS.findall(text)) * len(text) > MAX_SPLIT_SCAN
    if not links and not splits:
        return None
    scanned, split_scanned, block_start = 0, 0, 0  # block_start: the index of the block's first line
    for block in text.split("\n\n"):
        scanned += _link_scan(block) if links else 0
        split_scanned += len(_SPLITS.findall(block)) * len(block) if splits else 0
        if scanned > MAX_LINK_SCAN:
            code = "markdown-too-complex"
            return (
                block_start,
                code,
                "this text has so many '[' or '(' that are never closed that Markdown would take minutes to read it",
                "close each '[' with ']' and each '(' with ')', or write \\[ for a bracket that does not start a link",
            )
        if split_scanned > MAX_SPLIT_SCAN:
            code = "markdown-too-complex"
            return (
                block_start,
                code,
                "this text has so many headings or rules ('#', '===', '---') with no blank line between them that Markdown would take minutes to read it",
                "put a blank line before and after each heading and each rule",
            )
        block_start += block.count("\n") + 2
    return None


def _tag_scan_end(text: str) -> int | None:
    """Where the characters looked at to find the ends of tags pass MAX_TAG_SCAN, if they do."""
    scanned, close = 0, -1
    for match in _TAG_START.finditer(text):
        start = match.start()
        if close < start:
            close = text.find(">", start)
            if close < 0:
                close = len(text)  # no '>' after this: every later '<' reads to the end
        scanned += close - start
        if scanned > MAX_TAG_SCAN:
            return start
    return None


def _link_scan(block: str) -> int:
    """How many characters Markdown looks at to find where each link's text and address end:
    from each '[' to its ']', and from a '(' just after that to its ')', or to the end of the
    block for a bracket that is never closed."""
    if "[" not in block:
        return 0
    total = 0
    opened: dict[str, list[int]] = {"]": [], ")": []}
    pairs = {"[": "]", "(": ")"}
    previous = ""
    for position, character in enumerate(block):
        if (character == "[" and previous != "\\") or (character == "(" and previous == "]"):
            opened[pairs[character]].append(position)
        elif opened.get(character):
            total += position - opened[character].pop()
        previous = character
    return total + sum(len(block) - start for starts in opened.values() for start in starts)


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        # No rel on links: it would be invalid on an <a> whose unsafe href was removed.
        link_rel=None,
        strip_comments=True,
    )


def render_inline(text: str) -> str:
    """Render one line of Markdown (a title, a list entry) without the surrounding paragraph."""
    html = render_markdown(text)
    match = re.fullmatch(r"<p>(.*)</p>", html.strip(), re.DOTALL)
    return match.group(1) if match else html


_BLOCKS = frozenset(
    {"p", "li", "tr", "h2", "h3", "h4", "h5", "h6", "br", "div", "table", "blockquote", "pre"}
)
_CELLS = frozenset({"td", "th"})
# A tag of sanitised HTML (attribute values are always quoted), or the text between tags. A
# tokenizer this narrow is several times faster than html.parser, and the build runs it on
# every minute.
_TOKEN = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*?(/?)>|<|[^<]+""")
_SPACES = re.compile(r"[ \t\u00a0]+")


def html_to_text(html: str) -> str:
    """Plain text of sanitised HTML, one block per line, for search indexes and feeds."""
    parts: list[str] = []
    for match in _TOKEN.finditer(html):
        closing, tag, self_closing = match.groups()
        if tag is None:
            parts.append(unescape(match.group(0)))
            continue
        tag = tag.lower()
        if tag in _BLOCKS:
            parts.append("\n\n" if self_closing and not closing else "\n")
        elif tag in _CELLS and not closing:
            parts.append(" ")
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


_PLAIN_HEADING = re.compile(r"<h([2-6])>(.*?)</h\1>", re.DOTALL)
_ID_HEADING = re.compile(r"<h([2-6]) id=\"([^\"]+)\">(.*?)</h\1>", re.DOTALL)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def section_ids(html: str) -> str:
    """Gives each heading of a published document an id made from its words ("5 Volunteers" ->
    "section-5-volunteers"), unique in the page, so a search hit can open at its section."""
    taken: set[str] = set()

    def identify(match: re.Match) -> str:
        text = (
            unicodedata.normalize("NFKD", html_to_text(match.group(2)))
            .encode("ascii", "ignore")
            .decode()
            .lower()
        )
        words = _NOT_SLUG.sub("-", text.replace("'", "").replace("\u2019", "")).strip("-")[:60].strip("-")
        anchor = base = "section-" + (words or "untitled")
        number = 2
        while anchor in taken:
            anchor = f"{base}-{number}"
            number += 1
        taken.add(anchor)
        return f'<h{match.group(1)} id="{anchor}">{match.group(2)}</h{match.group(1)}>'

    return _PLAIN_HEADING.sub(identify, html)


def sections(html: str) -> list[tuple[str, str, str]]:
    """A document's HTML with section_ids -> its parts: (anchor, heading text, text), the first
    being what comes before any heading, with anchor and heading empty."""
    parts: list[tuple[str, str, str]] = []
    anchor, heading, start = "", "", 0
    for match in _ID_HEADING.finditer(html):
        parts.append((anchor, heading, html_to_text(html[start : match.start()])))
        anchor, heading, start = match.group(2), html_to_text(match.group(3)), match.end()
    parts.append((anchor, heading, html_to_text(html[start:])))
    return parts
