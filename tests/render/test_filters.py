"""Links between pages: relative, so the site works at any path."""

from __future__ import annotations

import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from minutebook.render.filters import _relative_path, relative_url

SEGMENT = st.sampled_from(
    [
        "meetings",
        "2020",
        "2020-02-13-scrutiny-board-2",
        "people",
        "k-sandhu",
        "a",
        "b",
        "index.html",
        "404.html",
    ]
)
SITE_PATH = (
    st.lists(SEGMENT, max_size=4)
    .map("/".join)
    .flatmap(lambda path: st.sampled_from([path, path + "/" if path else ""]))
)


@settings(max_examples=500, deadline=None)
@given(SITE_PATH, SITE_PATH, st.sampled_from(["", "#minute-4"]))
def test_relative_links_equal_posixpath_relpath(target, current, fragment):
    base = (
        (current.rstrip("/") or ".")
        if current.endswith("/") or current == ""
        else (posixpath.dirname(current) or ".")
    )
    assert _relative_path(target.rstrip("/") or ".", base) == posixpath.relpath(
        target.rstrip("/") or ".", base
    )
    link = relative_url(target + fragment, current)
    assert posixpath.normpath(posixpath.join(base, link.partition("#")[0])) == posixpath.normpath(
        target or "."
    )
