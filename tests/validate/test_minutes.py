from minutebook.diagnostics import Diagnostics
from minutebook.validate.minutes import segment_item, split_items

BODY = """
## 40. Coventry Education Performance 2019

Further to minute 14/19 the Board considered a note.

RESOLVED that the Board:

1. note the findings
2. the following information be circulated:
    1. the link to the guide
    2. the 1-minute guide

Officers thanked the Board.

## 41 Serious Case Review

RESOLVED that the report be noted.
"""


def test_items_split_at_numbered_headings_with_their_lines():
    diagnostics = Diagnostics()
    items = split_items(BODY, 10, "m.md", diagnostics)
    assert not diagnostics.items
    assert [(i.number, i.title, i.line) for i in items] == [(40, "Coventry Education Performance 2019", 11), (41, "Serious Case Review", 24)]


def test_resolution_takes_its_list_and_stops_at_the_next_paragraph():
    item = split_items(BODY, 1, "m.md", Diagnostics())[0]
    segments = segment_item(item.body)
    kinds = ["resolution" if s.resolution else "prose" for s in segments]
    assert kinds == ["prose", "resolution", "prose"]
    resolution = segments[1].resolution
    assert resolution.points == ("note the findings", "the following information be circulated:")
    assert "the 1-minute guide" in resolution.text
    assert "Officers thanked" in segments[2].html


def test_a_heading_without_a_number_is_an_error():
    diagnostics = Diagnostics()
    split_items("## Apologies\n\ntext\n", 5, "m.md", diagnostics)
    assert [(d.code, d.pos.line) for d in diagnostics.items] == [("item-heading", 5)]


def test_text_before_the_first_item_is_reported():
    diagnostics = Diagnostics()
    split_items("Public Business\n\n## 1. Apologies\n", 3, "m.md", diagnostics)
    assert [(d.code, d.pos.line) for d in diagnostics.items] == [("stray-text", 3)]
