"""Write generated decks as YAML files: block style, no anchors, one file per deck."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from .generator import GeneratedDeck


def write_decks(decks: list[GeneratedDeck], out_dir: Path) -> list[Path]:
    """Write each deck to ``out_dir/<filename>`` (UTF-8, LF line ends); returns the paths written.

    Each file is written beside its place and then renamed over it, so a failed write (disk full)
    never leaves a half deck file. Raises ``OSError``.
    """
    written: list[Path] = []
    for deck in decks:
        path = Path(out_dir) / deck.filename
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        try:
            with open(partial, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(dump_deck(deck.data))
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        written.append(path)
    return written


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # deck files may not use anchors/aliases
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # indent list entries under their key


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_deck(data: dict) -> str:
    """Readable YAML for a deck: block style, Unicode kept, keys in the given order, ~100 columns."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=100, indent=2)
