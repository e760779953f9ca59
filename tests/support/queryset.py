"""The resident query set (tests/search/queries.yaml): what residents type and the results that
answer it, with the figures the browser test and the search benchmark report: precision at 1
(a right answer first), mean reciprocal rank and a right answer in the top 5."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import yaml

QUERIES = Path(__file__).resolve().parent.parent / "search" / "queries.yaml"

SHORTHANDS = {
    "m17a": "2017/2017-06-29",
    "m17b": "2017/2017-07-13",
    "m19": "2019/2019-11-28",
    "m20a": "2020/2020-01-09",
    "m20b": "2020/2020-02-13",
    "m20c": "2020/2020-03-19",
    "m20e": "2020/2020-10-15",
    "m22": "2022/2022-03-17",
    "m23": "2023/2023-03-16",
}


@dataclass(frozen=True)
class Query:
    q: str
    kind: str
    answers: tuple[str, ...]


def expand(answer: str) -> str:
    head, sep, rest = answer.partition("#")
    first, _, tail = head.partition("/")
    if first in SHORTHANDS:
        head = f"meetings/{SHORTHANDS[first]}-scrutiny-board-2/" + tail
    return head + sep + rest


def load_queries(path: Path = QUERIES) -> list[Query]:
    return [
        Query(str(entry["q"]), entry.get("kind", ""), tuple(expand(a) for a in entry["answers"]))
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]


def normalise(url: str, base: str = "") -> str:
    """A result's address, site-relative, as the answers are written: Pagefind's section anchors
    (#minute-40-heading) are the item's own (#minute-40)."""
    url = unquote(url)
    if base and url.startswith(base):
        url = url[len(base) :]
    parts = urlsplit(url)
    path = parts.path.lstrip("/")
    if base:
        prefix = urlsplit(base).path.lstrip("/")
        path = path[len(prefix) :] if prefix and path.startswith(prefix) else path
    path = path.removesuffix("index.html")
    fragment = parts.fragment.split(":~:", 1)[0].removesuffix("-heading")  # no text fragment
    return path + ("#" + fragment if fragment else "")


def answers(result: str, query: Query) -> bool:
    """An answer with an anchor is met by that item only; one without, by anything on its page."""
    page = result.split("#", 1)[0]
    return any(result == answer or ("#" not in answer and page == answer) for answer in query.answers)


def rank(results: list[str], query: Query) -> int | None:
    """1-based rank of the first right answer, None if none is shown."""
    return next((n for n, result in enumerate(results, 1) if answers(result, query)), None)


@dataclass(frozen=True)
class Figures:
    queries: int
    p_at_1: float
    mrr: float
    top_5: float

    def __str__(self) -> str:
        return f"P@1 {self.p_at_1:.3f}  MRR {self.mrr:.3f}  top-5 {self.top_5:.3f}  ({self.queries} queries)"


def figures(ranks: list[int | None]) -> Figures:
    n = len(ranks)
    return Figures(
        n,
        sum(1 for r in ranks if r == 1) / n,
        sum(1 / r for r in ranks if r) / n,
        sum(1 for r in ranks if r and r <= 5) / n,
    )


# The search page has answered: its status says so, and the results list is no longer filling
# (results go on screen one by one as they arrive; the list is aria-busy until the page is whole).
OURS_DONE = (
    "() => { const s = document.getElementById('search-status'), list = document.getElementById('search-results');"
    " return s && s.textContent && !s.textContent.startsWith('Searching') && !list.hasAttribute('aria-busy'); }"
)


def our_results(page, base: str, text: str, shown: int = 10) -> list[str]:
    """The addresses of the results the search page shows first, site-relative."""
    page.goto(f"{base}search/?q={quote(text)}")
    page.wait_for_function(OURS_DONE, timeout=30000)
    hrefs = page.eval_on_selector_all(
        "#search-results > li", "items => items.map(li => li.querySelector('a').href)"
    )
    return [normalise(href, base) for href in hrefs[:shown]]
