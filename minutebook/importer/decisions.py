"""Decisions recorded in running prose, set apart so the site reads them.

Parish and community councils seldom print "RESOLVED": they write "The minutes of the last meeting were
approved", "All agreed this was a true record", "The Councillors resolved to pay", "Motion by A, second by
B to approve ... Motion carried." in the middle of a paragraph. The site reads a decision from the start of
a paragraph (minutebook.validate.minutes.reads_as_decision), so the import starts a new paragraph where
such a sentence begins. Nothing is added or reworded: only a paragraph break, and the report says how
which items' decisions were read this way so the clerk checks each.
"""

from __future__ import annotations

import re

from ..validate.minutes import MOTION_SENTENCE, RESULT_ONLY, reads_as_decision, sentence_spans

# Paragraphs that are not running prose: lists, headings, tables, quotes, fenced text.
_NOT_PROSE = re.compile(r"^\s*(?:[-*+]\s|\d{1,3}[.)]\s|#|\||>|```|~~~)")


def decisions_apart(markdown: str, prose: bool = True) -> str:
    """Each paragraph of an item cut before every sentence that records a decision (and before the motion
    a "Motion carried." sentence belongs to), so each decision opens a paragraph. Without prose, only
    before a decision formula ("(4) RESOLVED", "And Resolved:"): the site reads prose decisions only in
    minutes that print no formal mark (minutebook.validate.minutes.decisions_in_prose), and elsewhere a
    cut would only break a paragraph for nothing."""
    blocks = markdown.split("\n\n")
    out = []
    for block in blocks:
        if "\n" in block.strip("\n") or _NOT_PROSE.match(block):
            out.append(block)  # several lines (a list, a table, a hand-wrapped paragraph): kept as it is
            continue
        spans = sentence_spans(block)
        texts = [block[start:end] for start, end in spans]
        cuts: list[int] = []
        for index, sentence in enumerate(texts):
            if RESULT_ONLY.match(sentence) and prose:
                # "Motion carried.": the decision starts at the motion it closes, up to three sentences back.
                motion = next(
                    (i for i in range(index - 1, max(index - 4, -1), -1) if MOTION_SENTENCE.search(texts[i])),
                    None,
                )
                start = spans[motion][0] if motion is not None else None
            else:
                start = spans[index][0] if reads_as_decision(sentence, prose) else None
            if start and start not in cuts and (not cuts or start > cuts[-1]):
                cuts.append(start)
        pieces, last = [], 0
        for cut in cuts:
            pieces.append(block[last:cut].rstrip())
            last = cut
        pieces.append(block[last:])
        out.append("\n\n".join(piece for piece in pieces if piece.strip()))
    return "\n\n".join(out)
