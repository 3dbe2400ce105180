"""The ``flashcards`` command: subcommands, output and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flashcards.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "decks"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_ok_and_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "validate", str(FIXTURES))
    assert code == 0 and "ok: 2 deck(s), 6 note(s), 8 card(s)" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("deck: D\ncards:\n  - id: a\n    type: cloze\n    text: plain\n")
    code, _, err = run(capsys, "validate", str(bad))
    assert code == 1 and f"{bad}:5: card 'a': cloze text has no deletion" in err


def test_import_and_stats(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(tmp_path), "import", str(FIXTURES))
    assert code == 0 and "8 added" in out
    assert (tmp_path / "collection.sqlite3").exists()
    code, out, _ = run(capsys, "--data-dir", str(tmp_path), "stats")
    assert code == 0 and "Hemifacial Spasm" in out and "  Causes" in out
    code, out, _ = run(capsys, "--data-dir", str(tmp_path), "stats", "--json", "--deck", "Hemifacial Spasm::Causes")
    rows = json.loads(out)["decks"]
    assert rows == [{"name": "Hemifacial Spasm::Causes", "total": 6, "new": 6, "learning": 0,
                     "review_due": 0, "reviewed_today": 0, "suspended": 0}]
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "stats", "--deck", "Nope")
    assert code == 1 and "no deck named 'Nope'" in err


def test_data_dir_from_environment(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASHCARDS_DATA_DIR", str(tmp_path / "env"))
    assert run(capsys, "import", str(FIXTURES))[0] == 0
    assert (tmp_path / "env" / "collection.sqlite3").exists()


def test_invalid_import_changes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("deck: D\ncards: 3\n")
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(FIXTURES), str(bad))
    assert code == 1 and f"{bad}:2: 'cards' must be a list" in err and "nothing was imported" in err
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "stats")
    assert "no decks yet" in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "frobnicate")[0] == 2
    assert run(capsys, "validate")[0] == 2
    assert run(capsys, "stats", "--bogus")[0] == 2


def test_damaged_collection_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "collection.sqlite3").write_bytes(b"garbage" * 1000)
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "stats")
    assert code == 1 and "not a Flashcards collection" in err


def test_python_dash_m_entry_point(tmp_path: Path) -> None:
    env = {**os.environ, "FLASHCARDS_DATA_DIR": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "flashcards", "validate", str(FIXTURES)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0 and "ok:" in proc.stdout
