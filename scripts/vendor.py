#!/usr/bin/env python3
"""Fetch the browser libraries the project commits, from the npm registry, at pinned versions.

Each package is downloaded as the registry's tarball, checked against the integrity hash pinned
here AND the one in the registry's metadata for that version, and only then are the named files
(the library and its licence) written into the repository. Run it again to re-check: files that
already match the tarball are left alone.

    python scripts/vendor.py            fetch what is missing or different
    python scripts/vendor.py --check    exit 1 if a committed file differs from its tarball
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = "https://registry.npmjs.org"


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    integrity: str  # the registry's Subresource Integrity string for the tarball, pinned
    files: dict[str, str]  # path inside the tarball -> path in this repository


PACKAGES = (
    Package(
        name="axe-core",
        version="4.14.1",
        integrity="sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
        files={
            "package/axe.min.js": "tests/vendor/axe-core-4.14.1/axe.min.js",
            "package/LICENSE": "tests/vendor/axe-core-4.14.1/LICENSE",
        },
    ),
)


class VendorError(Exception):
    pass


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def _check_integrity(data: bytes, integrity: str, what: str) -> None:
    algorithm, _, expected = integrity.partition("-")
    if algorithm not in ("sha512", "sha384", "sha256"):
        raise VendorError(f"{what}: unsupported integrity algorithm {algorithm!r}")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode("ascii")
    if actual != expected:
        raise VendorError(f"{what}: integrity mismatch (expected {integrity}, got {algorithm}-{actual})")


def fetch_files(package: Package) -> dict[str, bytes]:
    """The package's named files, from a tarball whose hash matches the pin and the registry."""
    metadata = json.loads(_get(f"{REGISTRY}/{package.name}/{package.version}"))
    dist = metadata["dist"]
    if dist["integrity"] != package.integrity:
        raise VendorError(f"{package.name}@{package.version}: the registry now gives integrity {dist['integrity']}, not the pinned {package.integrity}")
    tarball = _get(dist["tarball"])
    _check_integrity(tarball, package.integrity, f"{package.name}@{package.version} tarball")
    files = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member_name in package.files:
            member = archive.extractfile(member_name)
            if member is None:
                raise VendorError(f"{package.name}@{package.version}: {member_name} is not in the tarball")
            files[member_name] = member.read()
    return files


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare the committed files with the tarballs")
    args = parser.parse_args(argv)
    differences = 0
    for package in PACKAGES:
        try:
            contents = fetch_files(package)
        except (VendorError, OSError, KeyError, ValueError, tarfile.TarError) as exc:
            print(f"vendor: {package.name}@{package.version}: {exc}", file=sys.stderr)
            return 1
        for member_name, target in package.files.items():
            path = ROOT / target
            if path.is_file() and path.read_bytes() == contents[member_name]:
                print(f"vendor: {target} matches {package.name}@{package.version}")
                continue
            differences += 1
            if args.check:
                print(f"vendor: {target} differs from {member_name} in {package.name}@{package.version}", file=sys.stderr)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(contents[member_name])
            print(f"vendor: wrote {target} from {package.name}@{package.version}")
    return 1 if args.check and differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
