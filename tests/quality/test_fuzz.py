"""Malformed meeting and document files, made up by hypothesis: random YAML structures and wrong
types in every field, broken front matter, random unicode, binary junk and huge numbers. Every
one ends in a good build or a clear error (exit 1, naming the file and line), never a traceback,
and a failed build leaves the previous site exactly as it was."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from minutebook.cli import main
from tests.support.crawl import crawl

# A few seconds a property in `make test`, the same examples every run (tests/conftest.py), so a
# red build always names a real, repeatable fault; `make fuzz` explores new ones.
FUZZ_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
MEETING = "content/meetings/2021/2021-03-04-fuzz.md"
DOCUMENT = "content/meetings/2021/2021-03-04-fuzz/report.md"
DIAGNOSTIC = re.compile(
    r"^(?P<file>[^\s:][^:]*?)(?::(?P<line>\d+)(?::\d+)?)?: (?:error|warning)\[[a-z0-9-]+\]: .+$"
)

GOOD_MEETING = {
    "committee": "fuzz",
    "date": dt.date(2021, 3, 4),
    "start": "10:00",
    "end": "12:00",
    "venue": "Council House",
    "webcast": "https://video.example.org/watch",
    "status": "held",
    "status_note": "As planned",
    "minute_series": "2020/21",
    "agenda": {
        "published": dt.date(2021, 2, 24),
        "issued_by": "The Clerk",
        "contact": {
            "name": "A Clerk",
            "service": "Governance",
            "phone": "01234 567890",
            "email": "clerk@example.org",
        },
        "membership": {
            "members": ["Councillor Ann Able (Chair)"],
            "co_opted": ["Ben Bell"],
            "by_invitation": ["Eve Eden"],
        },
        "items": [
            {
                "number": 1,
                "title": "Apologies",
                "pages": "1 - 2",
                "paper": "Report",
                "description": "Some *text*",
                "subitems": ["One"],
                "documents": ["2021-03-04-fuzz/report.md"],
            },
            {"number": 2, "title": "Private matter", "private": True},
        ],
        "notes": "Notes",
    },
    "attendance": {
        "members": ["Councillor Ann Able (Chair)"],
        "co_opted": ["Ben Bell"],
        "cabinet_members": ["Councillor Cat Cole"],
        "other_members": ["Councillor Dan Dale"],
        "invited": ["Eve Eden - Organisation"],
        "officers": {"People": ["Fay Ford"]},
        "apologies": ["Councillor Gus Gray"],
    },
    "declarations": [{"member": "Councillor Ann Able", "items": [1], "nature": "Other", "withdrew": False}],
    "items": {
        1: {"topics": ["budget"], "documents": ["2021-03-04-fuzz/report.md"]},
        2: {"private": {"paragraphs": [1], "note": "n"}, "confidential": "c"},
    },
    "documents": ["2021-03-04-fuzz/report.md"],
}
PEOPLE = [
    {"name": "Councillor Ann Able", "kind": "councillor"},
    {"name": "Ben Bell", "kind": "co-opted"},
    {"name": "Councillor Cat Cole", "kind": "councillor"},
    {"name": "Councillor Dan Dale", "kind": "councillor"},
    {"name": "Eve Eden", "kind": "guest"},
    {"name": "Fay Ford", "kind": "officer", "job_title": "Director"},
    {"name": "Councillor Gus Gray", "kind": "councillor"},
]
GOOD_BODY = "## 1. Apologies\n\nNone.\n\nRESOLVED that:\n\n1. one\n2. two\n\n## 2. Private matter\n\nRESOLVED that it be noted.\n"
GOOD_DOCUMENT = {
    "title": "Report",
    "kind": "report",
    "to": "Board",
    "from": "Director",
    "subject": "S",
    "date": dt.date(2021, 2, 1),
    "date_text": "February 2021",
    "authors": ["Fay Ford, Director"],
    "contact": ["Phone"],
}


class HugeNumber(str):
    """A whole number too long for Python to turn into an int from text (over 4300 digits),
    written into the YAML as a plain number."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    HugeNumber, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:int", str(value))
)


def dump(value) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def front_matter_file(meta, body: str) -> str:
    return "---\n" + dump(meta) + "---\n\n" + body


# --- Strategies --------------------------------------------------------------------------

HUGE_INTEGERS = st.one_of(
    st.sampled_from([10**18, -(10**18), 2**63, 10**100, -1, 0]),
    st.integers(4301, 6000).map(lambda digits: HugeNumber("9" * digits)),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    HUGE_INTEGERS,
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.dates(),
    st.sampled_from(["", " ", "10:00", "25:99", "2021-02-30", "held", "javascript:x", "~", "---", "\x00"]),
)
yaml_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=10), st.integers()), children, max_size=4),
    ),
    max_leaves=12,
)


