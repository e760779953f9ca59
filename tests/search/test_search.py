"""The search stage: documents, lunr-exact index, shards, facets, and what never gets indexed."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutebook.search import search_files, tier_documents
from minutebook.search.analyse import analyse, fold
from minutebook.search.documents import SearchDocument
from minutebook.search.facets import runs
from minutebook.search.index import FIELDS, analyse_fields, build_postings, collect
from minutebook.search.shards import MAX_PREFIX, SHARD_MIN, plan_shards, plan_tier, shard_json
from minutebook.search.tiers import TIER_CAPACITY, plan_tiers
from tests.conftest import BUILD_DATE, FIXTURES, ROOT, build_site, copy_fixture
from tests.support.lunr_reference import load_archive, lunr_py_index, weighed_index


@pytest.fixture(scope="module")
def seed_documents() -> list[SearchDocument]:
    archive = load_archive(ROOT / "site_config.yaml", BUILD_DATE)
    return [doc for tier in plan_tiers(archive) for doc in tier_documents(archive, tier)]


def read_json(path: Path):
    return json.loads(gzip.decompress(path.read_bytes()))


def test_fold_drops_accents_and_apostrophes():
    assert fold("Zürich Café") == "Zurich Cafe"
    assert fold("children’s services – 2019–20") == "childrens services - 2019-20"
    assert analyse("Zürich").positions == analyse("zurich").positions == {"zurich": [0]}
    assert (
        list(analyse("Children's Services").positions)
        == list(analyse("children services").positions)
        == ["children", "servic"]
    )


def test_positions_count_stop_words_so_phrases_keep_their_gaps():
    terms = analyse("The school of music and the school transport")
    assert terms.positions == {"school": [1, 6], "music": [3], "transport": [7]}
    assert terms.length == 4


def test_seed_documents_are_minute_items_meetings_agenda_items_and_documents(seed_documents):
    urls = [doc.url for doc in seed_documents]
    assert "meetings/2020/2020-02-13-scrutiny-board-2/#minute-40" in urls
    assert "meetings/2020/2020-02-13-scrutiny-board-2/" in urls
    assert "meetings/2017/2017-07-13-scrutiny-board-2/#agenda-4" in urls
    assert "meetings/2017/2017-07-13-scrutiny-board-2/young-carers-briefing-note/" in urls
    # Meetings with minutes are searched by minute, not again by agenda item.
    assert not any(url.startswith("meetings/2020/2020-02-13-scrutiny-board-2/#agenda") for url in urls)
    dated = [doc.date for doc in seed_documents if doc.date]
    assert dated == sorted(dated) and all(doc.date for doc in seed_documents[: len(dated)])
    # People and topics have pages of their own, and come after every dated document.
    undated = seed_documents[len(dated) :]
    assert {doc.kind for doc in undated} == {"person", "topic"}
    assert any(doc.url == "people/k-sandhu/" for doc in undated) and any(
        doc.url.startswith("topics/") for doc in undated
    )
    kinds = {doc.url.rsplit("#", 1)[-1]: doc.kind for doc in seed_documents if "2020-02-13" in doc.url}
    assert (
        kinds["minute-37"] == "declarations"
        and kinds["minute-38"] == "previous-minutes"
        and kinds["minute-40"] == "decision"
    )


def tiered_index(documents: list[SearchDocument], cuts: list[int]) -> dict:
    """The documents cut into tiers at these places, each indexed on its own, then weighed together."""
    tiers, start = [], 0
    for number, end in enumerate([*cuts, len(documents)]):
        tiers.append((number * TIER_CAPACITY, build_postings(documents[start:end])))
        start = end
    return weighed_index(tiers)


def tier_refs(documents: list[SearchDocument], cuts: list[int]) -> list[int]:
    bounds = [0, *cuts, len(documents)]
    return [
        number * TIER_CAPACITY + ref
        for number in range(len(bounds) - 1)
        for ref in range(bounds[number + 1] - bounds[number])
    ]


def test_index_is_exactly_what_lunr_py_builds(seed_documents):
    assert tiered_index(seed_documents, []) == json.loads(json.dumps(lunr_py_index(seed_documents)))


def test_tiers_together_are_exactly_what_lunr_py_builds(seed_documents):
    cuts = [len(seed_documents) // 3, len(seed_documents) // 2]
    assert tiered_index(seed_documents, cuts) == json.loads(
        json.dumps(lunr_py_index(seed_documents, tier_refs(seed_documents, cuts)))
    )


def test_worker_processes_give_the_same_index(seed_documents):
    many = seed_documents * 40  # past the size where the build starts workers, and so merges their runs
    assert build_postings(many) == collect(map(analyse_fields, many))


# Words, and odd spaces lunr's tokenizer does or does not split on (str.split() splits on them all).
_WORDS = st.sampled_from(
    [
        "council",
        "school",
        "schools",
        "schooling",
        "Zürich",
        "café",
        "the",
        "of",
        "and",
        "children’s",
        "transport",
        "2019/20",
        "covid-19",
        "(Chair)",
        "RESOLVED:",
        "£1.2m",
        "a\x1cb",
        "c\x85d",
        "e\u3000f",
        "g\u2028h",
        "i\xa0j",
        "k\u2009l",
        "m\x0bn",
    ]
)


@settings(max_examples=40, deadline=None)
@given(
    texts=st.lists(
        st.tuples(st.lists(_WORDS, max_size=6), st.lists(_WORDS, max_size=30)), min_size=1, max_size=6
    ),
    data=st.data(),
)
def test_index_matches_lunr_py_on_any_text(texts, data, seed_documents):
    template = seed_documents[0]
    documents = [
        SearchDocument(**{**template.__dict__, "title": " ".join(title), "body": " ".join(body)})
        for title, body in texts
    ]
    cuts = sorted(data.draw(st.lists(st.integers(1, len(documents)), max_size=2)))
    assert tiered_index(documents, cuts) == json.loads(
        json.dumps(lunr_py_index(documents, tier_refs(documents, cuts)))
    )


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(st.text("abcé1", min_size=1, max_size=6), st.integers(1, 400), min_size=1, max_size=80),
    st.integers(50, 800),
)
def test_every_term_is_in_the_shard_of_its_longest_listed_prefix(sizes, target):
    shards = plan_shards(sizes, target)
    prefixes = {shard.prefix: shard for shard in shards}
    placed = [term for shard in shards for term in shard.terms]
    assert sorted(placed) == sorted(sizes)
    for shard in shards:
        assert shard.terms and all(term.startswith(shard.prefix) for term in shard.terms)
        # Only a single term bigger than the target makes a shard bigger than the target.
        assert len(shard.terms) == 1 or sum(sizes[t] for t in shard.terms) <= target
        for term in shard.terms:
            longest = max((p for p in prefixes if term.startswith(p)), key=len)
            assert longest == shard.prefix


def test_shards_stay_small_and_rebuild_the_postings(seed_documents):
    index = build_postings(seed_documents)
    shards, encoded = plan_tier(index)  # a small tier: cut into small shards
    terms, positions = {}, {}
    for shard in shards:
        terms[shard.name], positions[shard.name] = shard_json(index, encoded, shard)
    assert len(shards) > 20
    expected_postings, expected_positions = {}, {}
    for term, entry in index.terms.items():
        expected_postings[term] = [entry.rank]
        expected_positions[term] = []
        for postings, lengths in zip(entry.fields, index.lengths, strict=True):
            triples, places, start = [], [], 0
            for ref, count in zip(postings.refs, postings.counts, strict=True) if postings else ():
                triples.append((ref, count, lengths[ref]))
                places.append((ref, tuple(postings.positions[start : start + count])))
                start += count
            expected_postings[term].append(triples)
            expected_positions[term].append(places)
    rebuilt_postings, rebuilt_positions = {}, {}
    for shard in shards:
        data = json.loads(terms[shard.name])
        assert len(data) == 1 or len(terms[shard.name]) <= SHARD_MIN + 200
        for term, (number, *per_field) in data.items():
            rebuilt_postings[term] = [number]
            for flat in per_field:
                refs = [sum(flat[0 : i + 1 : 3]) for i in range(0, len(flat), 3)]
                rebuilt_postings[term].append(list(zip(refs, flat[1::3], flat[2::3], strict=True)))
        for term, per_field in json.loads(positions[shard.name]).items():
            rebuilt_positions[term] = []
            for flat in per_field:
                doc, i, places = 0, 0, []
                while i < len(flat):
                    doc += flat[i]
                    count = flat[i + 1]
                    gaps = flat[i + 2 : i + 2 + count]
                    places.append((doc, tuple(sum(gaps[: k + 1]) for k in range(count))))
                    i += 2 + count
                rebuilt_positions[term].append(places)
    assert rebuilt_postings == expected_postings
    assert rebuilt_positions == expected_positions


@given(st.sets(st.integers(0, 300)))
def test_runs_encode_sets(numbers):
    encoded = runs(sorted(numbers))
    decoded, end = set(), 0
    for gap, length in zip(encoded[0::2], encoded[1::2], strict=True):
        start = end + gap
        end = start + length
        decoded.update(range(start, end))
    assert decoded == numbers


def test_seed_site_has_search_files(seed_site, seed_documents):
    meta = read_json(seed_site / "search" / "meta.json.gz")
    assert meta["documents"] == len(seed_documents)
    assert meta["fields"] == [field.name for field in FIELDS]
    assert [name for name, _ in meta["facets"]] == ["committee", "year", "kind", "topic", "person"]
    # The newest meeting is of 2023's first quarter: the latest tier, after the archive tier.
    assert [(name, base) for name, base, _ in meta["tiers"]] == [
        ("archive", 0),
        ("latest", 2 * TIER_CAPACITY),
    ]
    archived = sum(1 for doc in seed_documents if doc.date and doc.date.year < 2023)
    numbers = [
        *range(archived),
        *range(2 * TIER_CAPACITY, 2 * TIER_CAPACITY + len(seed_documents) - archived),
    ]
    assert [read_json(seed_site / "search" / "docs" / f"{number}.json.gz")["url"] for number in numbers] == [
        doc.url for doc in seed_documents
    ]
    assert all(
        (number < meta["dated"]) == bool(doc.date)
        for number, doc in zip(numbers, seed_documents, strict=True)
    )
    assert meta["lengths"] == [
        sum(analyse(doc.field_text(field.name)).length for doc in seed_documents) for field in FIELDS
    ]
    for tier, _, shards in meta["tiers"]:
        for _, name in shards:
            assert (seed_site / "search" / tier / "terms" / f"{name}.json.gz").is_file()
            assert (seed_site / "search" / tier / "positions" / f"{name}.json.gz").is_file()
    years = read_json(seed_site / "search" / "facets" / "year.json.gz")["values"]
    assert [label for _, label, _ in years] == ["2022/23", "2021/22", "2020/21", "2019/20", "2017/18"]
    people = {
        key: label
        for key, label, _ in read_json(seed_site / "search" / "facets" / "person.json.gz")["values"]
    }
    assert people["k-sandhu"] == "Councillor K Sandhu"


def test_every_page_has_a_search_box_leading_to_the_search_page(seed_site):
    html = (seed_site / "meetings/2020/2020-02-13-scrutiny-board-2/index.html").read_text(encoding="utf-8")
    assert '<form class="site-search" action="../../../search/" method="get" role="search">' in html
    assert 'name="q"' in html
    search = (seed_site / "search/index.html").read_text(encoding="utf-8")
    assert 'class="site-search"' not in search
    assert '<ol id="search-results"' in search and 'id="search-nojs"' in search


SECRETS = {
    "draft meeting": "Zanzibarine",
    "embargoed meeting": "Quillfeather",
    "private document": "Marzipanhouse",
    "draft document": "Glockenspielery",
    "confidential note": "Obsidianvault",
}


def secret_site(tmp_path: Path) -> Path:
    """The basic fixture plus one of each thing that must never be published, each with a word of its own."""
    config = copy_fixture("basic", tmp_path / "site")
    content = config.parent / "content" / "meetings"
    (content / "2022" / "2022-02-17-scrutiny.md").write_text(
        f"---\ncommittee: scrutiny\ndate: 2022-02-17\nstatus: held\ndraft: true\n---\n\n## 5. Draft Item\n\n{SECRETS['draft meeting']} draft text.\n",
        encoding="utf-8",
    )
    (content / "2026").mkdir()
    (content / "2026" / "2026-12-01-scrutiny.md").write_text(
        f"---\ncommittee: scrutiny\ndate: 2026-12-01\nstatus: held\nembargo_until: 2026-12-31\n---\n\n## 1. Budget\n\n{SECRETS['embargoed meeting']} figures.\n",
        encoding="utf-8",
    )
    folder = content / "2022" / "2022-01-20-scrutiny"
    folder.mkdir(exist_ok=True)
    (folder / "exempt-report.md").write_text(
        f"---\ntitle: Exempt report\nkind: report\nprivate: true\n---\n\n{SECRETS['private document']} numbers.\n",
        encoding="utf-8",
    )
    (folder / "draft-note.md").write_text(
        f"---\ntitle: Draft note\nkind: briefing-note\ndraft: true\n---\n\n{SECRETS['draft document']} words.\n",
        encoding="utf-8",
    )
    meeting = content / "2022" / "2022-01-20-scrutiny.md"
    text = meeting.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    meeting.write_text(
        front
        + "\ndocuments:\n  - 2022-01-20-scrutiny/exempt-report.md\n  - 2022-01-20-scrutiny/draft-note.md\n---\n"
        + body,
        encoding="utf-8",
    )
    planning = content / "2021" / "2021-06-10-planning.md"
    planning.write_text(
        planning.read_text(encoding="utf-8").replace(
            "The applicant's offer was 1.2 million pounds.", f"{SECRETS['confidential note']} offer."
        ),
        encoding="utf-8",
    )
    return config


def test_nothing_private_or_draft_reaches_the_index(tmp_path):
    config = secret_site(tmp_path)
    result = build_site(config, tmp_path / "out")
    assert not result.failed, [d.format() for d in result.diagnostics]
    searchable = (
        b"".join(gzip.decompress(p.read_bytes()) for p in (tmp_path / "out" / "search").rglob("*.gz"))
        .decode("utf-8")
        .lower()
    )
    assert "mill lane" in searchable  # the published text is there
    for what, word in SECRETS.items():
        assert word.lower() not in searchable, what
        assert fold(word).lower()[:6] not in searchable, what  # nor its stem


def test_search_files_are_the_same_from_one_build_to_the_next():
    archive = load_archive(FIXTURES / "basic" / "site_config.yaml", BUILD_DATE)
    assert search_files(archive) == search_files(archive)


def test_a_word_thousands_of_letters_long_gets_a_shard_with_a_short_name():
    """A pasted 2,000-letter link was split letter by letter into RecursionError (and a shard
    named after all of it); past MAX_PREFIX letters a prefix is split no more."""
    link = "httpscouncilsharepointcom" + "x" * 2_000
    sizes = {link: 5 * SHARD_MIN, link + "y": 5 * SHARD_MIN, "school": 100}
    shards = plan_shards(sizes, SHARD_MIN)
    assert sorted(term for shard in shards for term in shard.terms) == sorted(sizes)
    assert all(len(shard.prefix) <= MAX_PREFIX and len(shard.name) < 255 for shard in shards)


def test_a_site_with_a_very_long_word_builds_and_finds_it(tmp_path):
    config = copy_fixture("basic", tmp_path / "site")
    meeting = config.parent / "content/meetings/2021/2021-06-10-planning.md"
    word = "sharepoint" + "q" * 5_000
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace(
            "Apologies were received", f"{word} Apologies were received"
        ),
        encoding="utf-8",
    )
    result = build_site(config, tmp_path / "out")
    assert not result.failed, "\n".join(d.format() for d in result.diagnostics)
    found = [
        path
        for path in (tmp_path / "out" / "search").rglob("*.json.gz")
        if word.encode() in gzip.decompress(path.read_bytes())
    ]
    assert found


# ---- What residents type: boilerplate, the words files, sections of papers ------------------


def test_boilerplate_items_are_marked_procedural_and_substance_is_not(seed_documents):
    by_url = {doc.url: doc for doc in seed_documents}
    meeting = "meetings/2020/2020-02-13-scrutiny-board-2/"
    for anchor in ("#minute-37", "#minute-38", "#minute-39", "#minute-43", "#minute-45"):
        assert by_url[meeting + anchor].procedural, anchor
    for anchor in ("#minute-40", "#minute-41", "#minute-42", "#minute-44"):
        assert not by_url[meeting + anchor].procedural, anchor
    assert by_url[
        "meetings/2017/2017-07-13-scrutiny-board-2/#agenda-7"
    ].procedural  # "... which the Chair decides ..."
    # Any other business with something in it is substance: the Youth Justice Ofsted result.
    assert not by_url["meetings/2023/2023-03-16-scrutiny-board-2/#minute-30"].procedural
    assert not any(
        doc.procedural
        for doc in seed_documents
        if doc.kind in ("person", "topic", "briefing-note", "meeting")
    )


def test_a_paper_is_searched_by_section_at_its_headings_anchors(seed_documents, seed_site):
    paper = "meetings/2020/2020-01-09-scrutiny-board-2/libraries-update-briefing-note/"
    parts = [doc for doc in seed_documents if doc.url.startswith(paper)]
    assert parts[0].url == paper and parts[0].title == "Libraries Update"
    section = next(doc for doc in parts if doc.url.endswith("#section-libraries-of-sanctuary"))
    assert section.title == "Libraries of Sanctuary" and "Library of Sanctuary" in section.body
    assert section.context.startswith("Libraries Update, ")
    # Every section's anchor is a heading of the page, and no text is lost or repeated.
    html = (seed_site / paper / "index.html").read_text(encoding="utf-8")
    for doc in parts[1:]:
        assert f'id="{doc.url.split("#")[1]}"' in html
    whole = " ".join(doc.body for doc in parts)
    assert whole.count("4.2 Cheylesmore Library") == 1 and "Finham" in whole


def test_section_ids_are_unique_and_sections_keep_all_text():
    from minutebook.markup import section_ids, sections

    html = section_ids(
        "<p>Lead</p><h2>1 Volunteers</h2><p>One</p><h2>1 Volunteers</h2><p>Two</p><h3>Café &amp; more</h3><p>Three</p>"
    )
    assert (
        'id="section-1-volunteers"' in html
        and 'id="section-1-volunteers-2"' in html
        and 'id="section-cafe-more"' in html
    )
    assert [part[:2] for part in sections(html)] == [
        ("", ""),
        ("section-1-volunteers", "1 Volunteers"),
        ("section-1-volunteers-2", "1 Volunteers"),
        ("section-cafe-more", "Café & more"),
    ]
    assert [part[2] for part in sections(html)] == ["Lead", "One", "Two", "Three"]


def test_words_files_give_each_term_its_written_word_and_document_count(seed_site):
    meta = read_json(seed_site / "search" / "meta.json.gz")
    words = {}
    for (tier, _, _), letters in zip(meta["tiers"], meta["words"], strict=True):
        assert letters
        for letter in letters:
            for term, (written, documents) in read_json(
                seed_site / "search" / tier / "words" / f"{letter}.json.gz"
            ).items():
                assert term[0] == letter and written.isalpha() and documents >= 1
                words.setdefault(term, []).append(written)
    assert ("safeguarding" in words["safeguard"] and "library" in words["librari"]) or "libraries" in words[
        "librari"
    ]
    assert not any(term.isdigit() for term in words)
    # Only a word with no exact term fetches one file: each stays small.
    sizes = [path.stat().st_size for path in (seed_site / "search").glob("*/words/*.json.gz")]
    assert max(sizes) < 8_000


def test_meta_lists_boilerplate_and_people(seed_site, seed_documents):
    meta = read_json(seed_site / "search" / "meta.json.gz")
    archive = load_archive(ROOT / "site_config.yaml", BUILD_DATE)
    numbered = {
        tier.base + n: doc
        for tier in plan_tiers(archive)
        for n, doc in enumerate(tier_documents(archive, tier))
    }

    def numbers(encoded):  # (gap, length) runs, as search.js reads them
        found, end = set(), 0
        for gap, length in zip(encoded[0::2], encoded[1::2], strict=True):
            start = end + gap
            end = start + length
            found.update(range(start, end))
        return found

    assert numbers(meta["procedural"]) == {number for number, doc in numbered.items() if doc.procedural}
    assert numbers(meta["people"]) == {number for number, doc in numbered.items() if doc.kind == "person"}
