"""Read a deck file's YAML: plain data only, every mapping knows its lines, bounded in time and memory.

PyYAML's parser (libyaml's when present) turns the text into events; this module builds the data
from them directly, without PyYAML's node graph and constructor, which are several times slower
and keep every node in memory. What it builds equals ``yaml.safe_load`` of the same text (tested
against it on the bundled decks and on fuzzed files), except that it refuses, with the line:

- anchors and aliases (the vector of "billion laughs" bombs; deck files never need them),
- duplicate keys (``safe_load`` silently keeps the last), merge keys (``<<``) and non-scalar keys,
- tags other than the standard scalar ones (no ``!!python/...``, ``!!set``, ...),
- more than ``MAX_YAML_VALUES`` values or nesting deeper than ``MAX_YAML_DEPTH``: it stops there,
  so a hostile file costs time proportional to that prefix, not to its size,
- more than one document.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml import events

from .limits import MAX_YAML_DEPTH, MAX_YAML_VALUES

try:  # libyaml's parser is much faster; fall back to pure Python when it is missing
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

_STR = "tag:yaml.org,2002:str"
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_SCALARS = {
    "tag:yaml.org,2002:null": _constructor.construct_yaml_null,
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
    "tag:yaml.org,2002:timestamp": _constructor.construct_yaml_timestamp,
    "tag:yaml.org,2002:binary": _constructor.construct_yaml_binary,
}
_COLLECTION_TAGS = (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class LineDict(dict):
    """A mapping from the YAML file that knows its own line and the line of each key (1-based)."""

    __slots__ = ("key_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[Any, int] = {}


class DeckYAMLError(ValueError):
    """The text is not YAML this reader accepts; ``line`` is 1-based (0 when unknown)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


def _line(event: events.Event) -> int:
    mark = event.start_mark
    return mark.line + 1 if mark is not None else 0


_plain_strings: dict[str, bool] = {}     # plain scalar -> PyYAML reads it as text (keys, tags: few and repeated)


def _scalar(event: events.ScalarEvent) -> Any:
    value, tag = event.value, event.tag
    if tag is None or tag == "!":
        if not event.implicit[0]:               # quoted or block text: a string, as PyYAML's composer decides
            return value
        if _plain_strings.get(value):
            return value
        implicit = _resolver.yaml_implicit_resolvers
        if value[:1] not in implicit and None not in implicit:
            return value                       # no implicit type starts with this character
        tag = _resolver.resolve(yaml.ScalarNode, value, (True, False))
        if tag == _STR and len(value) <= 40 and len(_plain_strings) < 10_000:
            _plain_strings[value] = True
    if tag == _STR:
        return value
    construct = _SCALARS.get(tag)
    if construct is None:
        if tag == "tag:yaml.org,2002:merge":
            raise DeckYAMLError(_line(event), "merge keys (<<) are not allowed in deck files")
        raise DeckYAMLError(_line(event), f"unsupported YAML tag {tag!r}; only plain data is allowed")
    try:
        return construct(yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style))
    except Exception as exc:
        raise DeckYAMLError(_line(event), f"cannot read this {tag.rsplit(':', 1)[-1]} value") from exc


def _anchor_error(event: events.Event) -> DeckYAMLError:
    return DeckYAMLError(_line(event), "anchors and aliases (&name, *name) are not allowed in deck files")


def parse(text: str) -> Any:
    """The one document in ``text`` (None if there is none); mappings are :class:`LineDict`.

    Raises :class:`DeckYAMLError` (with the line) for invalid YAML and for everything the module
    docstring lists as refused.
    """
    loader = _Loader(text)
    try:
        return _build(loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise DeckYAMLError(mark.line + 1 if mark else 0, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise DeckYAMLError(0, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()


def _build(loader: Any) -> Any:
    """Build the document from the loader's events (one pass, no nodes)."""
    stack: list[Any] = []          # the open lists and mappings
    keys: list[Any] = []           # per open mapping: the key waiting for its value, or _NO_KEY
    root: Any = None
    documents = values = 0
    scalar_t, map_t, seq_t = events.ScalarEvent, events.MappingStartEvent, events.SequenceStartEvent
    end_t = (events.MappingEndEvent, events.SequenceEndEvent)
    get_event, no_key = loader.get_event, _NO_KEY
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar_t:
            if event.anchor is not None:
                raise _anchor_error(event)
            value = event.value if event.style and event.tag is None else _scalar(event)
        elif kind is map_t or kind is seq_t:
            if event.anchor is not None:
                raise _anchor_error(event)
            if event.tag not in _COLLECTION_TAGS:
                raise DeckYAMLError(_line(event), f"unsupported YAML tag {event.tag!r}; only plain data is allowed")
            if len(stack) >= MAX_YAML_DEPTH:
                raise DeckYAMLError(_line(event), f"nested more than {MAX_YAML_DEPTH} levels deep")
            value = LineDict(event.start_mark.line + 1) if kind is map_t else []
        elif kind in end_t:
            stack.pop()
            keys.pop()
            continue
        elif kind is events.AliasEvent:
            raise _anchor_error(event)
        elif kind is events.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise DeckYAMLError(_line(event), "only one YAML document is allowed (a second '---' starts here)")
            continue
        elif kind is events.StreamEndEvent:
            return root
        else:
            continue
        values += 1
        if values > MAX_YAML_VALUES:
            raise DeckYAMLError(_line(event), f"more than {MAX_YAML_VALUES:,} values; the file is too large")
        if not stack:
            root = value
        else:
            parent = stack[-1]
            key = keys[-1]
            if key is no_key:                              # this value is a key
                if type(parent) is list:
                    parent.append(value)
                else:
                    _add_key(parent, value, event, kind is scalar_t)
                    keys[-1] = value
                    continue
            else:
                parent[key] = value
                keys[-1] = no_key
        if kind is not scalar_t:
            stack.append(value)
            keys.append(no_key)


def _add_key(mapping: LineDict, key: Any, event: events.Event, scalar: bool) -> None:
    line = event.start_mark.line + 1
    if not scalar:
        raise DeckYAMLError(line, "a key must be plain text, not a list or mapping")
    try:
        first = mapping.key_lines.get(key)
    except TypeError:                                      # unhashable
        raise DeckYAMLError(line, "a key must be plain text") from None
    if first is not None:
        raise DeckYAMLError(line, f"duplicate key {_short(key)} (first on line {first})")
    mapping.key_lines[key] = line


_NO_KEY: Any = object()


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
