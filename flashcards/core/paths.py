"""Where things live: the per-user data folder, the collection file, the bundled decks."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "flashcards"
COLLECTION_FILE = "collection.sqlite3"
DATA_DIR_ENV = "FLASHCARDS_DATA_DIR"


def data_dir(explicit: str | Path | None = None) -> Path:
    """``explicit`` if given, else ``$FLASHCARDS_DATA_DIR``, else the platform's user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def collection_path(explicit_dir: str | Path | None = None) -> Path:
    return data_dir(explicit_dir) / COLLECTION_FILE


def project_root() -> Path:
    """The source checkout (or install prefix) holding ``decks/`` and ``resources/``."""
    return Path(__file__).resolve().parents[2]


def bundled_decks_dir() -> Path | None:
    """The ``decks/`` folder shipped with the app, or None if this install has none."""
    path = project_root() / "decks"
    return path if path.is_dir() else None


def resources_dir() -> Path:
    return project_root() / "resources"
