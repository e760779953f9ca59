"""The review report: what was written, what to check, and every line the import could not place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic
from ..validate.minutes import decisions_in_prose, segment_item
from .drafts import ReviewNote
from .output import MeetingDraft, scalar
from .registry import CommitteeMatch, bare_name, initials_fit, likely_same, person_key, registry_entry
from .text import Line


@dataclass
class MeetingOutcome:
    meeting: MeetingDraft
    label: str  # where the meeting file goes: content/meetings/2020/2020-02-13-scrutiny-board-2.md
    written: bool = False
    skipped: str = ""
    held_back: str = ""
    documents: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def render_report(
    source: Path,
    line_count: int,
    outcomes: list[MeetingOutcome],
    notes: list[ReviewNote],
    furniture: tuple[Line, ...],
    new_committees: dict[str, CommitteeMatch],
    root: Path,
) -> str:
    out = [
        f"# Import report: {source.name}",
        "",
        f"Imported from `{source}` ({line_count} lines of text).",
        "",
    ]
    out += [
        "Every imported meeting is a **draft** (`draft: true`): it is not published until you have checked it",
        "against the source and removed that line. Tick each box as you check it.",
        "",
    ]
    out += ["## Meetings", ""]
    if not outcomes:
        out += ["No meeting could be read from this file. Its text is listed under *Not placed* below.", ""]
    for outcome in outcomes:
        out += _meeting_section(outcome)
    if new_committees:
        out += ["## New committees", ""]
        for slug, match in new_committees.items():
            out.append(
                f"- [ ] `{match.name}` is not a committee of the archive yet; `committees/{slug}.yaml` was written with its name. Check the name and add `short_name` and `description`."
            )
        out.append("")
    unknown = [entry for o in outcomes if o.written for entry in o.meeting.new_people]
    # A name most likely a listed person is proposed as their alias; a merely similar one ("H Brown"
    # beside "C Brown") is a new person, with the similar name asked about in a comment.
    alias_of = [entry for entry in unknown if entry[2] and likely_same(entry[0], entry[2])]
    aliases = _alias_entries(alias_of)
    if aliases:
        out += [
            "## Aliases to add",
            "",
            "These names are not in `content/people.yaml` as printed, but someone already listed there has the",
            "same surname and matching initials, or a name spelt almost the same. Do not add them as new people:",
            "once you have checked each is the person listed, add the form printed to that person's `aliases:`",
            "as below. Only if it is someone else, add them as a new person with a name that tells the two apart.",
            "",
        ]
        for known, text in aliases.items():
            out += [
                f"- [ ] {known}:",
                "",
                "  ```yaml",
                *("  " + line for line in text.split("\n")),
                "  ```",
                "",
            ]
    new_people = _registry_entries([entry for entry in unknown if entry not in alias_of])
    if new_people:
        out += [
            "## People to add",
            "",
            "These names match nobody in `content/people.yaml`. Once each is checked (spelling, and whether they are",
            "someone already listed under another form of their name: then add it to that person's `aliases:`),",
            "add the new people to `content/people.yaml`; the build will not publish a meeting naming someone it does not know.",
            "",
            "```yaml",
            *new_people.values(),
            "```",
            "",
        ]
    unplaced = [note for note in notes if note.unplaced] + [
        n for o in outcomes for n in _all_notes(o.meeting) if n.unplaced
    ]
    checks = [note for note in notes if not note.unplaced]
    if checks:
        out += ["## Also check", ""] + [f"- [ ] {_note_line(note)}" for note in checks] + [""]
    out += ["## Not placed", ""]
    if unplaced:
        out += [
            "The import could not place this text in any field. It is copied here exactly as extracted; put it where it belongs, or confirm it can go.",
            "",
        ]
        for note in unplaced:
            out += (
                [f"- [ ] {_note_line(note)}", ""]
                + ["      " + line if line else "" for line in (note.text or "").split("\n")]
                + [""]
            )
    else:
        out += [
            "Nothing: every line of the file was placed in a meeting, a paper, or the page furniture below.",
            "",
        ]
    out += ["## Page furniture left out", ""]
    if furniture:
        grouped: dict[str, list[int]] = {}
        for line in furniture:
            grouped.setdefault(line.clean, []).append(line.number)
        out += [
            f'- "{text}" (line{"s" if len(numbers) > 1 else ""} {", ".join(str(n) for n in numbers)})'
            for text, numbers in grouped.items()
        ]
    else:
        out.append("None.")
    out.append("")
    return "\n".join(out)


def _alias_entries(close: list[tuple[str, str, str]]) -> dict[str, str]:
    """For names that fit someone already in the registry: the aliases to add to that person's entry,
    never a second entry for them (a second identity the build would then publish as another person)."""
    forms: dict[str, set[str]] = {}
    for name, _, known in close:
        forms.setdefault(known, set()).add(bare_name(name))
    return {
        known: f"- name: {scalar(known)}  # already in content/people.yaml: add to its aliases\n  aliases:\n"
        + "\n".join(f"    - {scalar(alias)}" for alias in sorted(names))
        for known, names in forms.items()
    }


def _registry_entries(unknown: list[tuple[str, str, str]]) -> dict[str, str]:
    """One people.yaml entry per person: 'Mrs S Hanson' and 'S Hanson' are one person, the other
    form of the name an alias. Forms that only may be one person ('J Gregg' and 'John Gregg', both new)
    are also given one entry, with the shorter form as an alias and a comment asking the clerk to check."""
    grouped: dict[str, list[tuple[str, str, str]]] = {}
    for entry in unknown:
        grouped.setdefault(person_key(entry[0]), []).append(entry)
    merged: dict[str, list[tuple[str, str, str]]] = {}
    checks: dict[str, list[str]] = {}
    for key, forms in grouped.items():
        fits = [other for other in merged if initials_fit(other, key)]
        if len(fits) == 1:
            merged[fits[0]] += forms
            checks.setdefault(fits[0], []).append(bare_name(forms[0][0]))
        else:
            merged[key] = list(forms)
    entries = {}
    for key, forms in merged.items():
        name, group, _ = max(forms, key=lambda form: len(bare_name(form[0])))
        text = registry_entry(name, group)
        aliases = sorted({bare_name(form[0]) for form in forms} - {bare_name(name)})
        if aliases:
            text += "\n  aliases:\n" + "\n".join(f"    - {scalar(alias)}" for alias in aliases)
        if key in checks:
            text = f"# one person? {', '.join(sorted({bare_name(f[0]) for f in forms}))}: if not, give each their own entry\n{text}"
        entries[key] = text
    return entries


def _all_notes(meeting: MeetingDraft) -> list[ReviewNote]:
    notes: list[ReviewNote] = []
    if meeting.agenda:
        notes += meeting.agenda.review
    if meeting.minutes:
        notes += meeting.minutes.review
    for _, document in meeting.documents:
        notes += document.review
    return list(notes)


def _note_line(note: ReviewNote) -> str:
    where = f" (source {note.span})" if note.span else ""
    return f"{note.message}{where}"


def _meeting_section(outcome: MeetingOutcome) -> list[str]:
    meeting = outcome.meeting
    out = [f"### {meeting.date:%A %d %B %Y}, {meeting.committee}", ""]
    if outcome.skipped:
        return [*out, f"**{outcome.skipped}.**", ""]
    if outcome.held_back:
        out += [
            f"**Held back: the draft does not pass the archive's checks, so it was written to `{outcome.held_back}` instead of the meetings folder.** Fix the problems below, then move it to `{outcome.label}`.",
            "",
        ]
    else:
        out += [
            f"Written: `{outcome.label}`"
            + (f" and {len(outcome.documents)} paper(s):" if outcome.documents else ""),
            "",
        ]
        out += [f"- `{path}`" for path in outcome.documents]
        if outcome.documents:
            out.append("")
    errors = [d for d in outcome.diagnostics]
    if errors:
        out += ["The archive's checks report:", "", "```"] + [d.format() for d in errors] + ["```", ""]
    out += ["Check against the source:", ""]
    agenda, minutes = meeting.agenda, meeting.minutes
    if agenda:
        out.append(
            f"- [ ] Agenda ({agenda.span}): date, time and place; {len(agenda.items)} items with their titles, pages and papers; membership; contact."
        )
    if minutes:
        counts = ", ".join(
            f"{len(names)} {group.replace('_', ' ')}" for group, names in minutes.attendance.items()
        )
        officers = sum(len(names) for names in minutes.officers.values())
        out.append(
            f"- [ ] Attendance ({minutes.span}): {counts or 'none found'}{f', {officers} officers' if officers else ''}. Check every name and role."
        )
        numbers = [item.number for item in minutes.items]
        out.append(
            f"- [ ] Minutes: {len(numbers)} items"
            + (f", numbers {numbers[0]} to {numbers[-1]}" if numbers else "")
            + "; check no heading was missed or split."
        )
        prose = decisions_in_prose(item.body for item in minutes.items)
        decided = [
            item.number
            for item in minutes.items
            if any(segment.resolution for segment in segment_item(item.body, prose))
        ]
        if prose and decided:
            # Read from running prose ("All agreed ...", "The Councillors resolved to ..."): the
            # likeliest to be wrong, so each is listed for the clerk.
            out.append(
                f"- [ ] Decisions: read from the minutes' prose in items {', '.join(str(n) for n in decided)}; "
                "each starts its own paragraph in the draft, which the site shows as a decision. Check each is a "
                "decision of the meeting, and that no decision was missed."
            )
        else:
            out.append(
                f"- [ ] Resolutions: {len(decided)} item(s) with RESOLVED (or AGREED) paragraphs; check each list of points kept its numbering."
            )
        out.append(f"- [ ] Declarations of interest: {len(minutes.declarations) or 'none'} found.")
        private = [item.number for item in minutes.items if item.private_paragraphs]
        if private:
            out.append(
                f"- [ ] Private items: {', '.join(str(n) for n in private)}; check the paragraphs of Schedule 12A."
            )
        votes = sum(len(item.votes) for item in minutes.items)
        if votes:
            out.append(
                f"- [ ] Votes: {votes} motion(s) or amendment(s) recorded under `items:`; check the motion text, mover, seconder, names and result."
            )
        if minutes.end is None:
            out.append(
                '- [ ] No closing time was found ("Meeting closed at ..."); add `end:` if the minutes give one.'
            )
    if not minutes:
        out.append(
            "- [ ] The file holds no minutes of this meeting, so its status is `scheduled`: set `held`, `cancelled` or `postponed` once known."
        )
    if meeting.new_people:
        names = [
            f"{name} (did you mean {close}?)" if close else name for name, _, close in meeting.new_people
        ]
        out.append(
            f"- [ ] Names the archive does not know (new people, or a misspelling): {'; '.join(names)}. See *Aliases to add* and *People to add* below."
        )
    for _, document in meeting.documents:
        out.append(
            f'- [ ] Paper "{document.title}" ({document.span}): title, kind, date, authors; tables and numbered paragraphs.'
        )
    for note in _all_notes(meeting):
        if not note.unplaced:
            out.append(f"- [ ] {_note_line(note)}")
    out.append("- [ ] When all is checked, remove `draft: true` and run `build.py check`.")
    out.append("")
    return out
