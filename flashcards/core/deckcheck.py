"""Validate the data of one deck file: every problem of every card, each with its line.

The rules are those of ``docs/deck-format.md``; the bounds come from :mod:`.limits`. Values shown
in messages are cut short, so that a hostile file cannot make a huge message.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .bounds import DAILY_LIMITS
from .cloze import cloze_numbers
from .deckspec import DeckError, DeckFile, NoteSpec
from .deckyaml import LineDict
from .limits import (
    LINT_LIST_ITEMS,
    MAX_CARDS_PER_FILE,
    MAX_DECK_DEPTH,
    MAX_DECK_NAME_CHARS,
    MAX_ID_CHARS,
    MAX_LIST_ITEMS,
    MAX_SOURCE_LINE,
    MAX_TAG_CHARS,
    MAX_TAGS,
    MAX_TEXT_CHARS,
)
from .models import CardType

ID_RE = re.compile(rf"^[A-Za-z0-9][A-Za-z0-9_.-]{{0,{MAX_ID_CHARS - 1}}}$")
DECK_KEYS = ("deck", "description", "source", "source_title", "attribution", "disclaimer",
             "new_per_day", "reviews_per_day", "cards")
CARD_KEYS = ("id", "type", "front", "back", "text", "items", "tags", "source_line")
_META_KEYS = ("description", "source", "source_title", "attribution", "disclaimer")
_REQUIRED = {CardType.BASIC: ("front", "back"), CardType.REVERSE: ("front", "back"),
             CardType.CLOZE: ("text",), CardType.LIST: ("front",)}
# Control, format (zero-width, bidi overrides, BOM), private-use, surrogate, unassigned, line/paragraph separators.
_INVISIBLE_CATEGORIES = frozenset(("Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"))
_PLAIN_TEXT = re.compile(r"[ -~]*")   # printable ASCII: the common case, nothing to look up

Report = Callable[[int, str], None]


def short(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def invisible_char(text: str) -> str | None:
    """The first control, zero-width or bidi-control character of ``text`` as ``U+XXXX``, or None."""
    if _PLAIN_TEXT.fullmatch(text):
        return None
    for ch in text:
        if unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
            return f"U+{ord(ch):04X}"
    return None


def strip_invisible(text: str) -> str:
    """``text`` without the characters :func:`invisible_char` finds."""
    if _PLAIN_TEXT.fullmatch(text):
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) not in _INVISIBLE_CATEGORIES)


def deck_name_problem(name: Any) -> str | None:
    """Why ``name`` cannot be a deck name (None if it can): '::' nests, every part non-empty."""
    if not isinstance(name, str) or not name.strip():
        return "'deck' must be a non-empty string"
    if len(name) > MAX_DECK_NAME_CHARS:
        return f"deck name is {len(name):,} characters; the limit is {MAX_DECK_NAME_CHARS}"
    parts = name.split("::")
    if len(parts) > MAX_DECK_DEPTH:
        return f"deck name has {len(parts):,} levels; the limit is {MAX_DECK_DEPTH}"
    if any(not p.strip() or p.strip().startswith(":") or p.strip().endswith(":") for p in parts):
        return f"deck name {short(name)} has an empty part between '::'"
    bad = invisible_char(name)
    if bad:
        return f"deck name contains an invisible or control character ({bad})"
    return None


def type_name(value: Any) -> str:
    """How a YAML value's type is named in messages."""
    return {dict: "a mapping", LineDict: "a mapping", list: "a list", str: "text", int: "a number",
            float: "a number", bool: "true/false", type(None): "nothing"}.get(type(value), type(value).__name__)


def _line(mapping: Any, key: str | None = None) -> int:
    if isinstance(mapping, LineDict):
        return mapping.key_lines.get(key, mapping.line) if key else mapping.line
    return 0


