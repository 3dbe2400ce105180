"""`flashcards validate` and `generate` on hostile input: one-line errors, exit 1, nothing written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flashcards.cli import main

ARTICLE = "# Gout\n\n## Causes\n\n1. Purines: Found in red meat.\n2. Alcohol: Beer raises uric acid.\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if not line.startswith("[")]  # not the progress lines
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_generate_into_a_file_instead_of_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "gout.md"
    article.write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "out.txt"
    target.write_text("keep me", encoding="utf-8")
    code, out, err = run(capsys, "generate", str(article), "-o", str(target))
    assert code == 1 and out == ""
    assert one_error_line(err) == f"error: {target} is not a folder; -o names the folder to write the decks to"
    assert target.read_text(encoding="utf-8") == "keep me"


def test_generate_below_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "gout.md"
    article.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "generate", str(article), "-o", str(tmp_path / "file" / "decks"))
    assert code == 1
    assert one_error_line(err).startswith("error: cannot write the decks to ")


def test_generate_refuses_a_fifo_without_hanging(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "article.md"
    os.mkfifo(fifo)  # nobody writes to it: reading it would block forever
    code, _, err = run(capsys, "generate", str(fifo), "-o", str(tmp_path / "decks"))
    assert code == 1
    assert one_error_line(err) == f"{fifo}: not a regular file (a device or pipe?); expected an article file"
    assert not (tmp_path / "decks").exists()


def test_generate_refuses_dev_zero_before_reading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "generate", "/dev/zero", "-o", str(tmp_path / "decks"))
    assert code == 1 and "not a regular file" in one_error_line(err)


def test_generate_refuses_a_large_file_by_its_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.md"
    with open(big, "wb") as fh:  # sparse: its NUL bytes would be "binary data" if it were read
        fh.truncate(6 * 1024 * 1024)
    code, _, err = run(capsys, "generate", str(big), "-o", str(tmp_path / "decks"))
    assert code == 1 and "the limit is 5,242,880" in one_error_line(err)


@pytest.mark.parametrize("make", ["folder", "missing", "dangling"])
def test_generate_unreadable_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], make: str) -> None:
    path = tmp_path / "article.md"
    if make == "folder":
        path.mkdir()
    elif make == "dangling":
        path.symlink_to(tmp_path / "nowhere")
    code, _, err = run(capsys, "generate", str(path), "-o", str(tmp_path / "decks"))
    assert code == 1
    line = one_error_line(err)
    assert line.startswith(f"{path}: ") and ("folder" in line or "cannot read" in line)


def test_generate_3000_nested_bullets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "deep.md"
    article.write_text("# T\n\n## Causes\n\n" + "\n".join("\t" * i + f"* Term{i}:" for i in range(3000)) + "\n",
                       encoding="utf-8")
    code, _, err = run(capsys, "generate", str(article), "-o", str(tmp_path / "decks"))
    assert code == 1
    assert one_error_line(err) == f"{article}:16: list items nested more than 10 levels deep"
    assert not (tmp_path / "decks").exists()


def test_validate_a_fifo_a_device_and_a_huge_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.yaml"
    with open(huge, "wb") as fh:
        fh.truncate(20 * 1024 * 1024)
    code, out, err = run(capsys, "validate", str(fifo), "/dev/zero", str(huge))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[0] == f"{fifo}: not a regular file (a folder, device or pipe?)"
    assert lines[1] == "/dev/zero: not a regular file (a folder, device or pipe?)"
    assert lines[2].startswith(f"{huge}: file is 20,971,520 bytes; the limit is")
    assert lines[3] == "3 problem(s) found"
