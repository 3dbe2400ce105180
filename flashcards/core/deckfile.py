"""The YAML deck format: load, validate and report problems as ``path:line: message``.

Loading uses PyYAML's safe loader (the C one when present); files in the plain one-value-a-line
style take a faster reader with the same result (``fastyaml.py``). Every mapping remembers the line
of each key so that validation can point at the exact line. Anchors and aliases are refused:
deck files never need them and they are the vector of "billion laughs" bombs. The format is
documented in ``docs/deck-format.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from . import fastyaml
from .cloze import cloze_numbers
from .models import CardType

try:  # the C loader is much faster; fall back to pure Python when libyaml is missing
    _BaseLoader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader  # type: ignore[misc]

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TEXT_CHARS = 20_000
MAX_CARDS_PER_FILE = 200_000
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
DECK_KEYS = {"deck", "description", "source", "source_title", "attribution", "disclaimer",
             "new_per_day", "reviews_per_day", "cards"}
CARD_KEYS = {"id", "type", "front", "back", "text", "items", "tags", "source_line"}
DECK_SUFFIXES = (".yaml", ".yml")


class LineDict(dict):
    """A mapping from the YAML file that knows its own line and the line of each key (1-based)."""

    line: int
    key_lines: dict[Any, int]


class _LineLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        mapping = LineDict(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                mapping.key_lines.setdefault(key_node.value, key_node.start_mark.line + 1)
        return mapping

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Turn any failure of a value constructor (bad !!timestamp, !!binary…) into a marked error."""
        try:
            return super().construct_object(node, deep=deep)
        except (yaml.YAMLError, RecursionError):
            raise
        except Exception as exc:  # noqa: BLE001 - PyYAML constructors raise anything
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read this {node.tag.rsplit(':', 1)[-1]} value ({exc})",
                node.start_mark) from exc

    def compose_node(self, parent: Any, index: Any) -> Any:  # pure-Python loader only
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (*name) are not allowed in deck files",
                event.start_mark)
        return super().compose_node(parent, index)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)


@dataclass(frozen=True)
class DeckError:
    """One problem in a deck file."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class DeckValidationError(ValueError):
    """Raised by import when any deck file is invalid; nothing was changed."""

    def __init__(self, errors: list[DeckError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass(frozen=True)
class NoteSpec:
    """One entry of a deck file's ``cards:`` list."""

    id: str
    type: str
    front: str = ""
    back: str = ""
    text: str = ""
    items: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source_line: int | None = None
    line: int = 0

    def study_cards(self) -> list[tuple[str, int]]:
        """The ``(key, ord)`` of each study card this note yields."""
        if self.type == CardType.REVERSE:
            return [(self.id, 0), (f"{self.id}/reverse", 1)]
        if self.type == CardType.CLOZE:
            return [(self.id if n == 1 else f"{self.id}/c{n}", n - 1) for n in cloze_numbers(self.text)]
        return [(self.id, 0)]


@dataclass
class DeckFile:
    """A validated deck file."""

    path: Path
    name: str
    description: str = ""
    source: str = ""
    source_title: str = ""
    attribution: str = ""
    disclaimer: str = ""
    new_per_day: int | None = None
    reviews_per_day: int | None = None
    notes: list[NoteSpec] = field(default_factory=list)


