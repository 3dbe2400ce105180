"""Two homes kept in step by Syncthing over loopback: two ``syncthing`` processes on 127.0.0.1
(discovery, relays, NAT, usage reporting and upgrades off) share one folder, each device's
collection syncs into its own copy, Syncthing carries the files across. ``.ci/run`` installs
Syncthing from Debian packages when it can; without it this test is skipped with its reason."""

from __future__ import annotations

import copy
import json
import os
import random
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from flashcards import Collection
from flashcards.core.paths import bundled_decks_dir
from flashcards.core.sync import sync
from flashcards.core.sync.replay import mismatches

from .sim import Device, card_states, review_log, study

SYNCTHING = shutil.which("syncthing")
FOLDER_ID = "flashcards"
DEADLINE_S = 60.0          # for Syncthing to start, connect and bring both folders in step
POLL_S = 0.2
BUNDLED_DECK = "hemifacial-spasm"

RUN_ENV = "FLASHCARDS_SYNCTHING_TEST"   # set (or CI) to run it outside .ci/run

pytestmark = [
    pytest.mark.skipif(SYNCTHING is None, reason="syncthing is not installed (apt-get install syncthing); "
                       "test_folder_synchroniser.py's rsync and copy variants still run"),
    pytest.mark.skipif(not (os.environ.get("CI") or os.environ.get(RUN_ENV)),
                       reason=f"slow (two syncthing processes, ~5 s): runs in .ci/run (CI=1) or with {RUN_ENV}=1"),
]

_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Node:
    """One Syncthing instance: its config home, shared folder, device id, ports and process."""
    home: Path
    folder: Path
    device_id: str
    gui_port: int
    listen_port: int
    api_key: str
    proc: subprocess.Popen[bytes] | None = None

    def api(self, path: str, method: str = "GET") -> Any:
        req = urllib.request.Request(f"http://127.0.0.1:{self.gui_port}{path}", method=method,
                                     headers={"X-API-Key": self.api_key})
        with _NO_PROXY.open(req, timeout=30) as resp:
            body = resp.read()
        return json.loads(body) if body.strip() else None


def _generate(base: Path, name: str) -> Node:
    home, folder = base / "config", base / "Sync"
    folder.mkdir(parents=True)
    (folder / ".stfolder").mkdir()
    env = _env(base)
    subprocess.run([SYNCTHING or "syncthing", "generate", f"--home={home}", "--no-default-folder",
                    "--skip-port-probing"], check=True, capture_output=True, env=env)
    device_id = subprocess.run([SYNCTHING or "syncthing", "serve", f"--home={home}", "--device-id"], check=True,
                               capture_output=True, env=env, text=True).stdout.strip()
    return Node(home, folder, device_id, _free_port(), _free_port(), f"key-{name}-{secrets.token_hex(16)}")


def _env(base: Path) -> dict[str, str]:
    return {**os.environ, "HOME": str(base), "STNOUPGRADE": "1", "STNORESTART": "1", "STNODEFAULTFOLDER": "1"}


def _set(parent: ET.Element, tag: str, value: str) -> None:
    el = parent.find(tag)
    if el is None:
        el = ET.SubElement(parent, tag)
    el.text = value


def _configure(node: Node, peer: Node) -> None:
    """Write ``node``'s config.xml: loopback only, nothing reaching outside, ``peer`` known at its
    loopback address, and the shared folder (scanned only when the test asks)."""
    path = node.home / "config.xml"
    tree = ET.parse(path)
    root = tree.getroot()
    gui = root.find("gui")
    assert gui is not None
    _set(gui, "address", f"127.0.0.1:{node.gui_port}")
    _set(gui, "apikey", node.api_key)
    options = root.find("options")
    assert options is not None
    for tag in ("listenAddress", "globalAnnounceServer", "stunServer"):
        for el in options.findall(tag):
            options.remove(el)
    for tag, value in {"listenAddress": f"tcp://127.0.0.1:{node.listen_port}", "globalAnnounceEnabled": "false",
                       "localAnnounceEnabled": "false", "relaysEnabled": "false", "natEnabled": "false",
                       "urAccepted": "-1", "autoUpgradeIntervalH": "0", "startBrowser": "false",
                       "crashReportingEnabled": "false", "reconnectionIntervalS": "1",
                       "stunKeepaliveStartS": "0", "stunKeepaliveMinS": "0"}.items():
        _set(options, tag, value)
    template = root.find("defaults/device")
    assert template is not None
    other = copy.deepcopy(template)
    other.set("id", peer.device_id)
    other.set("name", peer.home.parent.name)
    _set(other, "address", f"tcp://127.0.0.1:{peer.listen_port}")
    root.insert(1, other)
    folder_template = root.find("defaults/folder")
    assert folder_template is not None
    folder = copy.deepcopy(folder_template)
    folder.attrib.update({"id": FOLDER_ID, "label": FOLDER_ID, "path": str(node.folder), "rescanIntervalS": "3600",
                          "fsWatcherEnabled": "false"})
    _set(folder, "pullerPauseS", "1")     # a failed pull is retried after 1 s, not 60
    for el in folder.findall("device"):
        folder.remove(el)
    for dev in (node, peer):
        ET.SubElement(folder, "device", {"id": dev.device_id, "introducedBy": ""})
    root.insert(0, folder)
    tree.write(path)


