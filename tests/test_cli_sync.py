"""`flashcards sync`, `progress-export` and `class-report`."""

from __future__ import annotations

import json
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


def _home(tmp_path: Path, name: str, answers: int) -> Path:
    home = tmp_path / name
    with Collection.open(home / "collection.sqlite3") as col:
        col.import_decks([FIXTURES])
        for card in col.sched.cards()[:answers]:
            col.sched.answer(card, Rating.Good)
    return home


def test_sync_remembers_the_folder_and_merges_two_devices(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    laptop, lab = _home(tmp_path, "laptop", 3), _home(tmp_path, "lab", 2)
    code, out, _ = run(capsys, "--data-dir", str(laptop), "sync", str(shared))
    assert code == 0 and "sent" in out
    code, out, _ = run(capsys, "--data-dir", str(lab), "sync", str(shared))
    assert code == 0 and "received 3 review(s)" in out
    code, out, _ = run(capsys, "--data-dir", str(laptop), "sync")                 # the remembered folder
    assert code == 0 and "received 2 review(s)" in out
    for home in (laptop, lab):
        with Collection.open(home / "collection.sqlite3", read_only=True) as col:
            assert len(col.review_log()) == 5


def test_sync_without_a_folder_or_with_a_missing_one_is_an_error(capsys: pytest.CaptureFixture[str],
                                                                 tmp_path: Path) -> None:
    home = _home(tmp_path, "h", 0)
    code, _, err = run(capsys, "--data-dir", str(home), "sync")
    assert code == 1 and err.startswith("error: no sync folder chosen yet")
    code, _, err = run(capsys, "--data-dir", str(home), "sync", str(tmp_path / "nope"))
    assert code == 1 and err == f"error: {tmp_path / 'nope'}: no such folder (create it, or the synchroniser's folder, first)\n"
    assert not (tmp_path / "nope").exists()


def test_progress_export_then_class_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    klass = tmp_path / "class"
    klass.mkdir()
    for name, answers in (("anna", 4), ("ben", 1)):
        home = _home(tmp_path, name, answers)
        code, out, _ = run(capsys, "--data-dir", str(home), "progress-export", "-o", str(klass / f"{name}.json"))
        assert code == 0 and "card ids, times and ratings only" in out
    (klass / "broken.json").write_text("{", encoding="utf-8")
    report = tmp_path / "class.html"
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "anna"), "class-report", str(klass), "-o", str(report))
    assert code == 0 and "2 student(s)" in out
    assert err.startswith(f"warning: {klass / 'broken.json'}: not JSON")
    html = report.read_text(encoding="utf-8")
    assert "anna" in html and "ben" in html and "Mastery per section" in html
    assert json.loads((klass / "anna.json").read_text())["format"] == "flashcards-progress"


def test_class_report_of_a_missing_folder_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "class-report", str(tmp_path / "nope"), "-o", str(out))
    assert code == 1 and err == f"error: {tmp_path / 'nope'}: no such folder\n" and not out.exists()
