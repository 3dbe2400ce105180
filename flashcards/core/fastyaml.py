"""A fast reader for the plain YAML that deck files are normally written in.

PyYAML, even with libyaml, creates several Python objects per scalar (events, nodes, marks), which
makes a 100,000-card deck take seconds. Deck files are usually one ``key: value`` per line with
the cards as a block list of such mappings, and that subset can be read line by line with a few
regular expressions. :func:`parse` reads exactly that subset and returns ``None`` for anything
else (block scalars, multi-line or escaped strings, flow mappings, anchors, tags, tabs, comments
after some values, ...), and then PyYAML reads the file as before. Where it returns data, it is
what PyYAML would give: the same values (plain scalars are typed by PyYAML's own resolver and
constructors), the same key order and duplicate-key handling, and the same line numbers
(``tests/core/test_fastyaml.py`` compares the two on fuzzed files).
"""

from __future__ import annotations

import re
from typing import Any, Callable

import yaml

# Characters that make YAML treat text specially or that it refuses: tabs, CR and the Unicode
# line breaks, byte-order marks, non-printable characters.
_UNSAFE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_COMMENT = r"(?: +#.*)?$"
# "[- ]key: value" with the value's text, or directly the text inside "double quotes" (the usual case).
_LINE = re.compile(r'( *)(- )?([A-Za-z_][A-Za-z0-9_]*):(?: +(?:"([^"\\]*)"(?: +#.*)?|(.*?)))? *$')
_DOUBLE = re.compile(r'"([^"\\]*)"' + _COMMENT)
_SINGLE = re.compile(r"'((?:[^']|'')*)'" + _COMMENT)
_PLAIN = re.compile(r"""([\w(][\w .,;?!()'"/-]*?) *""" + _COMMENT)
_FLOW = re.compile(r"\[(.*)\]" + _COMMENT)
_FLOW_ITEM = re.compile(r""" *(?:"([^"\\]*)"|'((?:[^']|'')*)'|([\w][\w./-]*(?: +[\w./-]+)*)) *(,|$)""")

_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_TYPED: dict[str, Callable[[yaml.ScalarNode], Any]] = {
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": _constructor.construct_yaml_null,
}
_STR = "tag:yaml.org,2002:str"
_string_keys: dict[str, bool] = {}          # key -> PyYAML reads it as a string (not true/null/1...)


class GiveUp(Exception):
    """The text is outside the subset: let PyYAML read it."""


def _plain(text: str) -> Any:
    implicit = _resolver.yaml_implicit_resolvers
    if text[0] not in implicit and None not in implicit:
        return text          # as resolve() decides: no implicit type starts with this character
    tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))
    if tag == _STR:
        return text
    construct = _TYPED.get(tag)
    if construct is None:
        raise GiveUp
    try:
        return construct(yaml.ScalarNode(tag, text))
    except Exception as exc:  # PyYAML reports it, with the line
        raise GiveUp from exc


def _value(text: str) -> Any:
    if text[0] == '"':
        m = _DOUBLE.match(text)
        if m:
            return m[1]
    elif text[0] == "'":
        m = _SINGLE.match(text)
        if m:
            return m[1].replace("''", "'")
    elif text[0] == "[":
        m = _FLOW.match(text)
        if m:
            return _flow(m[1])
    else:
        m = _PLAIN.match(text)
        if m:
            return _plain(m[1])
    raise GiveUp


def _flow(inner: str) -> list[Any]:
    if not inner.strip(" "):
        return []
    items: list[Any] = []
    pos = 0
    while True:
        m = _FLOW_ITEM.match(inner, pos)
        if not m:
            raise GiveUp
        if m[1] is not None:
            items.append(m[1])
        elif m[2] is not None:
            items.append(m[2].replace("''", "'"))
        else:
            items.append(_plain(m[3]))
        pos = m.end()
        if not m[4]:                       # end of the list
            return items
        if pos >= len(inner):              # a trailing comma
            raise GiveUp


def parse(text: str, mapping: Callable[[int], Any]) -> Any | None:
    """The document in ``text``, or ``None`` if it is outside the subset (then use PyYAML).

    ``mapping(line)`` makes an empty mapping that knows its 1-based line and has a ``key_lines``
    dict, as the YAML loader makes them.
    """
    try:
        return _parse(text, mapping)
    except GiveUp:
        return None


def _parse(text: str, mapping: Callable[[int], Any]) -> Any:
    if _UNSAFE.search(text) or _resolver.yaml_path_resolvers:
        raise GiveUp
    top = None
    pending: str | None = None            # a top-level key whose value (a list?) comes next
    seq: list[Any] | None = None
    seq_indent = -1
    item = None
    for number, line in enumerate(text.split("\n"), start=1):
        m = _LINE.match(line)
        if m is None:
            body = line.lstrip(" ")
            if not body or body[0] == "#":              # blank line or comment
                continue
            raise GiveUp
        indent, dash, key, quoted, raw = len(m[1]), m[2], m[3], m[4], m[5] or None
        plain_key = _string_keys.get(key)
        if plain_key is None:
            plain_key = _string_keys[key] = _resolver.resolve(yaml.ScalarNode, key, (True, False)) == _STR
        if not plain_key:
            raise GiveUp
        if dash:                                           # "- key: value": a new list item
            if seq is None:
                if pending is None:
                    raise GiveUp
                seq, seq_indent = [], indent
                top[pending] = seq
                pending = None
            elif indent != seq_indent:
                raise GiveUp
            item = mapping(number)
            seq.append(item)
            target = item
        elif indent == 0:                                  # a top-level key
            if top is None:
                top = mapping(number)
            if pending is not None:
                top[pending] = None
                pending = None
            seq, item = None, None
            if quoted is None and raw is None:
                pending = key
                top.key_lines.setdefault(key, number)
                continue
            target = top
        elif item is not None and indent == seq_indent + 2:   # the next key of a list item
            target = item
        else:
            raise GiveUp
        target.key_lines.setdefault(key, number)
        target[key] = quoted if quoted is not None else None if raw is None else _value(raw)
    if top is None:
        raise GiveUp
    if pending is not None:
        top[pending] = None
    return top
