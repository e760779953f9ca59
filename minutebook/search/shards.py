"""A tier's postings -> term shards, so that what a query downloads depends on the query, not on the archive.

Terms are grouped by the start of their stemmed form. A group that grows past the tier's target
size (shard_target) is split by the next letter; small neighbours stay together in the parent so
there are not thousands of tiny files. Every term lives in the shard whose prefix is the longest
one listed that starts it, so the browser finds a term's shard from the list of prefixes alone,
and a prefix search (`educ*`) needs only the shards on that branch.

A shard holds, per term, its rank in the tier and per field the documents with lunr's raw counts:

    {"school": [412, [], [], [], [3, 2, 180, 1734, 1, 95]]}
        rank (the order lunr first meets the term in), then per field (title, topics, people,
        body) triples: document-number gap (the first from the tier's first document), how often
        the term occurs there, and the field's length there; search.js weighs them (index.py).

Word positions, needed to check phrases and to find words side by side, are in a parallel shard
of the same name under positions/, fetched only for a phrase or a plain search of several words:

    {"school": [[], [], [], [3, 2, 17, 40, 2, 1, 8]]}
        per field: document gap, number of positions, then the positions as gaps
"""

from __future__ import annotations

import json
import operator
import re
from array import array
from dataclasses import dataclass

from .index import Postings, Term

# At most about 6 KB once compressed: small enough that a rare word costs little, big enough
# that an archive of 10,000 meetings needs thousands of shards, not tens of thousands. A query
# fetches a shard from every tier, so a small tier is cut into up to SHARD_SPLIT shards however
# small that makes them (down to SHARD_MIN): a word then costs little more in the newer tiers,
# and their shards add little to meta.json.
SHARD_TARGET = 24_000
SHARD_SPLIT = 256
SHARD_MIN = 2_000
# A group is split by one more letter at a time, so a term longer than any word (a pasted web
# address thousands of letters long) would be split letter by letter into a shard of its own,
# named after all of it. Past this many letters a prefix is not split again however big its shard.
MAX_PREFIX = 12

_PLAIN_NAME = re.compile(r"^[a-z0-9]+$")


@dataclass(frozen=True)
class Shard:
    prefix: str
    name: str  # file name without folder or extension
    terms: tuple[str, ...]


def shard_name(prefix: str) -> str:
    if prefix == "":
        return "_"
    if _PLAIN_NAME.match(prefix):
        return prefix
    return "_" + prefix.encode("utf-8").hex()


def plan_shards(sizes: dict[str, int], target: int = SHARD_TARGET) -> list[Shard]:
    """Terms (with their encoded sizes) -> shards by prefix, ordered by prefix."""
    plan: dict[str, list[str]] = {}
    _split("", sorted(sizes), sizes, target, plan)
    return [Shard(prefix, shard_name(prefix), tuple(terms)) for prefix, terms in sorted(plan.items())]


def _split(
    prefix: str, terms: list[str], sizes: dict[str, int], target: int, plan: dict[str, list[str]]
) -> None:
    if sum(sizes[t] for t in terms) <= target or len(prefix) >= MAX_PREFIX:
        plan[prefix] = terms
        return
    depth = len(prefix)
    kept = [t for t in terms if len(t) == depth]
    groups: dict[str, list[str]] = {}
    for term in terms:
        if len(term) > depth:
            groups.setdefault(term[depth], []).append(term)
    # Keep the smallest branches here while they fit; the rest get shards of their own.
    kept_size = sum(sizes[t] for t in kept)
    for letter, group in sorted(groups.items(), key=lambda item: (sum(sizes[t] for t in item[1]), item[0])):
        size = sum(sizes[t] for t in group)
        if kept_size + size <= target:
            kept += group
            kept_size += size
        else:
            _split(prefix + letter, group, sizes, target, plan)
    if kept:
        plan[prefix] = sorted(kept)


def _gaps(refs) -> list[int]:
    return [refs[0], *map(operator.sub, refs[1:], refs[:-1])] if refs else []


def encode_term(term: Term, lengths: tuple[array, ...]) -> list:
    fields: list[list[int]] = []
    for postings, field_lengths in zip(term.fields, lengths, strict=True):
        if postings is None:
            fields.append([])
            continue
        flat = [0, 0, 0] * len(postings.refs)
        flat[0::3] = _gaps(postings.refs)
        flat[1::3] = postings.counts
        flat[2::3] = [field_lengths[ref] for ref in postings.refs]
        fields.append(flat)
    return [term.rank, *fields]


def encode_positions(term: Term) -> list:
    fields = []
    for postings in term.fields:
        flat: list[int] = []
        if postings is not None:
            start = 0
            for gap, count in zip(_gaps(postings.refs), postings.counts, strict=True):
                places = postings.positions[start : start + count]
                flat += (gap, count, places[0])
                flat += map(operator.sub, places[1:], places[:-1])
                start += count
        fields.append(flat)
    return fields


def to_json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def shard_target(total: int) -> int:
    """The size to cut a tier's shards at, given the size of all its terms' postings."""
    return max(SHARD_MIN, min(SHARD_TARGET, total // SHARD_SPLIT))


def plan_tier(postings: Postings) -> tuple[list[Shard], dict[str, bytes]]:
    """The shard plan, and each term's encoded postings, which the plan is sized by."""
    encoded = {term: to_json(encode_term(entry, postings.lengths)) for term, entry in postings.terms.items()}
    sizes = {term: len(data) + len(term) + 4 for term, data in encoded.items()}
    return plan_shards(sizes, shard_target(sum(sizes.values()))), encoded


def shard_json(postings: Postings, encoded: dict[str, bytes], shard: Shard) -> tuple[bytes, bytes]:
    """One shard's term file and position file (uncompressed JSON)."""
    terms = b"{" + b",".join(to_json(t) + b":" + encoded[t] for t in shard.terms) + b"}"
    return terms, to_json({t: encode_positions(postings.terms[t]) for t in shard.terms})
