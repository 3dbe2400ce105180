"""Benchmark: Flashcards' core against Anki's library on the same synthetic collection.

    python -m bench.run --cards 10000 100000 --json bench/results/latest.json

Each side runs in its own subprocess (so peak RSS is its own): ours imports YAML deck files,
Anki adds Basic notes in batches of 1,000 (FSRS on, v3 scheduler). Both put N cards in 10 decks
under one parent, with 9,999 new and review cards a day, then: reopen the collection, study
1,000 cards (next card + answer + commit) and compute the due counts of the deck list (right
after opening, and again after the study loop). Ours also computes review statistics over
1,000,000 synthetic review-log rows (a third process).
Medians are reported; the study loop reports the mean time per answer.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GUI_BENCH = ROOT / "bench" / "bench_gui.py"

# (key in a side's result, label, unit, scale from seconds/MB)
ROWS = [("add", "add/import {n:,} cards", "s", 1.0),
        ("open", "open collection", "ms", 1e3),
        ("open_check", "full integrity check (not on open)", "ms", 1e3),
        ("counts", "due counts, all decks, after open", "ms", 1e3),
        ("counts_warm", "due counts, all decks, again", "ms", 1e3),
        ("study", "next card + answer + commit", "ms/answer", 1e3),
        ("stats", "stats over {rows:,} reviews", "ms", 1e3),
        ("rss_mb", "peak RSS", "MB", 1.0)]


def _worker(args: argparse.Namespace) -> None:
    """Run one side in this process and write its figures as JSON."""
    if args.worker == "ours":
        from . import side_ours
        result = side_ours.run(args.n, args.answers, args.repeat)
    elif args.worker == "anki":
        from . import side_anki
        result = side_anki.run(args.n, args.answers, args.repeat)
    else:
        from . import side_stats
        result = side_stats.run(args.n, args.revlog, args.repeat)
    Path(args.out).write_text(json.dumps(result), encoding="utf-8")


def _spawn(side: str, n: int, args: argparse.Namespace) -> dict[str, Any] | str:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    cmd = [sys.executable, "-m", "bench.run", "--worker", side, "--n", str(n), "--out", out,
           "--answers", str(args.answers), "--repeat", str(args.repeat), "--revlog", str(args.revlog)]
    print(f"  {side:5} {n:>7,} cards ...", file=sys.stderr, flush=True)
    try:
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        if proc.returncode != 0:
            return f"failed: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else proc.returncode}"
        return json.loads(Path(out).read_text(encoding="utf-8"))
    finally:
        os.unlink(out)


def _gui(n: int) -> dict[str, Any] | str:
    """The GUI benchmark's figures (cold start, grade-to-next-card), if bench/bench_gui.py exists."""
    if not GUI_BENCH.exists():
        return "see bench/bench_gui.py"
    proc = subprocess.run([sys.executable, str(GUI_BENCH), "--cards", str(n), "--json"], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return f"bench_gui.py failed ({proc.returncode})"


def _value(result: dict[str, Any] | str, key: str, scale: float) -> float | None:
    if not isinstance(result, dict) or key not in result:
        return None
    v = result[key]
    return (v["median"] if isinstance(v, dict) else v) * scale


def machine() -> dict[str, Any]:
    cpu = ""
    with contextlib.suppress(OSError):
        cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo", encoding="utf-8")
                    if line.startswith("model name")), "")
    import sqlite3
    try:
        from importlib.metadata import version
        anki_version = version("anki")
    except Exception:
        anki_version = "?"
    return {"cpu": cpu or platform.processor(), "nproc": os.cpu_count(), "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "anki": anki_version, "platform": platform.platform()}


def table(n: int, sides: dict[str, Any], revlog: int) -> list[dict[str, Any]]:
    rows = []
    for key, label, unit, scale in ROWS:
        src = sides["stats"] if key == "stats" else sides["ours"]
        ours = _value(src, key, scale)
        anki = None if key == "stats" else _value(sides["anki"], key, scale)
        rows.append({"workload": label.format(n=n, rows=revlog), "unit": unit, "ours": ours, "anki": anki,
                     "ratio": ours / anki if ours is not None and anki else None})
    gui = sides.get("gui")
    if isinstance(gui, dict):
        rows.append({"workload": "gui cold start to deck list", "unit": "s", "ours": gui.get("seconds"),
                     "anki": None, "ratio": None})
        rows.append({"workload": "gui grade key to next card", "unit": "ms", "ours": gui.get("grade_ms_median"),
                     "anki": None, "ratio": None})
    else:
        rows.append({"workload": "gui cold start to deck list", "unit": "s", "ours": None, "anki": None,
                     "ratio": None, "note": gui})
    return rows


def _fmt(v: float | None, unit: str) -> str:
    if v is None:
        return "—"
    return f"{v:,.0f}" if unit == "MB" or v >= 100 else f"{v:.3g}" if v < 10 else f"{v:.1f}"


def print_table(n: int, rows: list[dict[str, Any]]) -> None:
    print(f"\n{n:,} cards in 10 decks")
    print(f"{'workload':<40} | {'ours':>10} | {'anki':>10} | {'ours/anki':>9}")
    print("-" * 40 + "-+-" + "-" * 10 + "-+-" + "-" * 10 + "-+-" + "-" * 9)
    for r in rows:
        if r.get("note"):
            print(f"{r['workload']:<40} | {r['note']}")
            continue
        label = f"{r['workload']} ({r['unit']})"
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "—"
        print(f"{label:<40} | {_fmt(r['ours'], r['unit']):>10} | {_fmt(r['anki'], r['unit']):>10} | {ratio:>9}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--cards", type=int, nargs="+", default=[10_000], help="collection sizes (default 10000)")
    p.add_argument("--json", type=Path, help="write all figures to this file")
    p.add_argument("--answers", type=int, default=1000, help="answers in the study loop (default 1000)")
    p.add_argument("--revlog", type=int, default=1_000_000, help="review-log rows for the stats workload")
    p.add_argument("--repeat", type=int, default=3,
                   help="imports per side; opens and first counts x3, repeated counts x7 (default 3)")
    p.add_argument("--sides", nargs="+", default=["ours", "anki", "stats", "gui"],
                   choices=["ours", "anki", "stats", "gui"], help="what to run (default: all)")
    p.add_argument("--worker", choices=["ours", "anki", "stats"], help=argparse.SUPPRESS)
    p.add_argument("--n", type=int, help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        _worker(args)
        return 0
    report: dict[str, Any] = {"machine": machine(), "answers": args.answers, "revlog_rows": args.revlog, "runs": {}}
    for n in args.cards:
        sides: dict[str, Any] = {s: (_spawn(s, n, args) if s in args.sides else "not run")
                                 for s in ("ours", "anki", "stats")}
        sides["gui"] = _gui(n) if "gui" in args.sides else "not run"
        rows = table(n, sides, args.revlog)
        report["runs"][str(n)] = {"rows": rows, "raw": sides}
        print_table(n, rows)
    m = report["machine"]
    print(f"\n{m['cpu']}, {m['nproc']} cores, Python {m['python']}, SQLite {m['sqlite']}, anki {m['anki']}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
