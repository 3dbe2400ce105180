"""Benchmark: the class report of 40 simulated learners (target: under 1 s).

    python -m bench.bench_class_report [--students 40] [--cards 300] [--repeat 5]

Writes one progress file per learner (random but plausible histories: 6 sections, each card
studied with a few reviews, stability growing with each good answer) into a temporary folder,
then times reading the folder, computing mastery and weakest cards and rendering the HTML.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.measure import repeat
from flashcards.core.class_report import build_class_report
from flashcards.core.progress_file import FORMAT, VERSION

NOW = datetime(2026, 3, 2, 10, tzinfo=UTC)
DAY_MS = 86_400_000


def learner(rng: random.Random, cards: int, sections: int = 6) -> dict[str, Any]:
    """One simulated learner's progress file content."""
    now_ms = int(NOW.timestamp() * 1000)
    skill = rng.uniform(0.6, 0.97)
    out = []
    for i in range(cards):
        deck = f"Course::Section {i % sections + 1}"
        reviews, stability, lapses, t = [], None, 0, now_ms - rng.randrange(20, 90) * DAY_MS
        for _ in range(rng.choice([0, 0, 1, 3, 5, 8])):
            t += int((stability or 1) * DAY_MS * rng.uniform(0.8, 1.2))
            if t >= now_ms:
                break
            good = rng.random() < skill
            rating = rng.choice([3, 3, 4, 2]) if good else 1
            stability = (stability or 1.0) * (2.5 if good else 0.3)
            lapses += not good
            reviews.append([t, rating])
        out.append({"deck": deck, "key": f"c{i}", "state": 2 if reviews else 0,
                    "stability": stability if reviews else None, "difficulty": 5.0 if reviews else None,
                    "last_review": reviews[-1][0] if reviews else None, "reps": len(reviews), "lapses": lapses,
                    "leech": lapses >= 4, "suspended": False, "reviews": reviews})
    return {"format": FORMAT, "version": VERSION, "exported": now_ms, "desired_retention": 0.9,
            "parameters": None, "cards": out}


def write_class(folder: Path, students: int, cards: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    for n in range(students):
        (folder / f"student-{n + 1:02d}.json").write_text(json.dumps(learner(rng, cards)), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--cards", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_class(folder, args.students, args.cards)
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        result = repeat(lambda: build_class_report(folder, NOW), args.repeat)
        html, report = build_class_report(folder, NOW)
    verdict = "ok" if result["median"] < 1.0 else "SLOWER THAN 1 s"
    print(f"class report: {args.students} learners x {args.cards} cards ({size:.1f} MB of progress files, "
          f"{sum(s.reviews for s in report.students):,} reviews): median {result['median'] * 1000:.0f} ms, "
          f"{len(html) / 1000:.0f} kB of HTML — {verdict} (target < 1 s)")


if __name__ == "__main__":
    main()
