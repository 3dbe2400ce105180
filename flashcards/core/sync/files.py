"""The sync folder on disk: ``devices/<device-id>/*.jsonl``, one JSON record per line.

Each device writes only its own folder. Its files only ever grow (append-only content), and each
new version is written whole to a temporary file and renamed over the old one, so a reader on
the same disk never sees half a file of ours. A folder synchroniser may still deliver a file
cut short (a last line without its newline: skipped until it arrives whole), damaged lines
(skipped and counted) or its own conflict copies (``… (conflicted copy …).jsonl``,
``….sync-conflict-….jsonl``): every ``*.jsonl`` of a device is read, records are idempotent (a
review is known by its uid), so a copy adds nothing twice; a device folds the conflict copies
of its own files back into its file and removes them.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEVICES_DIR = "devices"
SUFFIX = ".jsonl"
CONTENT_FILE = "content.jsonl"            # notes and card flags of one device
FORMAT = {"format": "flashcards-sync", "version": 1}
_CONFLICT = re.compile(r"conflicted copy|\.sync-conflict-|\(conflict|'s conflicted|-conflict-\d", re.IGNORECASE)
_DEVICE = re.compile(r"^[0-9a-z][0-9a-z_-]{2,63}$")

Record = dict[str, Any]


def reviews_file(month: str) -> str:
    """The review file a device appends to in ``month`` (``YYYY-MM``, UTC)."""
    return f"reviews-{month}{SUFFIX}"


def is_conflict_copy(name: str) -> bool:
    """True for a synchroniser's conflict copy (Dropbox, Nextcloud, OneDrive, Syncthing names)."""
    return bool(_CONFLICT.search(name))


def is_record_file(name: str) -> bool:
    """A file to read: ``*.jsonl``, not a temporary file (ours or a synchroniser's)."""
    return name.endswith(SUFFIX) and not name.startswith((".", "~"))


def valid_device(name: str) -> bool:
    return bool(_DEVICE.match(name))


def encode(record: Record) -> bytes:
    """One record as a line (canonical JSON: sorted keys, no spaces, UTF-8)."""
    return (json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n").encode()


@dataclass
class FileRead:
    """The records of one file and what was wrong with it."""

    path: Path
    records: list[Record] = field(default_factory=list)
    damaged: int = 0             # complete lines that are not a record (skipped)
    partial: bool = False        # the last line was cut short (skipped until it arrives whole)

    @property
    def conflict_copy(self) -> bool:
        return is_conflict_copy(self.path.name)


def read_file(path: Path) -> FileRead:
    """Read ``path`` tolerating a cut-short end and damaged lines; a missing or unreadable file
    reads as empty."""
    out = FileRead(path)
    try:
        data = path.read_bytes()
    except OSError:
        return out
    lines = data.split(b"\n")
    if lines and lines[-1]:
        out.partial = True
    for line in lines[:-1]:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, UnicodeDecodeError):
            out.damaged += 1
            continue
        if isinstance(record, dict) and isinstance(record.get("t"), str):
            out.records.append(record)
        else:
            out.damaged += 1
    return out


def device_dirs(folder: Path) -> dict[str, Path]:
    """Every device folder under ``folder/devices`` (names that are not device ids are ignored)."""
    root = folder / DEVICES_DIR
    try:
        entries = list(root.iterdir())
    except OSError:
        return {}
    return {p.name: p for p in sorted(entries) if p.is_dir() and valid_device(p.name)}


def read_device(path: Path) -> list[FileRead]:
    """Every record file of one device folder, in name order."""
    try:
        names = sorted(p.name for p in path.iterdir() if p.is_file())
    except OSError:
        return []
    return [read_file(path / name) for name in names if is_record_file(name)]


def prepare(folder: Path, device: str) -> Path:
    """Make sure ``folder`` is a usable sync folder and return this device's own folder in it.

    Raises ``OSError`` (``FileNotFoundError`` when ``folder`` does not exist: it is never created,
    a mistyped path must not become a new empty sync folder)."""
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder")
    own = folder / DEVICES_DIR / device
    own.mkdir(parents=True, exist_ok=True)
    return own


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` all at once (temporary file, fsync, rename)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def append_records(path: Path, records: list[Record]) -> None:
    """Append ``records`` to ``path`` (written atomically: old complete lines + the new ones)."""
    if not records:
        return
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        old = b""
    if old and not old.endswith(b"\n"):
        old = old[:old.rfind(b"\n") + 1]            # a cut-short tail of ours: its records are re-sent
    write_atomic(path, old + b"".join(encode(r) for r in records))