def _whole_number(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def validate_deck(path: Path, data: Any) -> tuple[DeckFile | None, list[DeckError]]:
    """The deck in ``data`` (a parsed file), or None, and every problem found."""
    errors: list[DeckError] = []

    def err(line: int, message: str) -> None:
        errors.append(DeckError(path, line, message))

    if not isinstance(data, LineDict):
        err(1, "a deck file must be a mapping with 'deck:' and 'cards:' keys"
            if data is not None else "the file is empty")
        return None, errors
    for key in data:
        if key not in DECK_KEYS:
            err(_line(data, key), f"unknown key {short(key)} (expected one of: {', '.join(sorted(DECK_KEYS))})")
    name = data.get("deck")
    if "deck" not in data:
        err(data.line, "missing field 'deck' (the deck's name, '::' nests decks)")
    else:
        problem = deck_name_problem(name)
        if problem:
            err(_line(data, "deck"), problem)
    meta: dict[str, Any] = {}
    for key in _META_KEYS:
        value = data.get(key)
        if value is None:
            meta[key] = ""
        elif not isinstance(value, str):
            err(_line(data, key), f"'{key}' must be text, not {type_name(value)}")
        elif len(value) > MAX_TEXT_CHARS:
            err(_line(data, key), f"'{key}' is {len(value):,} characters; the limit is {MAX_TEXT_CHARS:,}")
        else:
            meta[key] = value
    for key in ("new_per_day", "reviews_per_day"):
        value = data.get(key)
        low, high = DAILY_LIMITS[key]
        if value is not None and not _whole_number(value, low, high):
            err(_line(data, key), f"'{key}' must be a whole number from {low} to {high}")
        else:
            meta[key] = value
    warnings: list[DeckError] = []
    notes = _validate_cards(path, data, err, warnings)
    if errors:
        return None, errors
    full_name = "::".join(p.strip() for p in str(name).split("::"))
    return DeckFile(path=path, name=full_name, notes=notes, warnings=warnings, **meta), errors


def _validate_cards(path: Path, data: LineDict, err: Report, warnings: list[DeckError]) -> list[NoteSpec]:
    cards = data.get("cards")
    notes: list[NoteSpec] = []
    if cards is None:
        err(_line(data, "cards"), "missing field 'cards' (a list of cards)")
    elif not isinstance(cards, list):
        err(_line(data, "cards"), f"'cards' must be a list, not {type_name(cards)}")
    elif not cards:
        err(_line(data, "cards"), "'cards' is empty")
    elif len(cards) > MAX_CARDS_PER_FILE:
        err(_line(data, "cards"), f"{len(cards):,} cards; the limit per file is {MAX_CARDS_PER_FILE:,}")
    else:
        seen: dict[str, int] = {}
        list_line = _line(data, "cards")
        for index, entry in enumerate(cards, start=1):
            note = validate_card(entry, index, list_line, err)
            if note is None:
                continue
            if note.id in seen:
                err(_line(entry, "id"), f"duplicate card id {short(note.id)} (first used on line {seen[note.id]})")
                continue
            seen[note.id] = _line(entry, "id")
            if len(note.items) > LINT_LIST_ITEMS:
                warnings.append(DeckError(path, _line(entry, "items"),
                                          f"card {short(note.id)}: {len(note.items)} items; a list of at most "
                                          f"{LINT_LIST_ITEMS} is easier to learn (split it)"))
            notes.append(note)
    return notes


_SIMPLE_KEYS = frozenset(("id", "type", "front", "back", "tags"))
_SIMPLE_TYPES = (CardType.BASIC, CardType.REVERSE)


def _simple_card(entry: Any) -> NoteSpec | None:
    """The commonest card, a valid basic or reverse card with text fields (and maybe plain tags),
    checked quickly: its NoteSpec exactly as the full checks would make it; None for anything
    else, which then gets the full checks (and their messages)."""
    if type(entry) is not LineDict or not entry.keys() <= _SIMPLE_KEYS:
        return None
    card_id, front, back = entry.get("id"), entry.get("front"), entry.get("back")
    card_type, tags = entry.get("type", CardType.BASIC), entry.get("tags")
    if not (type(card_id) is str and type(front) is str and type(back) is str and card_type in _SIMPLE_TYPES
            and ID_RE.match(card_id) and len(front) <= MAX_TEXT_CHARS and len(back) <= MAX_TEXT_CHARS
            and front.strip() and back.strip()):
        return None
    if tags is not None and (type(tags) is not list or len(tags) > MAX_TAGS or not all(
            type(t) is str and t.strip() and len(t) <= MAX_TAG_CHARS and _PLAIN_TEXT.fullmatch(t) for t in tags)):
        return None
    return NoteSpec(id=card_id, type=card_type, front=front, back=back, tags=tuple(tags or ()), line=entry.line)


def validate_card(entry: Any, index: int, list_line: int, err: Report) -> NoteSpec | None:
    """The note for one ``cards:`` entry, or None; reports every problem of the entry."""
    simple = _simple_card(entry)
    return simple if simple is not None else check_card(entry, index, list_line, err)


def check_card(entry: Any, index: int, list_line: int, err: Report) -> NoteSpec | None:
    """:func:`validate_card` without the quick path for the commonest cards."""
    if not isinstance(entry, LineDict):
        err(list_line, f"card {index}: each card must be a mapping with an 'id', not {type_name(entry)}")
        return None
    where = f"card {index}"
    problems: list[tuple[int, str]] = []

    def bad(key: str | None, message: str) -> None:
        problems.append((_line(entry, key), message))

    for key in entry:
        if key not in CARD_KEYS:
            bad(key, f"unknown key {short(key)} (expected one of: {', '.join(sorted(CARD_KEYS))})")
    card_id = entry.get("id")
    if card_id is None:
        bad(None, "missing field 'id'")
    elif isinstance(card_id, bool) or not isinstance(card_id, (str, int)) or not ID_RE.match(str(card_id)):
        bad("id", f"id {short(card_id)} must be 1 to {MAX_ID_CHARS} letters, digits, '-', '_' or '.' "
                  "(no '/' or spaces)")
    else:
        where = f"card {short(str(card_id))}"
    card_type = entry.get("type", CardType.BASIC)
    if card_type not in CardType.ALL:
        bad("type", f"unknown type {short(card_type)} (expected one of: {', '.join(CardType.ALL)})")
        card_type = None
    fields = _text_fields(entry, bad)
    for key in _REQUIRED.get(card_type or "", ()):
        if key not in entry:
            bad(None, f"missing field '{key}' for a {card_type} card")
        elif key in fields and not fields[key].strip():
            bad(key, f"'{key}' is empty")
    if card_type == CardType.CLOZE and "text" in fields and not cloze_numbers(fields["text"]):
        bad("text", "cloze text has no deletion; mark one as {{c1::answer}}")
    items = _string_list(entry, "items", MAX_LIST_ITEMS, MAX_TEXT_CHARS, bad)
    if card_type == CardType.LIST:
        if "items" not in entry:
            bad(None, "missing field 'items' for a list card")
        elif items is not None and len(items) < 2:
            bad("items", "a list card needs at least 2 items")
    tags = _string_list(entry, "tags", MAX_TAGS, MAX_TAG_CHARS, bad)
    source_line = entry.get("source_line")
    if source_line is not None and not _whole_number(source_line, 1, MAX_SOURCE_LINE):
        bad("source_line", f"'source_line' must be a whole number from 1 to {MAX_SOURCE_LINE:,}")
    for line, message in problems:
        err(line, f"{where}: {message}")
    if problems or card_type is None or card_id is None:
        return None
    return NoteSpec(id=str(card_id), type=card_type, front=fields.get("front", ""),
                    back=fields.get("back", ""), text=fields.get("text", ""),
                    items=tuple(items or ()), tags=tuple(tags or ()),
                    source_line=source_line, line=entry.line)


def _text_fields(entry: LineDict, bad: Callable[[str | None, str], None]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for key in ("front", "back", "text"):
        if key not in entry:
            continue
        value = entry[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            bad(key, f"'{key}' must be text, not {type_name(value)}")
        elif len(value) > MAX_TEXT_CHARS:
            bad(key, f"'{key}' is {len(value):,} characters; the limit is {MAX_TEXT_CHARS:,}")
        else:
            fields[key] = value
    return fields


def _string_list(entry: LineDict, key: str, max_len: int, max_chars: int,
                 bad: Callable[[str | None, str], None]) -> list[str] | None:
    value = entry.get(key)
    if value is None and key == "tags":   # "tags:" with nothing after it: no tags
        return None
    if key not in entry:
        return None
    if not isinstance(value, list):
        bad(key, f"'{key}' must be a list of text, not {type_name(value)}")
        return None
    if len(value) > max_len:
        bad(key, f"'{key}' has {len(value):,} entries; the limit is {max_len}")
        return None
    out: list[str] = []
    problems = 0
    for item in value:
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            item = str(item)
        if not isinstance(item, str) or not item.strip():
            problems += 1
            bad(key, f"every entry of '{key}' must be non-empty text, not {type_name(item)}"
                     if not isinstance(item, str) else f"an entry of '{key}' is empty")
        elif len(item) > max_chars:
            problems += 1
            bad(key, f"an entry of '{key}' is {len(item):,} characters; the limit is {max_chars:,}")
        elif key == "tags" and invisible_char(item):
            problems += 1
            bad(key, f"tag {short(item)} contains an invisible or control character ({invisible_char(item)})")
        else:
            out.append(item)
    return None if problems else out
