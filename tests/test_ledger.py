"""The ledger: the one place that remembers earlier builds (minutebook/ledger.py)."""

from __future__ import annotations

import ast
import hashlib
import os
from pathlib import Path

import pytest

from minutebook.ledger import LEDGER_FILE, FileRecord, Ledger, keeps
from minutebook.products import Product, code_version, fresh, key_of
from tests.conftest import ROOT, build_site, copy_fixture


def counting(value):
    calls = []

    def make():
        calls.append(1)
        return value

    return make, calls


def test_work_made_by_one_build_is_handed_to_the_next(tmp_path):
    first = Ledger.open(tmp_path)
    make, calls = counting(("parsed", 1))
    assert first("key-1", make) == ("parsed", 1)
    assert first("key-1", make) == ("parsed", 1)  # within a build too
    first.commit()
    first.close()
    second = Ledger.open(tmp_path)
    assert second("key-1", make) == ("parsed", 1)
    assert len(calls) == 1
    second.close()


def test_a_value_that_is_no_longer_good_is_made_again(tmp_path):
    ledger = Ledger.open(tmp_path)
    ledger("key", lambda: "old")
    assert ledger("key", lambda: "new", still_good=lambda value: value != "old") == "new"
    assert ledger("key", lambda: "newer") == "new"


def test_a_value_no_longer_good_is_revised_from_itself_when_the_stage_says_how(tmp_path):
    ledger = Ledger.open(tmp_path)
    ledger("committee", lambda: ("a",))
    revised = ledger(
        "committee", lambda: ("made",), lambda value: len(value) == 2, lambda value: (*value, "b")
    )
    assert revised == ("a", "b") and ledger.lookup("committee") == ("a", "b")
    assert fresh("committee", lambda: ("made",), lambda value: False, lambda value: value) == ("made",)


def test_many_values_at_once_make_only_the_missing_ones_in_order(tmp_path):
    ledger = Ledger.open(tmp_path)
    ledger("b", lambda: "B")
    asked = []

    def make(places):
        asked.append(list(places))
        return [f"made {place}" for place in places]

    assert ledger.each(["a", "b", "c"], make) == ["made 0", "B", "made 2"]
    assert asked == [[0, 2]]
    assert fresh.each(["a", "b"], make) == ["made 0", "made 1"]


def test_a_full_build_forgets_work_it_did_not_use(tmp_path):
    ledger = Ledger.open(tmp_path)
    ledger("kept", lambda: 1)
    ledger("dropped", lambda: 2)
    ledger.commit()
    ledger.close()
    ledger = Ledger.open(tmp_path)
    ledger("kept", lambda: 0)
    ledger.commit(prune=True)
    ledger.close()
    ledger = Ledger.open(tmp_path)
    assert ledger.lookup("kept") == 1 and ledger.lookup("dropped") is None


def test_work_of_other_code_is_discarded(tmp_path):
    ledger = Ledger.open(tmp_path)
    ledger("key", lambda: "made by this code")
    ledger.commit()
    ledger.connection.execute("UPDATE setting SET value = 'other code' WHERE name = 'code'")
    ledger.connection.commit()
    ledger.close()
    ledger = Ledger.open(tmp_path)
    assert ledger.lookup("key") is None
    assert ledger.connection.execute("SELECT value FROM setting").fetchone()[0] == code_version()


def test_an_input_file_is_read_again_only_when_its_size_or_date_changes(tmp_path):
    source = tmp_path / "meeting.md"
    source.write_text("one", encoding="utf-8")
    ledger = Ledger.open(tmp_path / "cache")
    assert ledger.digest(source) == fresh.digest(source)
    ledger.commit()
    ledger.close()
    stat = source.stat()
    # Same size and date, other bytes: the recorded digest is trusted (the file is not read).
    source.write_text("two", encoding="utf-8")
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    ledger = Ledger.open(tmp_path / "cache")
    assert ledger.digest(source) == key_of_text("one")
    ledger.close()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    ledger = Ledger.open(tmp_path / "cache")
    assert ledger.digest(source) == key_of_text("two")


def key_of_text(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_a_file_is_kept_only_if_made_under_the_same_key_and_untouched_since(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "page.html").write_bytes(b"<p>made</p>")
    stat = (out / "page.html").stat()
    record = FileRecord("key-a", "sha", stat.st_size, stat.st_mtime_ns)
    assert keeps(record, Product("page.html", "key-a", bytes), out)
    assert not keeps(record, Product("page.html", "key-b", bytes), out)
    assert not keeps(None, Product("page.html", "key-a", bytes), out)
    (out / "page.html").write_bytes(b"<p>edited by hand</p>")
    assert not keeps(record, Product("page.html", "key-a", bytes), out)


def test_a_damaged_ledger_only_costs_time(tmp_path):
    config = copy_fixture("basic", tmp_path / "source")
    first = build_site(config, tmp_path / "site")
    assert not first.failed
    (config.parent / ".minutebook-cache" / LEDGER_FILE).write_bytes(b"not a database at all" * 100)
    for leftover in (config.parent / ".minutebook-cache").glob(LEDGER_FILE + "-*"):
        leftover.unlink()
    again = build_site(config, tmp_path / "site")
    assert not again.failed and again.rendered == first.rendered > 0


def test_check_reuses_the_ledger(tmp_path):
    config = copy_fixture("basic", tmp_path / "source")
    built = build_site(config, tmp_path / "site")
    assert not built.failed and built.resolved > 0
    checked = build_site(config, tmp_path / "site", write=False)
    assert not checked.failed and checked.resolved == 0


STAGES = ("validate", "resolve", "render", "search")


@pytest.mark.parametrize("stage", STAGES)
def test_no_stage_knows_an_earlier_build_exists(stage):
    """Stages are pure: they are handed a Reuse; only the pipeline opens the ledger."""
    for path in sorted((ROOT / "minutebook" / stage).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = [node.module] if node.module else [alias.name for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            assert not any(name.split(".")[-1] in ("ledger", "write", "cache") for name in names), (
                f"{path.relative_to(ROOT)} imports {names}"
            )


def test_keys_name_what_results_are_made_from():
    assert key_of("a", 1) == key_of("a", 1)
    assert key_of("a", 1) != key_of("a", "1") != key_of("a1")
    assert key_of(Path("x")) != key_of("x")