def _start(node: Node) -> None:
    log = (node.home.parent / "syncthing.log").open("wb")
    node.proc = subprocess.Popen(
        [SYNCTHING or "syncthing", "serve", f"--home={node.home}", "--no-browser", "--no-restart", "--no-upgrade"],
        stdout=log, stderr=subprocess.STDOUT, env=_env(node.home.parent))
    log.close()


def _wait(what: str, check: Any, nodes: list[Node]) -> None:
    """Poll ``check()`` until it is true, failing after :data:`DEADLINE_S` with the logs' tails."""
    deadline = time.monotonic() + DEADLINE_S
    last: object = None
    while time.monotonic() < deadline:
        for node in nodes:
            if node.proc is not None and node.proc.poll() is not None:
                pytest.fail(f"syncthing exited ({node.proc.returncode}): {_log_tail(node)}")
        try:
            if check():
                return
        except (urllib.error.URLError, ConnectionError, OSError) as exc:
            last = exc
        time.sleep(POLL_S)
    pytest.fail(f"syncthing: {what} not reached within {DEADLINE_S:.0f} s ({last}); "
                + " | ".join(_log_tail(n) for n in nodes))


def _log_tail(node: Node) -> str:
    log = node.home.parent / "syncthing.log"
    return log.read_text(errors="replace")[-1500:] if log.exists() else "(no log)"


@pytest.fixture
def syncthing_pair(tmp_path: Path) -> Iterator[tuple[Node, Node]]:
    laptop, lab = _generate(tmp_path / "laptop", "laptop"), _generate(tmp_path / "lab", "lab")
    _configure(laptop, lab)
    _configure(lab, laptop)
    nodes = [laptop, lab]
    try:
        for node in nodes:
            _start(node)
        _wait("both connected", lambda: all(
            n.api("/rest/system/connections")["connections"].get(p.device_id, {}).get("connected")
            for n, p in ((laptop, lab), (lab, laptop))), nodes)
        yield laptop, lab
    finally:
        running = [n.proc for n in nodes if n.proc is not None and n.proc.poll() is None]
        for proc in running:
            proc.terminate()
        for proc in running:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(part.startswith(".st") for part in p.relative_to(folder).parts)}


def _in_step(a: Node, b: Node) -> bool:
    """Both Syncthings idle with nothing to pull, each sees the other complete, and the two
    folders hold the same files."""
    for node, peer in ((a, b), (b, a)):
        status = node.api(f"/rest/db/status?folder={FOLDER_ID}")
        if status["state"] != "idle" or status["needTotalItems"] != 0:
            return False
        completion = node.api(f"/rest/db/completion?folder={FOLDER_ID}&device={peer.device_id}")
        if completion["completion"] != 100 or completion["needItems"] != 0:
            return False
    return _tree(a.folder) == _tree(b.folder)


def _settle(nodes: tuple[Node, Node]) -> None:
    for node in nodes:
        node.api(f"/rest/db/scan?folder={FOLDER_ID}", method="POST")   # returns when the scan is done
    _wait("both folders in sync", lambda: _in_step(*nodes), list(nodes))


def _device(base: Path, name: str, folder: Path) -> Device:
    decks = bundled_decks_dir()
    assert decks is not None and (decks / BUNDLED_DECK).is_dir()
    col = Collection.open(base / f"{name}.sqlite3")
    col.update_settings(timezone="UTC", fuzz=True, leech_lapses=3)
    col.import_decks(sorted((decks / BUNDLED_DECK).glob("*.yaml")))
    return Device(name, col, folder, datetime(2026, 3, 2, 8, tzinfo=UTC))


def test_two_homes_synced_by_syncthing_converge(tmp_path: Path, syncthing_pair: tuple[Node, Node]) -> None:
    rng = random.Random(15)
    laptop_node, lab_node = syncthing_pair
    laptop = _device(tmp_path, "laptop", laptop_node.folder)
    lab = _device(tmp_path, "lab", lab_node.folder)
    lab.clock = laptop.clock.replace(minute=29)
    try:
        assert laptop.id != lab.id
        for _round in range(2):
            for dev in (laptop, lab):                  # both study offline
                study(dev, rng, rng.randrange(10, 25))
            for dev in (laptop, lab):                  # then sync in turn, Syncthing carrying the files
                sync(dev.col, dev.home, now=dev.clock)
                _settle(syncthing_pair)
        for dev in (laptop, lab):
            sync(dev.col, dev.home, now=dev.clock)
        assert (laptop_node.folder / "devices" / lab.id).is_dir() and (lab_node.folder / "devices" / laptop.id).is_dir()
        log = review_log(laptop.col)
        assert log == review_log(lab.col) and len(log) >= 40
        assert len({row[2] for row in log}) == len(log)                      # one row per review uid
        assert {row[3] for row in log} == {laptop.id, lab.id}
        assert card_states(laptop.col) == card_states(lab.col)
        assert mismatches(laptop.col) == [] and mismatches(lab.col) == []
    finally:
        laptop.col.close()
        lab.col.close()
