"""``flashcards import`` by content (apkg, CSV, Markdown) and ``flashcards export --format apkg|csv``."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashcards.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "decks"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_csv_and_markdown_with_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    cards = tmp_path / "cards.txt"          # CSV content under a .txt name
    cards.write_text("front;back;deck\nQ1;A1;Pharm\nQ2;A2;Pharm\n", encoding="utf-8")
    notes = tmp_path / "notes.txt"          # Markdown content under a .txt name
    notes.write_text("Systole::Contraction\n", encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", data, "import", str(cards), str(notes), "--deck", "Heart")
    assert code == 0, err
    assert f"{cards}: 2 added, 0 updated, 0 unchanged, 0 skipped" in out
    assert f"{notes}: 1 added" in out
    code, out, _ = run(capsys, "--data-dir", data, "stats")
    assert "Pharm" in out and "Heart" in out


def test_bad_file_imports_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    good = tmp_path / "good.csv"
    good.write_text("front,back\nq,a\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("front,back\nq,a\n,no front\n", encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", data, "import", str(good), str(bad))
    assert code == 1 and out == ""
    assert err.splitlines() == [f"{bad}:3: card 'item': 'front' is empty", "nothing was imported"]
    broken = tmp_path / "broken.apkg"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 50)
    code, _, err = run(capsys, "--data-dir", data, "import", str(broken))
    assert code == 1 and err.splitlines()[0].startswith(f"{broken}: not a valid zip package")
    assert "no decks yet" in run(capsys, "--data-dir", data, "stats")[1]


def test_export_apkg_and_csv_then_import_them(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data, other = str(tmp_path / "data"), str(tmp_path / "other")
    assert run(capsys, "--data-dir", data, "import", str(FIXTURES))[0] == 0
    package = tmp_path / "out" / "hfs.apkg"
    code, out, err = run(capsys, "--data-dir", data, "export", "Hemifacial Spasm", "--format", "apkg",
                         "-o", str(package), "--with-history")
    assert code == 0 and out.startswith(f"wrote {package}: ") and package.exists(), err
    table = tmp_path / "hfs.tsv"
    assert run(capsys, "--data-dir", data, "export", "Hemifacial Spasm", "--format", "csv", "-o", str(table))[0] == 0
    assert table.read_text(encoding="utf-8").startswith("front\tback\ttags\tdeck\ttype\tid\n")
    code, out, err = run(capsys, "--data-dir", other, "import", str(package), "--with-history")
    assert code == 0 and " 8 added" in out and "0 skipped" in out, err
    code, out, _ = run(capsys, "--data-dir", other, "import", str(table))
    assert code == 0 and "0 added" in out and "0 updated" in out
    code, _, err = run(capsys, "--data-dir", data, "export", "Hemifacial Spasm", "--format", "apkg",
                       "-o", str(tmp_path / "x.zip"))
    assert code == 1 and err.startswith("error: ") and not (tmp_path / "x.zip").exists()
