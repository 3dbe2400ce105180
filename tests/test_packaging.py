"""The wheel carries every bundled deck and resource, and an installed wheel (or an editable
install) finds them: ``pip install .`` once crashed at start for want of ``light.qss``.

Builds the wheel once per module from a clean copy of the source (PyPI must be reachable for the
isolated build's setuptools), then installs it into a temporary folder and imports it there.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ("decks", "resources")             # top-level folders mapped into the package
SOURCE = ("pyproject.toml", "README.md", "flashcards", *BUNDLED)
SMOKE = ROOT / ".ci" / "smoke_start.py"
# Distribution name -> the module it provides, where they differ.
IMPORT_NAMES = {"pyside6-essentials": "PySide6", "pyyaml": "yaml"}
ADDONS_MODULES = ("QtCharts", "QtDataVisualization", "QtGraphs", "QtMultimedia", "QtMultimediaWidgets",
                  "QtWebEngineCore", "QtWebEngineWidgets", "QtPdf", "QtPdfWidgets", "Qt3DCore",
                  "QtQuick3D", "QtBluetooth", "QtPositioning", "QtRemoteObjects", "QtSensors",
                  "QtSerialPort", "QtTextToSpeech", "QtWebSockets", "QtHttpServer", "QtScxml")
PATHS_PROBE = ("import json, flashcards.core.paths as p; print(json.dumps({'package': str(p.package_dir()), "
               "'resources': str(p.resources_dir()), 'decks': str(p.bundled_decks_dir())}))")


def _ignored(name: str) -> bool:
    return name.startswith(".") or name == "__pycache__" or name.endswith((".pyc", ".egg-info"))


def bundled_files() -> list[str]:
    """Every file under decks/ and resources/, as its path inside the package ("decks/x/y.yaml")."""
    found = []
    for folder in BUNDLED:
        for path in sorted((ROOT / folder).rglob("*")):
            rel = path.relative_to(ROOT)
            if path.is_file() and not any(_ignored(part) for part in rel.parts):
                found.append(rel.as_posix())
    return found


def _copy_source(target: Path) -> Path:
    """A clean copy of what the build reads (no stale build/ folder, nothing written to the repo)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCE:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=lambda _d, names: [n for n in names if _ignored(n)])
        else:
            shutil.copy2(src, target / name)
    return target


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(cmd, check=False, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(QT_QPA_PLATFORM="offscreen", **extra)
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    src = _copy_source(base / "src")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(base / "dist"), str(src)], base)
    (built,) = (base / "dist").glob("flashcards-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed into a bare folder (``pip install --target``); put it on PYTHONPATH."""
    target = tmp_path_factory.mktemp("site")
    _run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)], target)
    return target


def test_wheel_carries_every_bundled_file_unchanged(wheel: Path) -> None:
    expected = bundled_files()
    assert any(f.endswith(".yaml") for f in expected) and "resources/style/light.qss" in expected
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        missing = [f for f in expected if f"flashcards/{f}" not in names]
        assert not missing, f"not in the wheel: {missing}"
        changed = [f for f in expected if zf.read(f"flashcards/{f}") != (ROOT / f).read_bytes()]
        assert not changed


def test_wheel_has_only_the_package_at_top_level(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        tops = {name.split("/", 1)[0] for name in zf.namelist()}
        modules = {n for n in zf.namelist() if n.endswith(".py")}
    assert tops == {"flashcards", "flashcards-0.1.0.dist-info"}   # no site-packages/resources, /decks
    source = {p.relative_to(ROOT).as_posix() for p in (ROOT / "flashcards").rglob("*.py")}
    assert source <= modules


def _imported_modules() -> set[str]:
    """Every module name the package imports (``a.b.c`` and its parents ``a``, ``a.b``)."""
    names: set[str] = set()
    for path in (ROOT / "flashcards").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            found = []
            if isinstance(node, ast.Import):
                found = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for name in found:
                parts = name.split(".")
                names.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return names


def test_every_runtime_dependency_is_imported(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        meta = Parser().parsestr(zf.read("flashcards-0.1.0.dist-info/METADATA").decode("utf-8"))
    requires = [r for r in meta.get_all("Requires-Dist") or [] if "extra ==" not in r]
    dists = {re.split(r"[\s;<>=!~\[(]", r, maxsplit=1)[0].lower() for r in requires}
    imported = _imported_modules()
    assert "pyside6-essentials" in dists
    for dist in dists:
        if dist == "pyside6-addons":
            used = [m for m in ADDONS_MODULES if f"PySide6.{m}" in imported]
            assert used, "PySide6-Addons is listed but no Addons module (QtCharts, …) is imported"
        else:
            assert IMPORT_NAMES.get(dist, dist.replace("-", "_")) in imported, f"{dist} is listed but never imported"


def test_installed_wheel_finds_its_decks_and_resources(installed: Path, tmp_path: Path) -> None:
    out = _run([sys.executable, "-c", PATHS_PROBE], tmp_path, _clean_env(PYTHONPATH=str(installed)))
    found = json.loads(out)
    assert found == {"package": str(installed / "flashcards"), "resources": str(installed / "flashcards" / "resources"),
                     "decks": str(installed / "flashcards" / "decks")}


def test_installed_wheel_starts_the_app_offscreen(installed: Path, tmp_path: Path) -> None:
    out = _run([sys.executable, str(SMOKE)], tmp_path, _clean_env(PYTHONPATH=str(installed)))
    assert f"package: {installed / 'flashcards'}" in out
    assert "smoke test passed" in out


def test_install_without_resources_is_refused_with_a_message(installed: Path, tmp_path: Path) -> None:
    """A broken install names what is missing instead of reading beside site-packages."""
    broken = tmp_path / "site"
    shutil.copytree(installed / "flashcards", broken / "flashcards",
                    ignore=lambda d, names: ["resources"] if Path(d).name == "flashcards" else [])
    (broken / "resources").mkdir()   # what the old code looked for: must not be picked up
    done = subprocess.run([sys.executable, "-c", PATHS_PROBE], check=False, cwd=tmp_path, capture_output=True, text=True,
                          env=_clean_env(PYTHONPATH=str(broken)), timeout=120)
    assert done.returncode == 1
    assert "MissingResourceError: the app's resources are missing" in done.stderr


def test_editable_install_finds_the_checkout_folders(tmp_path: Path) -> None:
    """setuptools' editable finder maps flashcards.decks/resources, but without an ``__init__.py``
    they are not importable there; paths.py reads them beside the package (the checkout)."""
    src = _copy_source(tmp_path / "src")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    site = Path(_run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path).strip())
    # The running interpreter's packages (PySide6, PyYAML, …) without installing them again.
    shared = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "shared-test-deps.pth").write_text("\n".join(sorted(shared)) + "\n", encoding="utf-8")
    _run([str(py), "-m", "pip", "install", "-q", "--no-deps", "-e", str(src)], tmp_path)
    found = json.loads(_run([str(py), "-c", PATHS_PROBE], tmp_path, _clean_env()))
    assert found == {"package": str(src / "flashcards"), "resources": str(src / "resources"),
                     "decks": str(src / "decks")}


def test_source_checkout_finds_the_top_level_folders() -> None:
    from flashcards.core import paths

    assert paths.resources_dir() == ROOT / "resources"
    assert paths.bundled_decks_dir() == ROOT / "decks"
