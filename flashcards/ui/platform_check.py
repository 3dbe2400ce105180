"""Explain a missing display or missing X11 libraries before Qt aborts with a plugin crash.

Qt's xcb plugin needs ``libxcb-cursor0`` and friends; without them Qt prints a cryptic
"could not load the Qt platform plugin" and aborts the process. This module imports no Qt.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Callable, Mapping

# What Qt 6's xcb plugin links against beyond libxcb itself; libxcb-cursor first (Qt >= 6.5).
XCB_LIBRARIES = ("xcb-cursor", "xcb-icccm", "xcb-keysyms", "xcb-image", "xcb-render-util", "xkbcommon-x11",
                 "xcb-shape")
DEBIAN_PACKAGES = ("libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 "
                   "libxkbcommon-x11-0 libxcb-shape0 libxcb-xinerama0 libegl1 libgl1 libfontconfig1 "
                   "libdbus-1-3")


def _platform_plugin(env: Mapping[str, str]) -> str:
    """The Qt platform plugin Qt will try first on Linux ("xcb", "wayland", "offscreen", …)."""
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0].strip().lower()
    if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE", "").lower() == "wayland":
        return "wayland"
    return "xcb"


def check_platform(env: Mapping[str, str] | None = None, platform: str | None = None,
                   find_library: Callable[[str], str | None] = ctypes.util.find_library) -> str | None:
    """A message explaining why the app cannot start here, or None if Qt should be able to.

    Only Linux is checked; ``env``, ``platform`` and ``find_library`` are injectable for tests.
    """
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None
    if not env.get("QT_QPA_PLATFORM") and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return ("Flashcards needs a graphical desktop, but no display was found "
                "(neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
                "Start it from a desktop session, or run it headless with QT_QPA_PLATFORM=offscreen. "
                "The command-line tools (flashcards import/stats/validate) work without a display.")
    if _platform_plugin(env) == "xcb":
        missing = [f"lib{name}" for name in XCB_LIBRARIES if find_library(name) is None]
        if missing:
            return ("Flashcards cannot open a window: Qt's X11 (xcb) platform plugin needs system "
                    f"libraries that are not installed ({', '.join(missing)} not found).\n"
                    f"On Debian/Ubuntu install them with:\n  sudo apt-get install {DEBIAN_PACKAGES}\n"
                    "Or run it headless with QT_QPA_PLATFORM=offscreen.")
    return None
