"""Test-wide setup: Qt runs headless unless the caller chose a platform."""

from __future__ import annotations

import os

# Must happen before any Qt import anywhere in the test session.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

try:  # PySide6 6.12 on Python 3.11 drops a reference to None on every void call: see pyside_fix
    from flashcards.ui.pyside_fix import guard_none_refcount

    guard_none_refcount()
except ImportError:  # core-only environments without PySide6
    pass
