"""Building twice gives a byte-identical site, even from separate processes with different hash
seeds, working folders and output folders: the archive can be rebuilt and compared, and a
rebuild rewrites nothing that did not change."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUILD_DATE, FIXTURES, ROOT

SOURCE_DATE_EPOCH = str(int(dt.datetime.combine(BUILD_DATE, dt.time(12), dt.UTC).timestamp()))


def build_in_a_new_process(config: Path, out: Path, hash_seed: str, cwd: Path) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--config", str(config), "--out", str(out), "--quiet"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize(
    "config",
    [
        ROOT / "site_config.yaml",
        FIXTURES / "basic" / "site_config.yaml",
        FIXTURES / "leaks" / "site_config.yaml",
    ],
    ids=["seed", "basic", "leaks"],
)
def test_two_builds_are_byte_identical(config, tmp_path):
    build_in_a_new_process(config, tmp_path / "one", hash_seed="1", cwd=ROOT)
    build_in_a_new_process(config, tmp_path / "two" / "deeper", hash_seed="2", cwd=tmp_path)
    one, two = files_of(tmp_path / "one"), files_of(tmp_path / "two" / "deeper")
    assert len(one) > 5
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []


def test_the_injection_site_builds_identically_too(injection_config, tmp_path):
    build_in_a_new_process(injection_config, tmp_path / "one", hash_seed="3", cwd=ROOT)
    build_in_a_new_process(injection_config, tmp_path / "two", hash_seed="4", cwd=tmp_path)
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")