def find_deck_files(paths: Iterable[Path]) -> tuple[list[Path], list[DeckError]]:
    """Expand folders into their ``*.yaml``/``*.yml`` files (sorted); report missing paths."""
    files: list[Path] = []
    errors: list[DeckError] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in DECK_SUFFIXES and p.is_file())
            if not found:
                errors.append(DeckError(path, 0, "no deck files (*.yaml, *.yml) in this folder"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            errors.append(DeckError(path, 0, "no such file or folder"))
    return files, errors


def load_deck_files(paths: Iterable[Path]) -> tuple[list[DeckFile], list[DeckError]]:
    """Load and validate every deck file under ``paths``; also checks deck names are unique."""
    files, errors = find_deck_files(paths)
    decks: list[DeckFile] = []
    seen: dict[str, Path] = {}
    for path in files:
        deck, file_errors = load_deck_file(path)
        errors.extend(file_errors)
        if deck is None:
            continue
        if deck.name in seen:
            errors.append(DeckError(path, 1, f"deck {deck.name!r} is also defined in {seen[deck.name]}"))
            continue
        seen[deck.name] = path
        decks.append(deck)
    return decks, errors


def load_deck_file(path: Path) -> tuple[DeckFile | None, list[DeckError]]:
    """Parse one file; returns the deck (None if unusable) and every problem found."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [DeckError(path, 0, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [DeckError(path, 0, f"cannot read: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [DeckError(path, line, "not UTF-8 text (is this a binary file?)")]
    if "\x00" in text:
        return None, [DeckError(path, text[: text.index("\x00")].count("\n") + 1, "contains NUL bytes (binary file?)")]
    try:
        data = parse_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = exc.problem or exc.context or "invalid YAML"
        if "could not determine a constructor" in str(exc):
            problem = f"unsupported YAML tag {_tag_of(str(exc))}; only plain data is allowed"
        return None, [DeckError(path, line, f"invalid YAML: {problem}")]
    except yaml.YAMLError as exc:
        return None, [DeckError(path, 0, f"invalid YAML: {exc}")]
    except RecursionError:
        return None, [DeckError(path, 0, "invalid YAML: nested too deeply")]
    return _validate_deck(path, data)


def parse_yaml(text: str) -> Any:
    """Safe-load ``text``; mappings come back as :class:`LineDict`. Aliases are refused."""
    if "*" in text and re.search(r"(^|[\s\[{,:-])\*[^\s*]", text):
        # The C composer resolves aliases before Python sees them, so look at the events.
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.AliasEvent):
                raise yaml.composer.ComposerError(
                    None, None, "anchors and aliases (*name) are not allowed in deck files",
                    event.start_mark)
    data = fastyaml.parse(text, _line_dict)      # plain deck files: many times faster
    if data is not None:
        return data
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader


def _line_dict(line: int) -> LineDict:
    mapping = LineDict()
    mapping.line = line
    mapping.key_lines = {}
    return mapping


def _tag_of(message: str) -> str:
    m = re.search(r"tag '([^']*)'", message)
    return repr(m.group(1)) if m else "(unknown)"


def _line(mapping: Any, key: str | None = None) -> int:
    if isinstance(mapping, LineDict):
        return mapping.key_lines.get(key, mapping.line) if key else mapping.line
    return 0


def _validate_deck(path: Path, data: Any) -> tuple[DeckFile | None, list[DeckError]]:
    errors: list[DeckError] = []

    def err(line: int, message: str) -> None:
        errors.append(DeckError(path, line, message))

    if not isinstance(data, LineDict):
        err(1, "a deck file must be a mapping with 'deck:' and 'cards:' keys"
            if data is not None else "the file is empty")
        return None, errors
    for key in data:
        if key not in DECK_KEYS:
            err(_line(data, key), f"unknown key {key!r} (expected one of: {', '.join(sorted(DECK_KEYS))})")
    name = data.get("deck")
    if name is None:
        err(data.line, "missing field 'deck' (the deck's name, '::' nests decks)")
    elif not isinstance(name, str) or not name.strip():
        err(_line(data, "deck"), "'deck' must be a non-empty string")
    elif any(not part.strip() for part in name.split("::")):
        err(_line(data, "deck"), f"deck name {name!r} has an empty part between '::'")
    meta: dict[str, Any] = {}
    for key in ("description", "source", "source_title", "attribution", "disclaimer"):
        value = data.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            err(_line(data, key), f"'{key}' must be a string, not {_type_name(value)}")
        elif len(value) > MAX_TEXT_CHARS:
            err(_line(data, key), f"'{key}' is {len(value):,} characters; the limit is {MAX_TEXT_CHARS:,}")
        else:
            meta[key] = value
    for key in ("new_per_day", "reviews_per_day"):
        value = data.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100_000):
            err(_line(data, key), f"'{key}' must be a whole number from 0 to 100000")
        else:
            meta[key] = value
    cards = data.get("cards")
    notes: list[NoteSpec] = []
    if cards is None:
        err(data.line, "missing field 'cards' (a list of cards)")
    elif not isinstance(cards, list):
        err(_line(data, "cards"), f"'cards' must be a list, not {_type_name(cards)}")
    elif not cards:
        err(_line(data, "cards"), "'cards' is empty")
    elif len(cards) > MAX_CARDS_PER_FILE:
        err(_line(data, "cards"), f"{len(cards):,} cards; the limit per file is {MAX_CARDS_PER_FILE:,}")
    else:
        seen: dict[str, int] = {}
        list_line = _line(data, "cards")
        for index, entry in enumerate(cards, start=1):
            note = _simple_card(entry) or _validate_card(entry, index, list_line, err)
            if note is None:
                continue
            if note.id in seen:
                err(_line(entry, "id"), f"duplicate card id {note.id!r} (first used on line {seen[note.id]})")
                continue
            seen[note.id] = _line(entry, "id")
            notes.append(note)
    if errors or not isinstance(name, str):
        return None, errors
    return DeckFile(path=path, name="::".join(p.strip() for p in name.split("::")), notes=notes, **meta), errors


_SIMPLE_KEYS = frozenset(("id", "type", "front", "back", "tags"))


def _simple_card(entry: Any) -> NoteSpec | None:
    """A shortcut for the commonest card, a valid basic or reverse card with text fields (and
    maybe tags): its NoteSpec, exactly as :func:`_validate_card` would make it. None for any
    other entry, which then gets the full checks (and their messages)."""
    if type(entry) is not LineDict or not entry.keys() <= _SIMPLE_KEYS:
        return None
    card_id, front, back = entry.get("id"), entry.get("front"), entry.get("back")
    card_type, tags = entry.get("type", CardType.BASIC), entry.get("tags")
    if not (type(card_id) is str and type(front) is str and type(back) is str and type(card_type) is str
            and card_type in (CardType.BASIC, CardType.REVERSE) and ID_RE.match(card_id)
            and 0 < len(front) <= MAX_TEXT_CHARS and 0 < len(back) <= MAX_TEXT_CHARS
            and front.strip() and back.strip()):
        return None
    if tags is not None and (type(tags) is not list or not all(type(t) is str and t.strip() and len(t) <= MAX_TEXT_CHARS
                                                   for t in tags)):
        return None
    return NoteSpec(id=card_id, type=card_type, front=front, back=back, tags=tuple(tags or ()), line=entry.line)


def _validate_card(entry: Any, index: int, list_line: int, err: Any) -> NoteSpec | None:
    where = f"card {index}"
    if not isinstance(entry, LineDict):
        err(list_line, f"{where}: each card must be a mapping with an 'id', not {_type_name(entry)}")
        return None
    problems: list[tuple[int, str]] = []

    def bad(key: str | None, message: str) -> None:
        problems.append((_line(entry, key), f"{where}: {message}"))

    for key in entry:
        if key not in CARD_KEYS:
            bad(key, f"unknown key {key!r} (expected one of: {', '.join(sorted(CARD_KEYS))})")
    card_id = entry.get("id")
    if card_id is None:
        bad(None, "missing field 'id'")
    elif isinstance(card_id, bool) or not isinstance(card_id, (str, int)) or not ID_RE.match(str(card_id)):
        bad("id", f"id {card_id!r} must be letters, digits, '-', '_' or '.' (no '/' or spaces)")
    else:
        where = f"card {card_id!r}"
    card_type = entry.get("type", CardType.BASIC)
    if card_type not in CardType.ALL:
        bad("type", f"unknown type {card_type!r} (expected one of: {', '.join(CardType.ALL)})")
        card_type = None
    fields: dict[str, str] = {}
    for key in ("front", "back", "text"):
        value = entry.get(key)
        if value is None:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            bad(key, f"'{key}' must be text, not {_type_name(value)}")
        elif len(value) > MAX_TEXT_CHARS:
            bad(key, f"'{key}' is {len(value):,} characters; the limit is {MAX_TEXT_CHARS:,}")
        else:
            fields[key] = value
    required = {CardType.BASIC: ("front", "back"), CardType.REVERSE: ("front", "back"),
                CardType.CLOZE: ("text",), CardType.LIST: ("front",)}.get(card_type or "", ())
    for key in required:
        if key not in entry:
            bad(None, f"missing field '{key}' for a {card_type} card")
        elif key in fields and not fields[key].strip():
            bad(key, f"'{key}' is empty")
    if card_type == CardType.CLOZE and "text" in fields and not cloze_numbers(fields["text"]):
        bad("text", "cloze text has no deletion; mark one as {{c1::answer}}")
    items = _string_list(entry, "items", bad)
    if card_type == CardType.LIST:
        if "items" not in entry:
            bad(None, "missing field 'items' for a list card")
        elif items is not None and len(items) < 2:
            bad("items", "a list card needs at least 2 items")
    tags = _string_list(entry, "tags", bad)
    source_line = entry.get("source_line")
    if source_line is not None and (isinstance(source_line, bool) or not isinstance(source_line, int) or source_line < 1):
        bad("source_line", "'source_line' must be a positive whole number")
    for line, message in problems:
        err(line, message)
    if problems or card_type is None or card_id is None:
        return None
    return NoteSpec(id=str(card_id), type=card_type, front=fields.get("front", ""),
                    back=fields.get("back", ""), text=fields.get("text", ""),
                    items=tuple(items or ()), tags=tuple(tags or ()),
                    source_line=source_line, line=entry.line)


def _string_list(entry: LineDict, key: str, bad: Any) -> list[str] | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        bad(key, f"'{key}' must be a list of text, not {_type_name(value)}")
        return None
    out: list[str] = []
    for item in value:
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            item = str(item)
        if not isinstance(item, str) or not item.strip():
            bad(key, f"every entry of '{key}' must be non-empty text, not {_type_name(item)}")
            return None
        if len(item) > MAX_TEXT_CHARS:
            bad(key, f"an entry of '{key}' is {len(item):,} characters; the limit is {MAX_TEXT_CHARS:,}")
            return None
        out.append(item)
    return out


def _type_name(value: Any) -> str:
    return {dict: "a mapping", LineDict: "a mapping", list: "a list", str: "text", int: "a number",
            float: "a number", bool: "true/false", type(None): "nothing"}.get(type(value), type(value).__name__)
