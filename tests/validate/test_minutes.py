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
    assert [(i.number, i.title, i.line) for i in items] == [
        (40, "Coventry Education Performance 2019", 11),
        (41, "Serious Case Review", 24),
    ]


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


def test_resolution_points_keep_their_labels_as_printed():
    body = (
        "RESOLVED that the Board:\n\n"
        "(a) note the report\n"
        "(b) request that the following be circulated:\n"
        "    4(a) the guide, with a line that\n"
        "    runs on\n"
        "    ii) the 1-minute guide\n"
        "(c) thank the officers\n\n"
        "The Chair closed the item.\n"
    )
    segments = segment_item(body)
    assert ["resolution" if s.resolution else "prose" for s in segments] == ["resolution", "prose"]
    resolution = segments[0].resolution
    assert [(p.label, p.text) for p in resolution.structure] == [
        ("(a)", "note the report"),
        ("(b)", "request that the following be circulated:"),
        ("(c)", "thank the officers"),
    ]
    assert [(p.label, p.text) for p in resolution.structure[1].points] == [
        ("4(a)", "the guide, with a line that runs on"),
        ("ii)", "the 1-minute guide"),
    ]
    assert resolution.points == (
        "note the report",
        "request that the following be circulated:",
        "thank the officers",
    )
    assert (
        resolution.structure[1].printed
        == "(b) request that the following be circulated: 4(a) the guide, with a line that runs on ii) the 1-minute guide"
    )
    # Nothing a browser would number afresh: the labels are text.
    assert "<ol" not in segments[0].html
    assert '<span class="point-label">4(a)</span> the guide, with a line that runs on' in segments[0].html
    assert "(b) request that the following be circulated:\n4(a) the guide" in resolution.text


def test_a_resolution_without_labels_keeps_its_bullets():
    (segment,) = segment_item(
        "RESOLVED that the work programme includes:\n\n- **Fostering**\n- Early years\n"
    )
    assert [(p.label, p.text) for p in segment.resolution.structure] == [
        ("", "Fostering"),
        ("", "Early years"),
    ]
    assert "<ul><li><strong>Fostering</strong></li><li>Early years</li></ul>" in segment.html
