"""Test-wide setup: Qt runs headless unless the caller chose a platform; Hypothesis profiles.

Hypothesis runs derandomized in CI (``CI`` set: the same examples every run, failures printed
with a reproduction blob) and keeps its random search for local runs.
"""

from __future__ import annotations

import os

from hypothesis import settings

# Must happen before any Qt import anywhere in the test session.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
