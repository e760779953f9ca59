"""Worker processes end with the build, however the build ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from minutebook.cli import main
from tests.conftest import ROOT


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def synthetic_archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synth")
    assert main(["synth", "--meetings", "300", "--out", str(folder)]) == 0
    return folder


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM])
def test_workers_do_not_outlive_a_killed_build(synthetic_archive, tmp_path, stop):
    out = tmp_path / "_site"
    build = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "--config",
            str(synthetic_archive / "site_config.yaml"),
            "--out",
            str(out),
            "-q",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while not workers and build.poll() is None and time.monotonic() < deadline:
        workers = children(build.pid)
        time.sleep(0.02)
    assert workers, "the build never started worker processes"
    time.sleep(0.3)  # well into the stage
    workers |= children(build.pid)
    os.kill(build.pid, stop)
    _, stderr = build.communicate(timeout=30)
    # Workers die with the build (before, they ran on for over a minute); a busy machine may take
    # a moment to reap them, so this waits up to 20 s rather than a fixed time.
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in workers if alive(pid)] == []
    assert "Traceback" not in stderr
    assert not out.exists() or (out / "index.html").is_file()
    if stop == signal.SIGTERM:
        assert [p.name for p in tmp_path.iterdir() if ".staging-" in p.name] == []
