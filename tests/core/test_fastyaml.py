"""The fast deck reader gives exactly what PyYAML gives, or gives up."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashcards.core import fastyaml
from flashcards.core.deckfile import LineDict, _line_dict, _LineLoader

FIXTURES = Path(__file__).parents[1] / "fixtures" / "decks"


def pyyaml(text: str) -> Any:
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506


def same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, LineDict):
        return (a.line == b.line and a.key_lines == b.key_lines and list(a) == list(b)
                and all(same(a[k], b[k]) for k in a))
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def check(text: str) -> bool:
    """True if the fast reader took the text (and then agrees with PyYAML)."""
    fast = fastyaml.parse(text, _line_dict)
    if fast is None:
        return False
    assert same(fast, pyyaml(text)), text
    return True


def test_usual_deck_files_take_the_fast_path() -> None:
    for path in sorted(FIXTURES.glob("*.yaml")):
        check(path.read_text(encoding="utf-8"))
    assert check('deck: "A::B"\nnew_per_day: 20\ncards:\n  - id: q1\n    front: "Q?"\n    back: "A."\n'
                 "    tags: [x, \"y z\", 'it''s']\n\n  # a comment\n  - id: 2\n    type: reverse\n"
                 "    front: Plain words, even (this)?\n    back: 'single'  # trailing comment\n")


def test_what_it_leaves_to_pyyaml() -> None:
    for text in ['deck: "a\\tb"\n', "deck: |\n  x\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "a:\tb\n",
                 "a: {b: 1}\n", "- a: 1\n", "a:\n  b: 1\n", "---\na: 1\n", "a: b\r\n", "a: [1,]\n",
                 "a: 2001-01-01\n", "yes: 1\n", "a: 'x\n  y'\n", "a: b: c\n", " a: 1\n", ""]:
        assert fastyaml.parse(text, _line_dict) is None, text


KEYS = ["deck", "cards", "id", "front", "back", "type", "tags", "items", "x_1"] * 3 + ["yes", "null", "on"]
GOOD = ['"quoted: # text"', '""', "'single ''q'''", "plain words here", "q1", "42", "0x1F", "1_000", "3.5",
        "1e5", "true", "No", "null", "[a, b]", "[\"x\", 'y']", "[]", "[ 1, 2.5, yes ]", "(paren)", "it's",
        'say "hi"', "a # comment", '"x" # c', "é ü", "1. Intro", "x-y/z", "Dr. No?", "C++", "0o17", "0b101"]
ODD = ["-3", ".inf", "~", "2001-01-01", "[a,]", '"a\\"b"', "a: b", "*alias", "&anchor x", "!!int 3", "|",
       "x\u00a0y", "{a: 1}", "'unterminated", "[a, [b]]", "<<", "=", "?x", "%x", "a#b", "a  #b", "12:30"]


@st.composite
def subset_like(draw: st.DrawFn) -> str:
    """Mostly well-formed deck-like documents, with the odd bad line or value."""
    def value() -> str:
        return draw(st.sampled_from(ODD)) if draw(st.integers(0, 29)) == 0 else draw(st.sampled_from(GOOD))

    def odd_line(indent: str) -> str:
        return draw(st.sampled_from([indent, f"{indent}# {value()}", " " * draw(st.integers(0, 5)) + value(),
                                     draw(st.text(max_size=8)), "---", f"{indent}- ", f"{indent}  - x"]))

    lines = [f"{draw(st.sampled_from(KEYS))}: {value()}" for _ in range(draw(st.integers(0, 3)))]
    lines.append(draw(st.sampled_from(KEYS)) + ":" + draw(st.sampled_from(["", " ", "  # c"])))
    indent = " " * draw(st.sampled_from([0, 2, 4]))
    for _ in range(draw(st.integers(0, 4))):
        lines.append(f"{indent}- {draw(st.sampled_from(KEYS))}: {value()}")
        for _ in range(draw(st.integers(0, 3))):
            key = draw(st.sampled_from(KEYS))
            lines.append(f"{indent}  {key}:" if draw(st.integers(0, 9)) == 0 else f"{indent}  {key}: {value()}")
            if draw(st.integers(0, 14)) == 0:
                lines.append(odd_line(indent))
    if draw(st.booleans()):
        lines.append(f"{draw(st.sampled_from(KEYS))}: {value()}")
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subset_like())
def test_fast_reader_agrees_with_pyyaml(text: str) -> None:
    check(text)


CARD_VALUES = st.one_of(st.sampled_from(["q1", "a b", "", " ", "x" * 20_001, "basic", "reverse", "cloze", "list",
                                         "é", "1", 0, 1, 2.5, True, None, [], ["t"], ["", "t"], [1], {}]),
                        st.lists(st.sampled_from(["t", " ", "", 3]), max_size=3))


@st.composite
def card_entries(draw: st.DrawFn) -> dict[str, Any]:
    """A valid basic card, maybe with a type and tags, then zero to two fields changed or removed."""
    fields: dict[str, Any] = {"id": "q1", "front": "F?", "back": "B."}
    if draw(st.booleans()):
        fields["type"] = draw(st.sampled_from(["basic", "reverse"]))
    if draw(st.booleans()):
        fields["tags"] = ["t", "u"]
    for _ in range(draw(st.integers(0, 2))):
        key = draw(st.sampled_from(["id", "type", "front", "back", "tags", "text", "items", "other"]))
        if draw(st.integers(0, 3)) == 0:
            fields.pop(key, None)
        else:
            fields[key] = draw(CARD_VALUES)
    return fields


@settings(max_examples=400, deadline=None)
@given(card_entries())
def test_simple_card_shortcut_matches_the_full_checks(fields: dict[str, Any]) -> None:
    from flashcards.core.deckfile import _simple_card, _validate_card

    entry = _line_dict(7)
    for i, (key, value) in enumerate(fields.items()):
        entry[key] = value
        entry.key_lines[key] = 7 + i
    quick = _simple_card(entry)
    if quick is not None:
        errors: list[Any] = []
        assert _validate_card(entry, 1, 1, lambda line, message: errors.append(message)) == quick
        assert errors == []
