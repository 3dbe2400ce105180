"""Work around a PySide6 reference-count bug that crashes the app on Python 3.11.

PySide6 6.12.0 returns ``None`` from every void method (``label.setText(...)``) without taking
a reference to it. From Python 3.12 on ``None`` is immortal and this is harmless; on 3.11 each
call lowers ``None``'s reference count by one, and after a few thousand calls (one study
session) the interpreter aborts with "Fatal Python error: none_dealloc: deallocating None".

:func:`guard_none_refcount` detects the bug with a quick probe and, only if present, gives
``None`` a very large reference count, which is what Python 3.12 does for immortal objects.
The real fix is a PySide6 build without the bug, or Python >= 3.12.
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 40          # ~10^12 void calls before the count could reach zero again
_PROBES = 64


def none_refcount_leak() -> int:
    """How many references to ``None`` 64 void PySide6 calls lose (0 when PySide6 is fine)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    probe.setObjectName("probe")
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    return max(0, before - sys.getrefcount(None))


def guard_none_refcount() -> bool:
    """Apply the workaround if this Python/PySide6 pair has the bug; True if it was applied."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if none_refcount_leak() == 0:
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))   # ob_refcnt is PyObject's first field
    if refcount.value < _MARGIN:
        refcount.value += _MARGIN
    return True
