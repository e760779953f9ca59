#!/usr/bin/env python3
"""Fetch the browser libraries the site ships from the npm registry, check them, and copy them in.

Each package is pinned to one version. npm (the registry's own client) downloads the tarball;
this script checks it against the sha512 integrity the registry publishes for that version
before copying the files the site needs, with the package's licence, into the repository.

    python3 scripts/vendor.py           fetch, check and copy every package below
    python3 scripts/vendor.py --check   only check that the committed copies match the registry's
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Vendored:
    package: str
    version: str
    destination: str  # folder inside the repository
    files: dict[str, str]  # path inside the package tarball -> file name in destination


PACKAGES = (
    Vendored(
        "lunr",
        "2.3.9",
        "theme/js/vendor",
        {
            "package/lunr.min.js": "lunr-2.3.9.min.js",
            "package/LICENSE": "LICENSE-lunr",
        },
    ),
    # For the tests only: the accessibility checks run axe-core inside the browser.
    Vendored(
        "axe-core",
        "4.14.1",
        "tests/support/vendor",
        {
            "package/axe.min.js": "axe-4.14.1.min.js",
            "package/LICENSE": "LICENSE-axe-core",
        },
    ),
)


def registry_dist(package: str, version: str) -> dict:
    """The registry's record of one published version: its tarball address and integrity hash."""
    out = subprocess.run(
        ["npm", "view", f"{package}@{version}", "dist", "--json"], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out)


def fetch_tarball(package: str, version: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        out = subprocess.run(
            ["npm", "pack", f"{package}@{version}", "--json", "--pack-destination", folder],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        filename = json.loads(out)[0]["filename"]
        return (Path(folder) / filename).read_bytes()


def check_integrity(data: bytes, integrity: str) -> None:
    algorithm, _, expected = integrity.partition("-")
    if algorithm != "sha512":
        raise SystemExit(f"vendor: unexpected integrity algorithm {algorithm!r}")
    actual = base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")
    if actual != expected:
        raise SystemExit(f"vendor: integrity mismatch: registry says {integrity}, tarball is sha512-{actual}")


def extract(data: bytes, members: dict[str, str]) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        found = {}
        for member, name in members.items():
            handle = archive.extractfile(member)
            if handle is None:
                raise SystemExit(f"vendor: {member} is not in the tarball")
            found[name] = handle.read()
        return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare the committed files with the registry's; change nothing"
    )
    args = parser.parse_args(argv)
    differs = False
    for vendored in PACKAGES:
        dist = registry_dist(vendored.package, vendored.version)
        tarball = fetch_tarball(vendored.package, vendored.version)
        check_integrity(tarball, dist["integrity"])
        files = extract(tarball, vendored.files)
        destination = ROOT / vendored.destination
        for name, data in files.items():
            target = destination / name
            if args.check:
                if not target.is_file() or target.read_bytes() != data:
                    print(
                        f"vendor: {target.relative_to(ROOT)} differs from {vendored.package}@{vendored.version}",
                        file=sys.stderr,
                    )
                    differs = True
                continue
            destination.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            print(
                f"vendor: {vendored.package}@{vendored.version} {name} ({len(data)} bytes, {dist['integrity'][:20]}...)"
            )
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
