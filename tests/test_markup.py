"""Markdown -> HTML that is safe to publish and valid wherever the text was typed; and the fast
paths of markup.py give exactly what the slow, obvious way gives, on varied input: converting
only the non-plain blocks of a text equals converting it whole, and the HTML-to-text tokenizer
equals one built on html.parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutebook.markup import _convert, _to_html, html_to_text, markdown_problem, render_markdown

WORDS = st.sampled_from(
    [
        "The",
        "Board",
        "noted",
        "the",
        "report",
        "Councillor",
        "Kaur",
        "£1,305k",
        "2019/20",
        "(Minute 44 below refers.)",
        "officers'",
        "“quoted”",
        "–",
        "3.1",
        "e.g.",
        "and/or",
        "50%",
        "Note:",
        "a*b",
        "_x_",
        "**bold**",
        "`code`",
        "[link](https://example.org)",
        "&amp;",
        "<b>",
        "\\*",
        "![img](x.png)",
        "http://example.org",
        "1.",
        "-",
        "#",
    ]
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
LINE = st.one_of(
    SENTENCE,
    SENTENCE.map(lambda s: f"- {s}"),
    SENTENCE.map(lambda s: f"1. {s}"),
    SENTENCE.map(lambda s: f"    {s}"),
    SENTENCE.map(lambda s: f"  {s}"),
    SENTENCE.map(lambda s: f"{s}  "),
    SENTENCE.map(lambda s: f"> {s}"),
    SENTENCE.map(lambda s: f"### {s}"),
    st.just("| a | b |\n|---|---|\n| 1 | 2 |"),
    st.just("-----"),
    st.just("====="),
    st.just("[r]: https://example.org"),
    st.just("See [the report][r]."),
    st.just("<div>\n\nraw\n\n</div>"),
)
BLOCK = st.lists(LINE, min_size=1, max_size=4).map("\n".join)
SEPARATOR = st.sampled_from(["\n\n", "\n\n\n", "\n  \n", "\n"])


@st.composite
def documents(draw) -> str:
    blocks = draw(st.lists(BLOCK, min_size=1, max_size=6))
    text = blocks[0]
    for block in blocks[1:]:
        text += draw(SEPARATOR) + block
    return text


@settings(max_examples=400, deadline=None)
@given(documents(), st.sampled_from([0, 1]))
def test_converting_only_non_plain_blocks_equals_converting_the_whole_text(text, offset):
    assert _to_html(text, offset) == _convert(text, offset)


def test_plain_paragraphs_skip_the_converter_and_lists_do_not():
    assert _to_html("The Board noted the report.\nIt asked for more.\n\nA second paragraph.", 0) == (
        "<p>The Board noted the report.\nIt asked for more.</p>\n<p>A second paragraph.</p>"
    )
    assert (
        _to_html("RESOLVED that:\n\n1. first\n2. second", 1)
        == "<p>RESOLVED that:</p>\n<ol>\n<li>first</li>\n<li>second</li>\n</ol>"
    )


class _ReferenceExtractor(HTMLParser):
    """html_to_text as html.parser would do it: the oracle for the fast tokenizer."""

    BLOCKS = frozenset(
        {"p", "li", "tr", "h2", "h3", "h4", "h5", "h6", "br", "div", "table", "blockquote", "pre"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.parts.append("\n" if tag in self.BLOCKS else " " if tag in ("td", "th") else "")

    def handle_endtag(self, tag):
        self.parts.append("\n" if tag in self.BLOCKS else "")

    def handle_data(self, data):
        self.parts.append(data)


def reference_text(html: str) -> str:
    extractor = _ReferenceExtractor()
    extractor.feed(html)
    extractor.close()
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(extractor.parts).split("\n"))
    return "\n".join(line for line in lines if line)


@settings(max_examples=300, deadline=None)
@given(documents())
def test_html_to_text_equals_an_html_parser_extraction(text):
    html = render_markdown(text)
    assert html_to_text(html) == reference_text(html)


def test_html_to_text_keeps_blocks_and_cells_apart():
    html = '<p title="a &gt; b">One &amp; two</p><table><tr><th>A</th><td>1</td></tr></table><p>x<br>y</p>'
    assert html_to_text(html) == "One & two\nA 1\nx\ny"


def test_a_table_is_wrapped_for_phones_and_the_wrapper_closed():
    html = render_markdown("| A | B |\n|---|---|\n| 1 | 2 |\n\nAfter.")
    assert html.count('<div class="table-wrap"') == 1 and "</table></div>" in html
    assert html.index("</div>") < html.index("<p>After.</p>")


def test_raw_html_in_a_heading_is_dropped_and_its_text_kept():
    html = render_markdown('## 1. Budget <div class="x">2020</div> and *more*')
    assert html == "<h2>1. Budget 2020 and <em>more</em></h2>"


def test_a_link_with_an_unsafe_address_keeps_only_its_text():
    html = render_markdown(
        '[one](javascript:alert(1)) [two](https://example.org/) <a href="data:text/html,x">three</a>'
    )
    assert html == '<p><a>one</a> <a href="https://example.org/">two</a> <a>three</a></p>'


def test_scripts_styles_comments_and_handlers_are_removed_with_their_content():
    html = render_markdown(
        '<script>alert(1)</script><style>p{}</style><!-- note --> <b onclick="x()">bold</b>'
    )
    assert html.strip() == "<p><b>bold</b></p>"


PATHOLOGICAL = {
    "2,000 nested list levels": "".join("    " * n + "- x\n" for n in range(2_000)),
    "5,000 nested quotes": "> " * 5_000 + "x",
    "400 lines of growing quotes": "".join(">" * n + " x\n" for n in range(1, 400)),
    "50 KB of open brackets": "[" * 50_000,
    "12,000 links never closed": "[a](" * 12_000,
    "5,000 nested brackets": "[" * 5_000 + "]" * 5_000,
    "50 KB of *a **": "*a **" * 10_000,
    "50 KB of _a __": "_a __" * 10_000,
    "*a **a repeated": "*a **a " * 7_000,
    "60 KB of ***": "***" * 10_000 + "x" + "***" * 10_000,
    "8,000 rules with no blank line": "- - -\n" * 8_000,
    "12,000 headings with no blank line": "# x\n" * 12_000,
    "12,000 setext headings": "x\n=\n" * 12_000,
    "5,000 tags never closed": "<http://a" * 5_000,
    "a 100 KB line of `a": "`a" * 50_000,
}


# Python-Markdown converts these in time linear in their length, so they are let through.
CONVERTED = {"*a **a repeated", "50 KB of *a **", "50 KB of _a __", "60 KB of ***"}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_markdown_is_refused_or_converted(name):
    """Each once ended in a RecursionError or ran for minutes in Python-Markdown: the ones whose
    work grows faster than their length are refused before conversion, with a line and a hint;
    the others convert. (How long each takes is a matter for measuring, not for a test.)"""
    text = PATHOLOGICAL[name]
    problem = markdown_problem(text)
    if name in CONVERTED:
        assert problem is None
        assert render_markdown(text)
    else:
        assert problem is not None
        line, code, message, hint = problem
        assert code in ("markdown-too-deep", "markdown-too-complex") and message and hint and line >= 0


def test_ordinary_nesting_and_links_are_not_refused():
    text = (
        "".join("    " * n + "- level\n" for n in range(6))
        + "\n"
        + "See [the report](https://example.org/a_(b)) and [sic. " * 200
    )
    assert markdown_problem(text) is None
    headings = "".join(f"### {n}. Heading\n\nText of the paragraph.\n\n---\n\n" for n in range(2_000))
    assert markdown_problem(headings) is None
    tags = "<abbr title='Special Educational Needs'>SEN</abbr> and x < y. " * 2_000
    assert markdown_problem(tags) is None
