"""The guard against PySide6's None reference-count bug keeps long sessions alive."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel

from flashcards.ui.pyside_fix import guard_none_refcount, none_refcount_leak


def test_many_void_calls_cannot_deallocate_none(qapp) -> None:
    guard_none_refcount()                       # idempotent (conftest already called it)
    label = QLabel()
    for i in range(20_000):                     # far more than a 3.11 None refcount survives unguarded
        label.setText(str(i % 7))
    assert sys.getrefcount(None) > 1_000_000 or none_refcount_leak() == 0


def test_guard_only_acts_when_needed() -> None:
    applied = guard_none_refcount()
    assert applied == (sys.version_info < (3, 12) and none_refcount_leak() > 0)
