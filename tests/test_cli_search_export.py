"""``flashcards search`` and ``flashcards export``: output, JSON, one-line errors, round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashcards.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "decks"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_search_text_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    assert run(capsys, "--data-dir", data, "import", str(FIXTURES))[0] == 0
    code, out, err = run(capsys, "--data-dir", data, "search", "tag:cause")
    assert code == 0 and "Hemifacial Spasm::Causes\tWhat is the most common cause" in out and "1 card(s)" in err
    code, out, _ = run(capsys, "--data-dir", data, "search", "--json", 'deck:"Hemifacial Spasm::Symptoms"')
    rows = json.loads(out)
    assert code == 0 and [r["state"] for r in rows] == ["new", "new"] and rows[0]["deck"].endswith("Symptoms")


def test_bad_query_is_one_line_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    run(capsys, "--data-dir", data, "import", str(FIXTURES))
    code, out, err = run(capsys, "--data-dir", data, "search", "is:someday")
    assert code == 1 and out == "" and err.startswith("error: unknown search term 'is:someday'")
    assert err.count("\n") == 1


def test_export_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    run(capsys, "--data-dir", data, "import", str(FIXTURES))
    out_file = tmp_path / "causes.yaml"
    code, out, _ = run(capsys, "--data-dir", data, "export", "Hemifacial Spasm::Causes", "-o", str(out_file))
    assert code == 0 and "wrote 1 deck file(s), 4 note(s)" in out and out_file.exists()
    code, out, _ = run(capsys, "--data-dir", data, "import", str(out_file))
    assert code == 0 and "0 added, 0 updated, 6 unchanged, 0 removed" in out
    code, _, err = run(capsys, "--data-dir", data, "export", "Hemifacial Spasm", "-o", str(tmp_path / "all.yaml"))
    assert code == 1 and err.startswith("error: ") and "sub-decks" in err and not (tmp_path / "all.yaml").exists()
    code, _, err = run(capsys, "--data-dir", data, "export", "Nope")
    assert code == 1 and err == "error: no deck named 'Nope'\n"
    code, _, _ = run(capsys, "--data-dir", data, "export", "Hemifacial Spasm::Causes", "--format", "pdf")
    assert code == 2
