"""Reading untrusted zip packages within bounds (Anki's ``.apkg``/``.colpkg``).

Before a byte is extracted every member name is checked (no absolute paths, no ``..``, no
backslashes) and the sizes the archive declares are checked against :data:`MAX_UNPACKED_BYTES`
and :data:`MAX_RATIO` (a zip bomb is refused up front); reads then stop at the declared size, so
a lying header cannot make us unpack more. zstd-compressed members are bounded the same way.
Every problem is an :class:`~flashcards.core.interop.InteropError` ``file: what is wrong``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import IO, Self

from . import InteropError, problem

MAX_PACKAGE_BYTES = 2 * 1024**3        # the package file itself
MAX_UNPACKED_BYTES = 4 * 1024**3       # all members together, as unpacked
MAX_MEMBERS = 200_000                  # files in one package
MAX_RATIO = 200                        # unpacked / packed size of one member over 1 MB
_SMALL = 1024 * 1024                   # members up to this size may compress better than MAX_RATIO


class SafeZip:
    """A checked zip archive; use as a context manager."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            if self.path.stat().st_size > MAX_PACKAGE_BYTES:
                raise self.error(f"larger than {MAX_PACKAGE_BYTES // 1024**3} GB")
            self.zip = zipfile.ZipFile(self.path)
        except zipfile.BadZipFile as exc:
            raise self.error(f"not a valid zip package ({exc})") from None
        except OSError as exc:
            raise self.error(f"cannot read: {exc.strerror or exc}") from None
        try:
            self._check()
        except BaseException:
            self.zip.close()
            raise

    def error(self, message: str) -> InteropError:
        return InteropError([problem(self.path, message)])

    def _check(self) -> None:
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise self.error(f"more than {MAX_MEMBERS:,} files in the package")
        total = 0
        for info in infos:
            name = info.filename
            if name.startswith(("/", "\\")) or "\\" in name or ".." in name.split("/") or ":" in name:
                raise self.error(f"unsafe file name {name[:80]!r} in the package")
            if info.flag_bits & 0x1:
                raise self.error(f"{name!r} is encrypted")
            total += info.file_size
            if info.file_size > _SMALL and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise self.error(f"{name!r} unpacks to {info.file_size:,} bytes from {info.compress_size:,} "
                                 "(a zip bomb?)")
        if total > MAX_UNPACKED_BYTES:
            raise self.error(f"unpacks to {total:,} bytes; the limit is {MAX_UNPACKED_BYTES:,}")
        self.names = {i.filename: i for i in infos}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zip.close()

    def read(self, name: str, limit: int = MAX_UNPACKED_BYTES) -> bytes:
        """Member ``name`` (at most its declared size and ``limit``)."""
        info = self.names.get(name)
        if info is None:
            raise self.error(f"{name!r} is missing from the package")
        if info.file_size > limit:
            raise self.error(f"{name!r} is {info.file_size:,} bytes; the limit is {limit:,}")
        try:
            with self.zip.open(info) as fh:
                data = fh.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:  # truncated, bad CRC, …
            raise self.error(f"{name!r} cannot be read ({exc})") from None
        if len(data) != info.file_size:
            raise self.error(f"{name!r} is not the size the package says")
        return data

    def copy_to(self, name: str, target: IO[bytes], zstd: bool, limit: int) -> None:
        """Unpack member ``name`` into ``target`` (zstd-decompressed if ``zstd``), at most ``limit`` bytes."""
        data = self.read(name, limit)
        if zstd:
            data = unzstd(data, limit, lambda m: self.error(f"{name!r}: {m}"))
        target.write(data)


def unzstd(data: bytes, limit: int, error: object) -> bytes:
    """``data`` zstd-decompressed, refusing more than ``limit`` bytes (``error(message)`` makes the exception)."""
    import zstandard

    try:
        with zstandard.ZstdDecompressor().stream_reader(data) as reader:
            out = reader.read(limit + 1)
            while len(out) <= limit:
                more = reader.read(limit + 1 - len(out))
                if not more:
                    break
                out += more
    except zstandard.ZstdError as exc:
        raise error(f"not valid zstd data ({exc})") from None  # type: ignore[operator]
    if len(out) > limit:
        raise error(f"unpacks to more than {limit:,} bytes")  # type: ignore[operator]
    return out
