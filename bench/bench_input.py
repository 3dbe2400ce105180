"""Hostile and large input: deck files and articles refused or read in time proportional to a prefix.

Run: ``python -m bench.bench_input``. Prints seconds and peak memory per case (each in its own
process, so that peaks do not mix). Not a test: no thresholds; see docs/performance.md.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASES = {
    "deck: 20 MB flow-style list": ("deck", lambda: "deck: D\ncards: [" + "a, " * 7_000_000 + "]\n"),
    "deck: 9 MB flow-style list (under the size limit)": ("deck", lambda: "deck: D\ncards: [" + "a, " * 3_000_000 + "]\n"),
    "deck: name with 2,000 levels": ("deck", lambda: "deck: '" + "::".join(["L"] * 2000) + "'\ncards: []\n"),
    "deck: name of 5 MB": ("deck", lambda: "deck: '" + "x" * 5_000_000 + "'\ncards: []\n"),
    "deck: 50,000 cards (valid)": ("deck", lambda: "deck: D\ncards:\n" + "".join(
        f"  - id: q{i}\n    front: \"Question {i}?\"\n    back: \"Answer {i}.\"\n" for i in range(50_000))),
    "generate: one 200,000-character line": ("article", lambda: "# Gout\n\n## Causes\n\n1. Purines: "
                                             + "*x " * 66_000 + "\n2. Alcohol: Beer.\n"),
    "generate: 200,000 characters of spaces in a line": ("article", lambda: "# Gout\n\n## Causes\n\n1. P: x"
                                                         + " " * 200_000 + "y\n2. Alcohol: Beer.\n"),
    "generate: 400 sections": ("article", lambda: "# Gout\n\n" + "".join(
        f"## Group {s} Causes\n\n" + "".join(f"{i}. Factor {s} {i}: Raises uric acid by {i} percent.\n"
                                             for i in range(1, 6)) + "\n" for s in range(400))),
}


def _one(kind: str, path: str) -> None:
    import resource

    start = time.perf_counter()
    if kind == "deck":
        from flashcards.core.deckfile import load_deck_file
        _, errors = load_deck_file(Path(path))
        result = str(errors[0])[-70:] if errors else "ok"
    else:
        from flashcards.core.articles import ArticleError, generate_decks
        try:
            result = f"{len(generate_decks(Path(path)))} deck(s)"
        except ArticleError as exc:
            result = str(exc)[-70:]
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": round(seconds, 3), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                      "result": result}))


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-input-") as tmp:
        for name, (kind, make) in CASES.items():
            path = Path(tmp) / ("case.yaml" if kind == "deck" else "case.md")
            path.write_text(make(), encoding="utf-8")
            out = subprocess.run([sys.executable, "-m", "bench.bench_input", "--one", kind, str(path)],
                                 capture_output=True, text=True, check=True).stdout
            figures = json.loads(out)
            print(f"{name:52} {figures['seconds']:7.3f} s {figures['peak_mb']:5d} MB  {figures['result']}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        _one(sys.argv[2], sys.argv[3])
    else:
        main()
