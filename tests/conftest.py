"""Test-wide setup: Qt runs headless unless the caller chose a platform."""

from __future__ import annotations

import os

# Must happen before any Qt import anywhere in the test session.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
