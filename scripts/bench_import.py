"""make bench-import: the import measured against the labelled corpus of other councils' minutes
(tests/fixtures/import-corpus/) and against the Coventry seeds.

Prints precision, recall and F1 per field and per document, and core micro-F1, for the "dev" and
"held-out" parts of the corpus separately, then the seed result (tests/importer/test_import_measure.py,
which must stay at 1.00). Writes the tables to test-artifacts/import-corpus-measurement.md."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.importer.corpus_measure import corpus_files, measure, table  # noqa: E402 (needs ROOT on sys.path)


def main() -> int:
    started = time.perf_counter()
    sections = []
    for split in ("dev", "held-out"):
        files = corpus_files(split)
        sections.append(table(measure(files), f"{split}: {len(files)} files"))
    report = "# Import measured against the labelled corpus\n\n" + "\n\n".join(sections) + "\n"
    print(report)
    print(f"corpus measured in {time.perf_counter() - started:.1f}s")
    artifact = ROOT / "test-artifacts" / "import-corpus-measurement.md"
    artifact.parent.mkdir(exist_ok=True)
    artifact.write_text(report, encoding="utf-8")
    if "--no-seeds" in sys.argv:
        return 0
    print("\n## Seeds (Coventry): tests/importer/test_import_measure.py\n")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-s",
            "-p",
            "no:cacheprovider",
            "tests/importer/test_import_measure.py::test_import_reproduces_the_hand_transcribed_seed_meetings",
        ],
        cwd=ROOT,
        check=False,
    )
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
