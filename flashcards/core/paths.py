"""Where things live: the per-user data folder, the collection file, the bundled decks and resources.

The repository keeps ``decks/`` and ``resources/`` at its top level; the build maps them into the
package as ``flashcards/decks`` and ``flashcards/resources`` (see ``pyproject.toml``). At run time
they are found with :mod:`importlib.resources`: inside the installed package (a wheel), else beside
the package folder (a source checkout or an editable install, where the package *is* the checkout).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "flashcards"
COLLECTION_FILE = "collection.sqlite3"
DATA_DIR_ENV = "FLASHCARDS_DATA_DIR"
DECKS_FOLDER = "decks"
RESOURCES_FOLDER = "resources"


class MissingResourceError(FileNotFoundError):
    """The install lacks a folder the app ships with (a broken or partial install)."""


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


def package_dir() -> Path:
    """The folder of the imported ``flashcards`` package (on disk: the app reads real files)."""
    root = resources.files(APP_NAME)
    if not isinstance(root, Path):  # e.g. imported from a zip file
        raise MissingResourceError(f"the flashcards package is not a folder on disk ({root}); "
                                   "install it with pip")
    return root


def bundled_folder(name: str) -> Path | None:
    """The shipped folder ``name`` (``"decks"`` or ``"resources"``), or None if this install has none.

    A wheel carries it inside the package (``flashcards/<name>``); a source checkout and an editable
    install have it at the top of the repository, beside the package folder (trusted only where
    ``pyproject.toml`` marks that folder as the checkout, never a bare ``site-packages/<name>``).
    """
    pkg = package_dir()
    if (pkg / name).is_dir():
        return pkg / name
    checkout = pkg.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / name).is_dir():
        return checkout / name
    return None


def bundled_decks_dir() -> Path | None:
    """The ``decks/`` folder shipped with the app, or None if this install has none."""
    return bundled_folder(DECKS_FOLDER)


def resources_dir() -> Path:
    """The ``resources/`` folder (icons, stylesheets, source articles); raises if it is missing."""
    path = bundled_folder(RESOURCES_FOLDER)
    if path is None:
        raise MissingResourceError(f"the app's resources are missing: no {RESOURCES_FOLDER}/ in "
                                   f"{package_dir()} (reinstall flashcards)")
    return path
