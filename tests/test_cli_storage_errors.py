"""Storage problems give one ``error: ...`` line and exit 1, never a traceback; read-only
commands create nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from flashcards import Collection
from flashcards.cli import main
from flashcards.core import backup as backups
from flashcards.core import schema
from flashcards.core.lock import lock_path_for

FIXTURES = Path(__file__).parent / "fixtures" / "decks"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err
    return lines[0]


def tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@pytest.mark.parametrize("command", [["stats"], ["backup", "list"], ["import", str(FIXTURES)],
                                     ["backup", "create"], ["check"]])
def test_data_dir_pointing_at_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                     command: list[str]) -> None:
    data = tmp_path / "data"
    data.write_text("not a folder")
    code, _, err = run(capsys, "--data-dir", str(data), *command)
    assert code == 1 and "is a file, not a folder" in one_error_line(err)
    assert data.read_text() == "not a folder" and tree(tmp_path) == ["data"]


@pytest.mark.parametrize("command", [["stats"], ["stats", "--json"], ["backup", "list"]])
def test_read_only_commands_create_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                           command: list[str]) -> None:
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "missing"), *command)
    assert code == 1 and str(tmp_path / "missing") in one_error_line(err)
    assert tree(tmp_path) == []
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "empty"), "stats")
    assert code == 1 and "no collection" in one_error_line(err)
    assert tree(tmp_path) == ["empty"]


def test_import_may_create_the_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "new" / "dir"), "import", str(FIXTURES))
    assert code == 0 and "8 added" in out


def test_negative_user_version(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "collection.sqlite3"
    Collection.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = -1")
    conn.close()
    before = path.read_bytes()
    for command in (["stats"], ["import", str(FIXTURES)], ["check"], ["backup", "create"]):
        code, _, err = run(capsys, "--data-dir", str(tmp_path), *command)
        assert code == 1 and "unknown schema version -1" in one_error_line(err)
    assert path.read_bytes() == before


def test_damage_names_the_backup_to_restore(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "collection.sqlite3"
    with Collection.open(path) as col:
        good = col.create_backup()
    path.write_bytes(b"")
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "import", str(FIXTURES))
    line = one_error_line(err)
    assert code == 1 and "empty" in line and f"flashcards backup restore {good.name}" in line
    code, out, _ = run(capsys, "--data-dir", str(tmp_path), "backup", "restore", "--latest")
    assert code == 0 and good.name in out
    assert run(capsys, "--data-dir", str(tmp_path), "stats")[0] == 0


@pytest.mark.parametrize("kind", ["folder", "dangling-symlink"])
def test_odd_lock_files(capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str) -> None:
    Collection.open(tmp_path / "collection.sqlite3").close()
    lock = lock_path_for(tmp_path / "collection.sqlite3")
    lock.unlink()
    if kind == "folder":
        lock.mkdir()
    else:
        lock.symlink_to(tmp_path / "nowhere" / "x")
    for command in (["import", str(FIXTURES)], ["backup", "create"]):
        code, _, err = run(capsys, "--data-dir", str(tmp_path), *command)
        assert code == 1 and str(lock) in one_error_line(err)
    assert run(capsys, "--data-dir", str(tmp_path), "stats")[0] == 0  # reading needs no lock


@pytest.mark.parametrize("contents", [b"", b'{"pid": "abc"}', b"open\n"])
def test_odd_lock_contents_are_ignored(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                       contents: bytes) -> None:
    lock_path_for(tmp_path / "collection.sqlite3").write_bytes(contents)
    code, out, _ = run(capsys, "--data-dir", str(tmp_path), "import", str(FIXTURES))
    assert code == 0 and "8 added" in out


def test_full_disk_during_import(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "collection.sqlite3"
    Collection.open(path).close()
    before = path.read_bytes()
    real = schema.connect

    def tiny_disk(target: Path, read_only: bool = False) -> sqlite3.Connection:
        conn = real(target, read_only)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # no room for one more page
        return conn

    deck, filler = tmp_path / "big.yaml", "x" * 200
    deck.write_text("deck: Big\ncards:\n" + "".join(
        f"  - id: q{i}\n    front: 'Question {i} {filler}'\n    back: 'Answer {i}'\n" for i in range(300)))
    monkeypatch.setattr(schema, "connect", tiny_disk)
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "import", str(deck))
    line = one_error_line(err)
    assert code == 1 and "disk is full" in line and "damaged" not in line
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert run(capsys, "--data-dir", str(tmp_path), "stats")[1].startswith("The collection has no decks")


def test_read_only_collection_is_not_called_damaged(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "collection.sqlite3"
    with Collection.open(path) as col:
        col.create_backup()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")  # switching back to WAL has to write
    conn.close()
    before = path.read_bytes()
    real = sqlite3.connect

    def read_only_file(target: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        if str(target) == str(path):  # what SQLite does with a file it may not write
            return real(f"file:{path}?mode=ro", *args, uri=True, **kwargs)  # type: ignore[arg-type]
        return real(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(schema.sqlite3, "connect", read_only_file)
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "import", str(FIXTURES))
    line = one_error_line(err)
    assert code == 1 and "no permission" in line and "restore" not in line and "damaged" not in line
    assert path.read_bytes() == before


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="POSIX permissions (root ignores them)")
def test_read_only_folder_for_real(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    Collection.open(tmp_path / "d" / "collection.sqlite3").close()
    (tmp_path / "d").chmod(0o555)
    try:
        code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(FIXTURES))
        assert code == 1 and "permission" in one_error_line(err)
    finally:
        (tmp_path / "d").chmod(0o755)


def flashcards(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    return subprocess.run([sys.executable, "-m", "flashcards", *args], capture_output=True, text=True,
                          env=env, timeout=120, check=False)


def test_through_a_real_process(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    result = flashcards("--data-dir", str(tmp_path / "file"), "stats")
    assert result.returncode == 1 and one_error_line(result.stderr)
    result = flashcards("--data-dir", str(tmp_path / "missing"), "stats")
    assert result.returncode == 1 and one_error_line(result.stderr) and not (tmp_path / "missing").exists()
    path = tmp_path / "v" / "collection.sqlite3"
    Collection.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = -1")
    conn.close()
    result = flashcards("--data-dir", str(path.parent), "import", str(FIXTURES))
    assert result.returncode == 1 and "unknown schema version" in one_error_line(result.stderr)
    assert backups.list_backups(path.parent / "backups") == []
