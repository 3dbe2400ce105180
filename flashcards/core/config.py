"""Settings and JSON configuration (``col.conf``): study settings, UI preferences, any JSON value.

Everything lives in the collection's ``config`` table, one JSON value per key; the study
settings under ``"settings"``. :meth:`ConfigManager.update` saves settings and preferences in
one transaction, so a dialog's OK never leaves half of its values saved.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from .changes import OpChanges, UndoStatus
from .clock import LearnerDay, ensure_aware
from .scheduling import Scheduler
from .settings import Settings
from .storage import Storage
from .study_queue import QueueTimes

SETTINGS_KEY = "settings"


class ConfigManager:
    """The collection's settings and JSON config; ``undo_status`` reports the core's undo stack
    in the changes it returns (settings changes are not undoable and leave it as it is)."""

    def __init__(self, db: Storage, undo_status: Any = lambda: UndoStatus()):
        self._db = db
        self._undo_status = undo_status
        self._settings = self._stored_settings()
        self._derived_for: Settings | None = None       # the settings _derived was made from
        self._derived: tuple[LearnerDay, Scheduler, timedelta] | None = None

    def _stored_settings(self) -> Settings:
        raw = self.get(SETTINGS_KEY, {})
        return Settings.from_json(raw if isinstance(raw, dict) else {})

    @property
    def settings(self) -> Settings:
        return self._settings

    def write_settings_in(self, conn: Any, settings: Settings) -> None:
        """Store ``settings`` inside the caller's open transaction on ``conn`` and use them at
        once (sync replays cards with them before it commits). If that transaction fails, the
        caller calls :meth:`reload`."""
        conn.execute("INSERT INTO config (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                     "SET value = excluded.value", (SETTINGS_KEY, json.dumps(settings.validated().to_json())))
        self._settings = settings

    def reload(self) -> Settings:
        """The settings as stored (after a transaction that wrote them failed)."""
        self._settings = self._stored_settings()
        return self._settings

    def get(self, key: str, default: Any = None) -> Any:
        """The JSON value stored under ``key`` (``default`` when there is none)."""
        with self._db.read() as conn:
            row = conn.execute("SELECT value FROM config WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set(self, key: str, value: Any) -> OpChanges:
        """Store any JSON-serialisable value (the UI keeps its preferences here)."""
        if key == SETTINGS_KEY:
            return self.update(settings=Settings.from_json(value))
        return self.update(prefs={key: value})

    def update(self, settings: Settings | Mapping[str, Any] | None = None,
               prefs: Mapping[str, Any] | None = None) -> OpChanges:
        """Save study settings and other config values in ONE transaction.

        ``settings`` is a whole :class:`Settings` or a mapping of the fields to change; ``prefs``
        maps config keys to JSON values. Raises ``ValueError`` (a setting out of range, a value
        that is not JSON) before anything is written.
        """
        if prefs and SETTINGS_KEY in prefs:
            raise ValueError(f"config key {SETTINGS_KEY!r} is written through settings=")
        new = self._settings
        if settings is not None:
            new = (settings if isinstance(settings, Settings) else replace(self._settings, **settings)).validated()
        try:
            values = [(key, json.dumps(value)) for key, value in (prefs or {}).items()]
        except TypeError as exc:
            raise ValueError(f"config values must be JSON: {exc}") from exc
        if settings is not None:
            values.append((SETTINGS_KEY, json.dumps(new.to_json())))
        if values:
            with self._db.write() as conn:
                conn.executemany("INSERT INTO config (key, value) VALUES (?, ?) ON CONFLICT (key) "
                                 "DO UPDATE SET value = excluded.value", values)
        self._settings = new
        return OpChanges("settings" if settings is not None else "config", config=True,
                         study_queue=settings is not None, undo=self._undo_status())

    # ----------------------------------------------------------- derived values
    def _values(self) -> tuple[LearnerDay, Scheduler, timedelta]:
        """The learner day, scheduler and learn-ahead window of the current settings (made once
        per settings: an answer reads them several times)."""
        s = self._settings
        if self._derived is None or self._derived_for is not s:
            day = LearnerDay(s.day_start_hour, s.timezone)
            scheduler = Scheduler(day, s.desired_retention, s.fuzz, tuple(s.fsrs_params) if s.fsrs_params else None)
            self._derived_for, self._derived = s, (day, scheduler, timedelta(minutes=s.learn_ahead_minutes))
        return self._derived

    @property
    def learner_day(self) -> LearnerDay:
        return self._values()[0]

    @property
    def scheduler(self) -> Scheduler:
        """The pure FSRS scheduler with these settings."""
        return self._values()[1]

    def queue_times(self, now: datetime | None) -> QueueTimes:
        """The moments that decide what is due at ``now`` (None: the current time)."""
        now = ensure_aware(now)
        day, _, ahead = self._values()
        start, end = day.bounds(now)
        return QueueTimes(now, start, end, day.day_of(now).isoformat(), ahead)
