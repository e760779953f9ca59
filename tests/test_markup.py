"""Markdown -> HTML that is safe to publish and valid wherever the text was typed."""

from __future__ import annotations

from minutebook.markup import render_markdown


def test_a_table_is_wrapped_for_phones_and_the_wrapper_closed():
    html = render_markdown("| A | B |\n|---|---|\n| 1 | 2 |\n\nAfter.")
    assert html.count("<div class=\"table-wrap\"") == 1 and "</table></div>" in html
    assert html.index("</div>") < html.index("<p>After.</p>")


def test_raw_html_in_a_heading_is_dropped_and_its_text_kept():
    html = render_markdown('## 1. Budget <div class="x">2020</div> and *more*')
    assert html == "<h2>1. Budget 2020 and <em>more</em></h2>"


def test_a_link_with_an_unsafe_address_keeps_only_its_text():
    html = render_markdown("[one](javascript:alert(1)) [two](https://example.org/) <a href=\"data:text/html,x\">three</a>")
    assert html == '<p><a>one</a> <a href="https://example.org/">two</a> <a>three</a></p>'


def test_scripts_styles_comments_and_handlers_are_removed_with_their_content():
    html = render_markdown('<script>alert(1)</script><style>p{}</style><!-- note --> <b onclick="x()">bold</b>')
    assert html.strip() == "<p><b>bold</b></p>"
