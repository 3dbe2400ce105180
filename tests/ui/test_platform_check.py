"""The pre-Qt check that explains a missing display or missing X11 libraries."""

from __future__ import annotations

from flashcards.ui.platform_check import DEBIAN_PACKAGES, XCB_LIBRARIES, check_platform


def _found(_name: str) -> str:
    return "libxcb-cursor.so.0"


def _missing(_name: str) -> None:
    return None


def test_no_display_is_explained() -> None:
    message = check_platform({}, "linux", _found)
    assert message is not None
    assert "no display" in message and "QT_QPA_PLATFORM=offscreen" in message


def test_missing_xcb_cursor_names_the_packages() -> None:
    message = check_platform({"DISPLAY": ":0"}, "linux", _missing)
    assert message is not None
    assert f"sudo apt-get install {DEBIAN_PACKAGES}" in message
    assert "libxcb-cursor0" in message and "QT_QPA_PLATFORM=offscreen" in message
    assert check_platform({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, "linux", _missing) is not None


def test_fine_setups_pass() -> None:
    assert check_platform({"DISPLAY": ":0"}, "linux", _found) is None
    assert check_platform({"QT_QPA_PLATFORM": "offscreen"}, "linux", _missing) is None
    assert check_platform({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, "linux",
                          _missing) is None
    assert check_platform({}, "darwin", _missing) is None
    assert check_platform({}, "win32", _missing) is None


def test_each_missing_library_is_named() -> None:
    message = check_platform({"DISPLAY": ":0"}, "linux", lambda name: None if name == "xcb-icccm" else "x")
    assert message is not None and "(libxcb-icccm not found)" in message
    asked: list[str] = []
    check_platform({"DISPLAY": ":0"}, "linux", lambda name: asked.append(name) or "x")
    assert asked[0] == "xcb-cursor" and set(asked) == set(XCB_LIBRARIES)
