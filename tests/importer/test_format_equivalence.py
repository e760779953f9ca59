"""The same meeting as text, Word and PDF gives the same draft (issue 16, point 5).

Each case's text (a seed, or a corpus file's extracted text) is written as a .docx and a .pdf
(tests/importer/format_copies.py: paragraphs, bold, headings, nested list entries, pages) and imported
three ways; the drafts must agree on everything but source line numbers. Corpus cases are dev files
only (tests/importer/corpus_measure.py split_of)."""

from __future__ import annotations

import pytest

from minutebook.importer import read_minutes
from minutebook.importer.extract import extract_text, join_pages
from minutebook.importer.registry import PeopleDirectory
from tests.conftest import ROOT
from tests.importer.corpus_measure import CORPUS, split_of
from tests.importer.format_copies import to_docx, to_pdf

SEEDS = ROOT / "tests" / "fixtures" / "seeds"
CASES = [
    SEEDS / "000_11f4285363e4a5e5.txt",
    SEEDS / "001_77a8e2d40ad62382.txt",
    SEEDS / "003_650dc6dc71139f49.txt",
    SEEDS / "004_cb9832beb3f55941.txt",
    CORPUS / "files" / "tintern-cc_20190930.txt",
    CORPUS / "files" / "tintern-cc_20220926.txt",
    CORPUS / "files" / "milburn-pc_minutes_2019-09-03_.pdf",
    CORPUS / "files" / "haresfield-pc_feb-2020-minutes-final.docx",
]


def facts(minutes) -> dict:
    """A draft without where its lines were in the file (which differs between formats)."""
    return {
        "committee": minutes.committee_name,
        "date": minutes.date,
        "start": minutes.start,
        "end": minutes.end,
        "venue": minutes.venue,
        "remote": minutes.remote,
        "attendance": minutes.attendance,
        "officers": minutes.officers,
        "declarations": minutes.declarations,
        "items": [(i.number, i.title, i.body, i.private_paragraphs, i.votes) for i in minutes.items],
    }


@pytest.mark.parametrize("source", CASES, ids=lambda path: path.name)
def test_text_word_and_pdf_of_one_meeting_give_one_draft(source, tmp_path):
    if source.parent.name == "files":
        assert split_of(source.name) == "dev"  # held-out files are never looked at in tests
    text = extract_text(source)
    plain = tmp_path / f"{source.stem}.txt"
    plain.write_text(text, encoding="utf-8")
    drafts = {}
    for path in (
        plain,
        to_docx(text, tmp_path / f"{source.stem}.docx"),
        to_pdf(text, tmp_path / f"{source.stem}.pdf"),
    ):
        drafts[path.suffix] = [facts(m) for m in read_minutes(path, PeopleDirectory([]))]
    assert drafts[".txt"], "the text gives a meeting"
    for suffix in (".docx", ".pdf"):
        for key in drafts[".txt"][0]:
            assert [d[key] for d in drafts[suffix]] == [d[key] for d in drafts[".txt"]], (suffix, key)


def test_a_form_feed_is_a_page_break_not_glued_text(tmp_path):
    # pdftotext writes a form feed between pages; a heading at the top of the next page starts a line.
    path = tmp_path / "minutes.txt"
    path.write_text(
        "The meeting noted the report.\f2. Finance\nThe accounts were approved.\n", encoding="utf-8"
    )
    assert extract_text(path) == "The meeting noted the report.\n\n2. Finance\nThe accounts were approved.\n"


def test_a_sentence_running_over_a_page_break_stays_one_paragraph():
    assert join_pages(["Cllr Ashman reported on the state of the", "Footpaths. He also reported"]) == (
        "Cllr Ashman reported on the state of the\nFootpaths. He also reported"
    )
    assert (
        join_pages(["The accounts were approved.", "Next item"]) == "The accounts were approved.\n\nNext item"
    )
