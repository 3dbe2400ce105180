"""`flashcards report` and `flashcards stats --json`'s progress figures."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from flashcards.cli import main
from flashcards.core.collection import Collection
from flashcards.core.models import Rating

FIXTURES = Path(__file__).parent / "fixtures" / "decks"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _studied(tmp_path: Path) -> None:
    with Collection.open(tmp_path / "collection.sqlite3") as col:
        col.import_decks([FIXTURES])
        for card in col.sched.cards()[:3]:
            col.sched.answer(card, Rating.Good)
        col.decks.update_options("Hemifacial Spasm", exam_date=date(2099, 1, 1))


def test_report_writes_a_self_contained_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _studied(tmp_path)
    out = tmp_path / "report.html"
    code, stdout, _ = run(capsys, "--data-dir", str(tmp_path), "report", "--deck", "Hemifacial Spasm", "-o", str(out))
    assert code == 0 and str(out) in stdout
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "Mastery per section" in html
    assert "Hemifacial Spasm::Causes" in html and "Exam on 2099-01-01" in html
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html


def test_report_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _studied(tmp_path)
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "report", "--deck", "Nope", "-o", str(tmp_path / "r.html"))
    assert code == 1 and err.startswith("error: no deck named 'Nope'") and not (tmp_path / "r.html").exists()
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "report", "-o", str(tmp_path / "missing" / "r.html"))
    assert code == 1 and err.startswith("error: ")
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "report", "-o", str(tmp_path))
    assert code == 1 and err.count("\n") == 1


def test_stats_json_gains_progress(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _studied(tmp_path)
    code, out, _ = run(capsys, "--data-dir", str(tmp_path), "stats", "--json")
    data = json.loads(out)
    assert code == 0 and data["streak"] == 1 and data["today"]["reviews"] == 3
    assert len(data["forecast"]) == 30 and sum(data["forecast"]) == 3
    assert {m["deck"] for m in data["mastery"]} == {"Hemifacial Spasm::Causes", "Hemifacial Spasm::Symptoms"}
    assert data["retention"] is None                      # no review-state answers yet
