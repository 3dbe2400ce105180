"""The deck reader (core/deckyaml.py) gives what PyYAML's careful SafeLoader gives, with the lines
a line-tracking loader gives, or refuses with a line; and its quick card check matches the full one."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashcards.core import deckyaml
from flashcards.core.deckcheck import _simple_card, check_card
from flashcards.core.deckfile import load_deck_files
from flashcards.core.deckyaml import LineDict

ROOT = Path(__file__).parents[2]
BUNDLED = sorted([*(ROOT / "decks").rglob("*.yaml"), *(ROOT / "tests" / "fixtures" / "decks").glob("*.yaml")])


_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the same parser (libyaml's C scanner differs
                                                                 # from PyYAML's pure-Python one on odd input)


class _CarefulLoader(_SafeLoader):
    """The reference: PyYAML's safe loader (its composer, resolver and constructor), noting each
    mapping's line and key lines."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:  # type: ignore[override]
        mapping = LineDict(node.start_mark.line + 1)
        mapping.update(super().construct_mapping(node, deep=True))
        for key_node, _ in node.value:
            mapping.key_lines.setdefault(self.construct_object(key_node), key_node.start_mark.line + 1)
        return mapping


_CarefulLoader.add_constructor("tag:yaml.org,2002:map", _CarefulLoader.construct_mapping)


def careful(text: str) -> Any:
    return yaml.load(text, Loader=_CarefulLoader)


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
    """True if the reader took the text; then it must agree with the careful loader."""
    try:
        ours = deckyaml.parse(text)
    except deckyaml.DeckYAMLError as exc:
        assert exc.message and exc.line >= 0
        return False
    assert same(ours, careful(text)), text
    return True


def test_bundled_decks_read_exactly_as_the_careful_loader_reads_them() -> None:
    assert len(BUNDLED) >= 3
    for path in BUNDLED:
        assert check(path.read_text(encoding="utf-8")), path


def test_decks_written_by_other_tools_import_correctly(tmp_path: Path) -> None:
    decks, errors = load_deck_files([p for p in BUNDLED if "fixtures" not in str(p)])
    assert errors == []
    for path in [p for p in BUNDLED if "fixtures" not in str(p)]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, style in enumerate([{}, {"default_flow_style": True}, {"default_style": '"'}, {"width": 20}]):
            text = yaml.safe_dump(data, allow_unicode=bool(i % 2), **style)
            assert check(text), (path, style)
            out = tmp_path / f"{i}" / path.name
            out.parent.mkdir(exist_ok=True)
            out.write_text(text, encoding="utf-8")
    for i in range(4):
        again, errors = load_deck_files([tmp_path / f"{i}"])
        assert errors == []
        assert sorted((d.name, [(n.id, n.front, n.back, n.text, n.items, n.tags) for n in d.notes]) for d in again) \
            == sorted((d.name, [(n.id, n.front, n.back, n.text, n.items, n.tags) for n in d.notes]) for d in decks)


def test_what_it_refuses_that_safe_load_would_take() -> None:
    for text in ["a: &x 1\nb: *x\n", "a: 1\na: 2\n", "<<: {a: 1}\n", "a: !!set {b}\n", "---\na: 1\n---\nb: 2\n",
                 "a: !!omap [b: 1]\n", "? [a]\n: 1\n"]:
        assert not check(text), text


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
def test_reader_agrees_with_the_careful_loader_on_deck_like_files(text: str) -> None:
    check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("ab:- \n[]{},'\"#&*!?|>~01.")), max_size=60))
def test_reader_agrees_with_the_careful_loader_on_yaml_soup(text: str) -> None:
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
    entry = LineDict(7)
    for i, (key, value) in enumerate(fields.items()):
        entry[key] = value
        entry.key_lines[key] = 7 + i
    quick = _simple_card(entry)
    if quick is not None:
        errors: list[Any] = []
        assert check_card(entry, 1, 1, lambda line, message: errors.append(message)) == quick
        assert errors == []
