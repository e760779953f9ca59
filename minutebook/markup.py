"""Markdown -> HTML that is safe to publish, and HTML -> plain text for search and feeds."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from html.parser import HTMLParser

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

# What a minute or briefing note may contain. Anything else a clerk pastes in (scripts, styles,
# event handlers, iframes, forms) is removed; attributes and link schemes are checked too.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "del", "div", "em", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "li", "ol", "p", "pre", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul",
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
_TABLE_WRAP_OPEN = '<div class="table-wrap" role="region" aria-label="Table, scrolls sideways" tabindex="0"><table>'
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
        texts = [heading.text] + [text for child in heading.iter() if child is not heading for text in (child.text, child.tail)]
        for text in filter(None, texts):
            for match in _RAW_HTML_PLACEHOLDER.finditer(text):
                self.md.htmlStash.rawHtmlBlocks[int(match.group(1))] = ""


class _HeadingExtension(markdown.Extension):
    def __init__(self, offset: int):
        super().__init__()
        self.offset = offset

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_ShiftHeadings(md, self.offset), "shift_headings", 5)


def render_markdown(text: str, heading_offset: int = 0) -> str:
    """Render Markdown to sanitised HTML; tables get a scrolling wrapper for phones."""
    converter = markdown.Markdown(
        extensions=["tables", "sane_lists", _HeadingExtension(heading_offset)],
        output_format="html",
    )
    html = converter.convert(text)
    return sanitise(html).replace(_TABLE_OPEN, _TABLE_WRAP_OPEN).replace(_TABLE_CLOSE, _TABLE_WRAP_CLOSE)


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


class _TextExtractor(HTMLParser):
    _BLOCKS = {"p", "li", "tr", "h2", "h3", "h4", "h5", "h6", "br", "div", "table", "blockquote", "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self._BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """Plain text of sanitised HTML, one block per line, for search indexes and feeds."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(extractor.parts).split("\n"))
    return "\n".join(line for line in lines if line)