def paths_of(value, prefix=()):
    """Every path of keys and indexes inside a nested structure."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths_of(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths_of(child, (*prefix, index))


def replaced(value, path, new):
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = replaced(copy[path[0]], path[1:], new)
    return copy


@st.composite
def mutated(draw, good):
    """A good structure with a few values swapped for random ones (wrong types, odd text, huge numbers)."""
    value = good
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(list(paths_of(value))))
        value = replaced(value, path, draw(yaml_values))
    return value


# Fields whose text has a form to keep (the rest take any text and must still build).
FORMED = {
    "committee",
    "date",
    "start",
    "end",
    "status",
    "webcast",
    "email",
    "minute_series",
    "documents",
    "published",
    "kind",
    "topics",
}


@st.composite
def retexted(draw, good):
    """A good structure with some of its free-text values replaced by random unicode text."""
    free_text = [
        path
        for path in paths_of(good)
        if path and isinstance(lookup(good, path), str) and not FORMED & set(map(str, path))
    ]
    value = good
    for path in draw(st.lists(st.sampled_from(free_text), min_size=1, max_size=6, unique=True)):
        value = replaced(value, path, draw(st.text(min_size=1, max_size=40).filter(str.strip)))
    return value


def lookup(value, path):
    for key in path:
        value = value[key]
    return value


minute_lines = st.one_of(
    st.builds("## {}. {}".format, st.one_of(st.integers(0, 99), HUGE_INTEGERS), st.text(max_size=30)),
    st.sampled_from(
        [
            "## Not a minute",
            "RESOLVED that",
            "1. point",
            "    1. nested",
            "```",
            "<div>",
            "| a |",
            "|---|",
            "",
            "---",
            "# title",
        ]
    ),
    st.text(max_size=60),
)
bodies = st.lists(minute_lines, max_size=12).map("\n".join)
YAML_NOISE = [
    "\t",
    ": ",
    "- ",
    '"',
    "'",
    "[",
    "{",
    "*",
    "&a ",
    "!!python/object:os.system ",
    "|",
    ">",
    "#",
    "%",
    "@",
    "`",
    "---\n",
    "\n",
    "  ",
    "\ufeff",
    "\r",
]


@st.composite
def edited_text(draw, text):
    """A good file with random slices deleted, duplicated or replaced by YAML's special characters."""
    for _ in range(draw(st.integers(1, 5))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 30)))
        insert = draw(
            st.one_of(st.sampled_from(YAML_NOISE), st.text(max_size=8), st.just(text[start:end] * 2))
        )
        text = text[:start] + insert + text[end:]
    return text


GOOD_MEETING_FILE = front_matter_file(GOOD_MEETING, GOOD_BODY)
GOOD_DOCUMENT_FILE = front_matter_file(GOOD_DOCUMENT, "## 1 Purpose\n\nText.\n")
meeting_files = st.one_of(
    st.builds(front_matter_file, mutated(GOOD_MEETING), st.one_of(st.just(GOOD_BODY), bodies)).map(
        str.encode
    ),
    st.builds(front_matter_file, retexted(GOOD_MEETING), st.one_of(st.just(GOOD_BODY), bodies)).map(
        str.encode
    ),
    edited_text(GOOD_MEETING_FILE).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.builds(lambda value: "---\n" + dump(value) + "---\n", yaml_values).map(str.encode),
    st.text().map(str.encode),
    st.binary(max_size=500),
    st.binary(max_size=200).map(lambda junk: GOOD_MEETING_FILE.encode()[:120] + junk),
)
document_files = st.one_of(
    st.builds(front_matter_file, mutated(GOOD_DOCUMENT), bodies).map(str.encode),
    st.builds(front_matter_file, retexted(GOOD_DOCUMENT), bodies).map(str.encode),
    edited_text(GOOD_DOCUMENT_FILE).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=300),
)


# --- The site each example is built into -----------------------------------------------------


