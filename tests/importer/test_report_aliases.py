"""The review report's advice on names: following it never gives someone already in the registry a
second identity. A name that fits a listed person ("Cllr R Baker" for "Councillor Raymond Baker") is
proposed as an alias of that person, not as a new entry (issue 16)."""

from __future__ import annotations

import re

import yaml

from minutebook.importer.registry import (
    KnownPerson,
    PeopleDirectory,
    archive_people,
    initials_fit,
    likely_same,
)
from minutebook.importer.report import _registry_entries
from tests.importer.test_importer import STYLES, import_into, site  # noqa: F401 (site is a fixture)


def test_initials_fit_only_names_that_can_be_one_person():
    assert initials_fit("J Gregg", "John Gregg")
    assert initials_fit("Cllr J. A. Gregg", "Councillor John Gregg")
    assert not initials_fit("Jane Gregg", "John Gregg")  # two given names that differ
    assert not initials_fit("K Gregg", "John Gregg")
    assert not initials_fit("Gregg", "John Gregg")  # a surname alone is settled by who was present, not here
    assert not initials_fit("J Gregory", "John Gregg")


def test_a_similar_name_with_other_initials_is_another_person():
    assert likely_same("J Gregg", "John Gregg") and likely_same("Councillor B Kuar", "Councillor B Kaur")
    assert not likely_same("Councillor H Brown", "Councillor C Brown")


def test_a_short_form_of_a_registered_name_is_suggested_not_matched():
    people = PeopleDirectory([KnownPerson("John Gregg", frozenset({"members"}))])
    found = people.match("J Gregg")
    # Not guessed: the draft keeps the name as printed; the report proposes the known person.
    assert found.person is None and found.suggestion == "John Gregg"
    # Two registered people the short form fits: neither is proposed (which one is for the clerk to say).
    two = PeopleDirectory(
        [KnownPerson("John Gregg", frozenset({"members"})), KnownPerson("Jane Gregg", frozenset({"members"}))]
    )
    assert two.match("J Gregg").suggestion == ""


def test_two_new_forms_of_one_name_are_one_entry_to_check():
    entries = _registry_entries([("J Gregg", "members", ""), ("John Gregg", "members", "")])
    assert len(entries) == 1
    (text,) = entries.values()
    assert "- name: John Gregg" in text and "    - J Gregg" in text and "# one person?" in text
    # Different given names stay two people.
    assert len(_registry_entries([("Jane Gregg", "members", ""), ("John Gregg", "members", "")])) == 2


def _yaml_blocks(section: str) -> list:
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)]


def test_following_the_report_never_creates_a_second_identity(site):  # noqa: F811
    registry_path = site / "content/people.yaml"
    registry = yaml.safe_load(registry_path.read_text(encoding="utf-8"))
    registry.append({"name": "Councillor Raymond Baker", "kind": "councillor"})
    registry_path.write_text(yaml.safe_dump(registry, sort_keys=False, allow_unicode=True), encoding="utf-8")

    report = import_into(site, STYLES / "parish-council-minutes.md")  # prints "Cllr R Baker"

    to_add = (
        report.split("## People to add", 1)[1].split("\n## ", 1)[0] if "## People to add" in report else ""
    )
    assert "Baker" not in to_add  # not a new person
    assert "## Aliases to add" in report
    aliases = report.split("## Aliases to add", 1)[1].split("\n## ", 1)[0]
    proposed = [entry for block in _yaml_blocks(re.sub(r"(?m)^  ", "", aliases)) for entry in block]
    assert {"name": "Councillor Raymond Baker", "aliases": ["Cllr R Baker"]} in proposed

    # The clerk follows the advice: aliases onto the listed people, new entries appended.
    for entry in proposed:
        listed = next(person for person in registry if person["name"] == entry["name"])
        listed.setdefault("aliases", []).extend(entry["aliases"])
    for block in _yaml_blocks(to_add):
        registry += block
    registry_path.write_text(yaml.safe_dump(registry, sort_keys=False, allow_unicode=True), encoding="utf-8")

    people = archive_people(site / "content")
    assert people.match("Cllr R Baker").person.name == "Councillor Raymond Baker"
    bakers = [person for person in registry if person["name"].endswith("Baker")]
    assert len(bakers) == 1
