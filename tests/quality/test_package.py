"""The package as pyproject.toml describes it: the `minutebook` command runs the command line, every
pin is written once (in one requirements file, which the metadata reads), and the wheel holds
the whole package (its data files too) and the command."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import BUILD_DATE, ROOT, copy_fixture

BUILD_DATE_EPOCH = str(int(dt.datetime.combine(BUILD_DATE, dt.time(12), dt.UTC).timestamp()))

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
REQUIREMENT_FILES = sorted(path.name for path in ROOT.glob("requirements*.txt"))


def _requirements(name: str) -> list[Requirement]:
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return [Requirement(line) for line in (line.split("#", 1)[0].strip() for line in lines) if line]


def _console_script():
    module_name, _, function_name = PYPROJECT["project"]["scripts"]["minutebook"].partition(":")
    return getattr(importlib.import_module(module_name), function_name)


def test_the_minutebook_command_runs_the_command_line_and_exits_with_its_code(monkeypatch, capsys):
    command = _console_script()
    monkeypatch.setattr(sys, "argv", ["minutebook", "--help"])
    with pytest.raises(SystemExit) as done:
        command()
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("usage: minutebook ")
    monkeypatch.setattr(sys, "argv", ["minutebook", "build", "--no-such-option"])
    with pytest.raises(SystemExit) as done:
        command()
    assert done.value.code == 2  # wrong usage, as build.py reports it


def test_every_pin_is_written_once_in_a_requirements_file_the_metadata_reads():
    dynamic = PYPROJECT["tool"]["setuptools"]["dynamic"]
    assert dynamic["dependencies"]["file"] == ["requirements.txt"]
    extras = {name: spec["file"] for name, spec in dynamic["optional-dependencies"].items()}
    assert extras == {
        "dev": ["requirements-dev.txt"],
        "bench": ["requirements-dev.txt", "requirements-bench.txt"],
    }
    assert {name for files in [["requirements.txt"], *extras.values()] for name in files} == set(
        REQUIREMENT_FILES
    ), "a requirements file that the package metadata does not read"
    seen: dict[str, str] = {}
    for name in REQUIREMENT_FILES:
        for requirement in _requirements(name):  # a '-r' line or anything else fails to parse
            specifiers = list(requirement.specifier)
            assert len(specifiers) == 1 and specifiers[0].operator == "==", (
                f"{name}: {requirement} is not pinned"
            )
            key = canonicalize_name(requirement.name)
            assert key not in seen, f"{requirement.name} is pinned in both {seen[key]} and {name}"
            seen[key] = name
    for requirement in map(Requirement, PYPROJECT["build-system"]["requires"]):
        assert canonicalize_name(requirement.name) not in seen, (
            f"{requirement.name} is also pinned in pyproject.toml"
        )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The package's wheel, built offline with the installed setuptools, which must be the one
    pyproject.toml pins (scripts/setup.sh test installs it), from a copy of the sources so no
    build folders land in the tree."""
    (setuptools_pin,) = PYPROJECT["build-system"]["requires"]
    if importlib.util.find_spec("setuptools") is None:
        pytest.fail(
            f"setuptools is not installed in {sys.prefix}: run `make test` to install {setuptools_pin}"
        )
    installed = importlib.metadata.version("setuptools")
    assert Requirement(setuptools_pin).specifier.contains(installed), (
        f"setuptools {installed} is installed, pyproject.toml builds with {setuptools_pin}: run `make test`"
    )
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT / "minutebook", source / "minutebook", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ["pyproject.toml", "README.md", *REQUIREMENT_FILES]:
        shutil.copy(ROOT / name, source / name)
    result = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"),
            *("--no-index", "--wheel-dir", str(work / "dist"), str(source)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = (work / "dist").glob("minutebook-*.whl")
    return built


def test_the_wheel_holds_the_whole_package_the_command_and_the_pins(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (info,) = {name.split("/")[0] for name in names if name.endswith(".dist-info/METADATA")}
        metadata = archive.read(f"{info}/METADATA").decode()
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
    # The code and the files it reads beside it (the open data's JSON schemas).
    package = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "minutebook").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert sorted(package - names) == []
    assert "minutebook = minutebook.cli:run" in entry_points
    required = {
        line.split(": ", 1)[1] for line in metadata.splitlines() if line.startswith("Requires-Dist: ")
    }
    for requirement in _requirements("requirements.txt"):
        assert str(requirement) in required, f"{requirement} is not in the wheel's dependencies"
    for requirement in _requirements("requirements-dev.txt"):
        assert f'{requirement}; extra == "dev"' in required


def test_the_installed_command_builds_a_project_folder_and_names_what_one_lacks(wheel, tmp_path):
    # Installed, the package has no project folder above it: the archive's folder must hold the
    # templates, theme and handbook. (Its dependencies are this environment's.)
    installed = tmp_path / "installed"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--target",
            installed,
            wheel,
        ],
        check=True,
        timeout=300,
    )
    environment = {**os.environ, "PYTHONPATH": str(installed), "SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH}

    def minutebook(folder: Path, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [installed / "bin" / "minutebook", *args],
            cwd=folder,
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )

    project = tmp_path / "project"
    copy_fixture("basic", project)
    done = minutebook(project, "build", "--quiet", "--out", str(tmp_path / "site"))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    for missing in ("templates folder", "theme folder", "handbook configuration"):
        assert f"the {missing} {project}" in done.stderr, done.stderr

    for folder in ("templates", "theme", "docs"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    done = minutebook(project, "build", "--quiet", "--out", str(tmp_path / "site"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "index.html").is_file() and (
        tmp_path / "site" / "help" / "index.html"
    ).is_file()