class FuzzSite:
    """A small site built once; each example writes its files into it and builds again."""

    def __init__(self, root: Path):
        self.root = root
        self.out = root / "_site"
        (root / "content/committees").mkdir(parents=True)
        (root / "content/meetings/2021/2021-03-04-fuzz").mkdir(parents=True)
        (root / "site_config.yaml").write_text(
            "council:\n  name: Fuzz Council\nsite:\n  title: Archive\n  base_url: https://minutes.example.org/\n",
            encoding="utf-8",
        )
        (root / "content/committees/fuzz.yaml").write_text("name: Fuzz Committee\n", encoding="utf-8")
        (root / "content/people.yaml").write_text(dump(PEOPLE), encoding="utf-8")
        (root / "content/topics.yaml").write_text("- slug: budget\n  title: Budget\n", encoding="utf-8")
        earlier = {
            "committee": "fuzz",
            "date": dt.date(2021, 1, 7),
            "status": "held",
        }  # the fuzzed meeting's neighbour
        (root / "content/meetings/2021/2021-01-07-fuzz.md").write_text(
            front_matter_file(earlier, "## 90. Apologies\n\nNone.\n"), encoding="utf-8"
        )
        self.write(GOOD_MEETING_FILE.encode(), GOOD_DOCUMENT_FILE.encode())
        assert self.build()[0] == 0

    def write(self, meeting: bytes, document: bytes) -> None:
        (self.root / MEETING).write_bytes(meeting)
        (self.root / DOCUMENT).write_bytes(document)

    def build(self) -> tuple[int, str]:
        stderr = io.StringIO()
        with (
            contextlib.redirect_stderr(stderr),
            contextlib.redirect_stdout(io.StringIO()),
            contextlib.chdir(self.root),
        ):
            code = main(["--config", "site_config.yaml", "--out", str(self.out)])
        return code, stderr.getvalue()

    def snapshot(self) -> dict[str, tuple[bytes, int]]:
        return {
            p.relative_to(self.out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(self.out.rglob("*"))
            if p.is_file()
        }


@pytest.fixture(scope="module")
def fuzz_site():
    with tempfile.TemporaryDirectory() as folder:
        yield FuzzSite(Path(folder) / "site")


def check_build(site: FuzzSite, meeting: bytes, document: bytes, figures) -> None:
    before = site.snapshot()
    site.write(meeting, document)
    code, stderr = site.build()  # an exception here is the traceback a clerk must never see
    leftovers = sorted(p.name for p in site.out.parent.iterdir() if p.name.startswith("."))
    assert leftovers == ["._site.lock", ".minutebook-cache"], "a staging folder was left behind"
    lines = [line for line in stderr.splitlines() if line and not line.startswith("    hint: ")]
    figures["fuzzed builds", "good site" if code == 0 else "clear error"] += 1
    if code == 0:
        assert lines == [] or all(DIAGNOSTIC.match(line) for line in lines), stderr
        assert (site.out / "index.html").is_file()
        assert crawl(site.out, base_url="https://minutes.example.org/").broken == []
        return
    assert code == 1, stderr
    *diagnostics, summary = lines
    assert summary.startswith("build failed: ") and summary.endswith("left unchanged"), stderr
    assert diagnostics and all(DIAGNOSTIC.match(line) for line in diagnostics), stderr
    assert any(
        match["line"] and match["file"] in (MEETING, DOCUMENT)
        for match in map(DIAGNOSTIC.match, diagnostics)
        if "error[" in match[0]
    ), stderr
    assert site.snapshot() == before


# Found before: control characters in a minute crashed the feed writer (issue 13).
@example(
    meeting=front_matter_file(
        GOOD_MEETING, GOOD_BODY.replace("RESOLVED that it be noted.", "RESOLVED\x1f that it be noted.")
    ).encode()
)
@example(meeting=front_matter_file(GOOD_MEETING, GOOD_BODY + "\x0b\ufffe\x0c\n").encode())
# Found by `make fuzz`: a webcast address with an unclosed '[' made urlsplit raise.
@example(meeting=front_matter_file({**GOOD_MEETING, "webcast": "https://["}, GOOD_BODY).encode())
@FUZZ_SETTINGS
@given(meeting=meeting_files)
def test_a_malformed_meeting_file_gives_a_good_build_or_a_clear_error(fuzz_site, figures, meeting):
    check_build(fuzz_site, meeting, GOOD_DOCUMENT_FILE.encode(), figures)


# Found by `make fuzz`: a heading that is one 4,301-digit word sent the search index's shard
# planner into a RecursionError.
@example(document=front_matter_file({**GOOD_DOCUMENT, "title": "0"}, "## " + "9" * 4301 + ". ").encode())
@FUZZ_SETTINGS
@given(document=document_files)
def test_a_malformed_document_gives_a_good_build_or_a_clear_error(fuzz_site, figures, document):
    check_build(fuzz_site, GOOD_MEETING_FILE.encode(), document, figures)


def test_the_fuzz_site_builds_cleanly_with_good_files(fuzz_site, figures):
    check_build(fuzz_site, GOOD_MEETING_FILE.encode(), GOOD_DOCUMENT_FILE.encode(), figures)
    assert (fuzz_site.out / "meetings/2021/2021-03-04-fuzz/report/index.html").is_file()
