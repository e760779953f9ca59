"""Writing the site: one build at a time per output folder, never into a folder a build did not
make, and a full or read-only disk reported with the previous site left as it was."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from minutebook import write
from minutebook.cli import main
from tests.conftest import ROOT, build_site, copy_fixture


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return copy_fixture("basic", tmp_path / "site")


def run_build(config: Path, out: Path) -> subprocess.Popen:
    environment = dict(os.environ, SOURCE_DATE_EPOCH="1790000000")
    return subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--config", str(config), "--out", str(out), "-q"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_overlapping_builds_into_one_folder_leave_a_whole_site(config, tmp_path):
    reference = run_build(config, tmp_path / "reference")
    assert reference.wait(timeout=120) == 0
    whole = files(tmp_path / "reference")
    out = tmp_path / "_site"
    outcomes = []
    for trial in range(4):
        # A change each time, so neither build can stop at "nothing changed".
        (config.parent / "content/topics.yaml").write_text(
            (config.parent / "content/topics.yaml").read_text(encoding="utf-8") + f"\n# {trial}\n",
            encoding="utf-8",
        )
        first, second = run_build(config, out), run_build(config, out)
        for build in (first, second):
            _, stderr = build.communicate(timeout=120)
            assert "Traceback" not in stderr
            if build.returncode != 0:
                assert build.returncode == 1, stderr
                assert f"error[output-busy]: another build is writing to {out} (pid " in stderr
            outcomes.append(build.returncode)
        assert files(out) == whole
        assert [p.name for p in tmp_path.iterdir() if ".staging" in p.name] == []
    assert 0 in outcomes


def test_a_build_waits_for_or_refuses_a_folder_another_build_holds(config, tmp_path, capsys):
    out = tmp_path / "_site"
    with write.output_lock(out, wait=False):
        assert main(["--config", str(config), "--out", str(out)]) == 1
        assert (
            f"error[output-busy]: another build is writing to {out} (pid {os.getpid()})"
            in capsys.readouterr().err
        )
        assert not out.exists()
    assert main(["--config", str(config), "--out", str(out), "-q"]) == 0


def test_serve_waits_for_the_build_that_holds_the_folder(config, tmp_path):
    out = tmp_path / "_site"
    results = []
    with write.output_lock(out, wait=False):
        waiting = threading.Thread(target=lambda: results.append(build_site(config, out, wait_for_lock=True)))
        waiting.start()
        time.sleep(1)
        assert waiting.is_alive() and not out.exists()
    waiting.join(timeout=120)
    assert not results[0].failed and (out / "index.html").is_file()


@pytest.mark.parametrize("kept", ["docs", ".git", "notes"])
def test_a_folder_a_build_did_not_make_is_never_replaced(config, capsys, kept):
    folder = config.parent / kept
    folder.mkdir()
    (folder / "important.md").write_text("keep me", encoding="utf-8")
    assert main(["--config", str(config), "--out", str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"error: the output folder {folder} has files in it that a build did not make" in err
    assert "hint: choose a new or empty folder with --out" in err
    assert files(folder) == {"important.md": b"keep me"}


def test_empty_missing_and_previously_built_folders_are_fine(config, tmp_path):
    (tmp_path / "empty").mkdir()
    for out in (tmp_path / "empty", tmp_path / "new" / "site"):
        assert main(["--config", str(config), "--out", str(out), "-q"]) == 0
        assert (out / write.MARKER).is_file()
        (out / "stray.txt").write_text("left by hand", encoding="utf-8")
        assert main(["--config", str(config), "--out", str(out), "-q"]) == 0  # the folder is ours: rebuilt
        assert not (out / "stray.txt").exists()


def test_a_site_built_before_the_marker_is_recognised_by_the_build_record(config, tmp_path):
    out = tmp_path / "_site"
    assert main(["--config", str(config), "--out", str(out), "-q"]) == 0
    (out / write.MARKER).unlink()
    assert main(["--config", str(config), "--out", str(out), "-q"]) == 0


def built_then_retitled(config, out):
    """Build the site, then change its title so the next build rewrites every page; returns the
    site as built, which a failed next build must leave exactly so."""
    assert main(["--config", str(config), "--out", str(out), "-q"]) == 0
    before = snapshot(out)
    config.write_text(
        config.read_text(encoding="utf-8").replace("title: Meetings archive", "title: Minutes archive"),
        encoding="utf-8",
    )
    return before


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_full_or_read_only_disk_is_reported_and_the_previous_site_kept(
    config, tmp_path, capsys, monkeypatch, code
):
    out = tmp_path / "_site"
    before = built_then_retitled(config, out)
    real_write_bytes = Path.write_bytes

    def failing_write_bytes(path, data):
        if path.name == "index.html":
            raise OSError(code, os.strerror(code), str(path))
        return real_write_bytes(path, data)

    monkeypatch.setattr(Path, "write_bytes", failing_write_bytes)
    assert main(["--config", str(config), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    reason = os.strerror(code)
    assert f"error[write]: the site could not be written: {reason[0].lower()}{reason[1:]}" in err
    assert f"{out}/" in err.split("error[write]")[0]  # the output file it was writing, not the staging copy
    assert (
        "hint: free some space"
        if code == errno.ENOSPC
        else "hint: the account running the build may not write"
    ) in err
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if ".staging" in p.name] == []


def test_an_output_folder_that_cannot_be_created_is_reported(config, tmp_path, capsys):
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    assert main(["--config", str(config), "--out", str(tmp_path / "a-file" / "site")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{tmp_path / 'a-file'}: error[write]: the site could not be written: " in err
    assert f"hint: {tmp_path / 'a-file'} is a file where the build needs a folder" in err


def test_a_swap_that_fails_half_way_puts_the_previous_site_back(config, tmp_path, capsys, monkeypatch):
    out = tmp_path / "_site"
    before = built_then_retitled(config, out)
    real_rename = os.rename

    def rename(source, target):
        if ".staging-" in str(source):
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(source))
        return real_rename(source, target)

    monkeypatch.setattr(write, "_exchange", lambda first, second: False)  # as where renameat2 is missing
    monkeypatch.setattr(os, "rename", rename)
    assert main(["--config", str(config), "--out", str(out)]) == 1
    assert "error[write]: the site could not be written: input/output error" in capsys.readouterr().err
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == ["._site.lock"]
