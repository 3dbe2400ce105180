"""The generator on the bundled source article: coverage, card quality, metadata, stability."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from flashcards.core.articles import (
    GeneratedDeck,
    dump_deck,
    generate_decks,
    write_decks,
)
from flashcards.core.deckfile import load_deck_files

ROOT = Path(__file__).resolve().parents[3]
SOURCE = ROOT / "resources" / "sources" / "hemifacial-spasm.txt"
LINES = SOURCE.read_text(encoding="utf-8").splitlines()
# Counted straight from the article, independently of the parser.
HEADING_RE = re.compile(r"^([A-Z][\w ]+?) (?:of|for) Hemifacial Spasm:$")
NUMBERED_RE = re.compile(r"^\s+\d+\.\s+(.+)$")
BULLET_RE = re.compile(r"^\s+•\s+(.+)$")
DECK_OF_HEADING = {"Types": "Types", "Causes": "Causes", "Symptoms": "Symptoms", "Diagnostic Tests": "Diagnostic Tests",
                   "Treatment Options": "Treatment Options", "Drugs Used": "Drugs", "Surgery": "Surgery"}
CHROME = ["@", "+880", "1717615827", "translate", "register new account", "bookmark", "share with", "harun",
          "mph", "references", "disclaimer", "thank you for", "email", "phone"]


def norm(text: str) -> str:
    text = re.sub(r"\{\{c\d+::(.*?)(?:::.*?)?\}\}", r"\1", text)
    return re.sub(r"\s+", " ", text.replace("’", "'").casefold()).strip()


def card_text(card: dict) -> str:
    return norm(" ".join([card.get("front", ""), card.get("back", ""), card.get("text", ""), *card.get("items", [])]))


def questions(card: dict) -> str:
    return norm(card.get("front") or card.get("text", ""))


@pytest.fixture(scope="module")
def decks() -> list[GeneratedDeck]:
    return generate_decks(SOURCE)


@pytest.fixture(scope="module")
def by_name(decks) -> dict[str, GeneratedDeck]:
    return {d.name.split("::")[1]: d for d in decks}


def article_items() -> list[tuple[str, int, str, str]]:
    """``(deck, line, kind, text)`` for every numbered item and sub-bullet in the article."""
    out, deck = [], None
    for lineno, line in enumerate(LINES, start=1):
        m = HEADING_RE.match(line)
        if m:
            deck = DECK_OF_HEADING[m.group(1)]
        elif line.strip().endswith(":") and not line.startswith(" "):
            deck = deck if line.startswith(("Hemifacial", "Understanding", "Diagnosing", "Managing", "Several",
                                            "In some")) else None
        for kind, regex in (("item", NUMBERED_RE), ("bullet", BULLET_RE)):
            m = regex.match(line)
            if m:
                assert deck is not None, f"line {lineno} outside a content section"
                out.append((deck, lineno, kind, m.group(1)))
    return out


def test_article_has_68_items_and_19_sub_bullets():
    kinds = [kind for _, _, kind, _ in article_items()]
    assert kinds.count("item") == 68 and kinds.count("bullet") == 19


def test_every_item_and_sub_bullet_is_covered_in_its_section_deck(by_name):
    items = article_items()
    parents: dict[int, int] = {}
    last_item = 0
    for _, line, kind, _ in items:
        if kind == "item":
            last_item = line
        parents[line] = last_item
    for deck, line, kind, text in items:
        cards = by_name[deck].data["cards"]
        term, _, explanation = text.partition(": ")
        key = norm(term.rstrip(":")) if (explanation or text.endswith(":")) else norm(text)
        covering = [c for c in cards if key in card_text(c)]
        assert covering, f"line {line} ({text!r}) has no card in {deck}"
        if kind == "item":  # its own card, or (its card dropped by the lint gate) a list card
            assert any(c.get("source_line") == line or c["type"] == "list" for c in covering), f"line {line}"
        else:
            assert any(c.get("source_line") in (line, parents[line]) for c in covering), f"line {line}"
            if not explanation:  # a bare explanation bullet: its text is an answer somewhere
                assert any(norm(text) in card_text(c) for c in cards), f"line {line}: {text!r}"


def test_no_contact_details_site_chrome_or_bio_in_any_card(decks):
    for deck in decks:
        for card in deck.data["cards"]:
            text = card_text(card)
            assert not re.search(r"\+?\d[\d\s-]{8,}\d", text), (deck.name, card)
            for word in CHROME:
                assert word not in text, (deck.name, word, card)
            assert card["source_line"] < 129, "nothing from the conclusion, disclaimer or biography"
        assert "bookmark" not in deck.data.get("description", "").casefold()


def test_deck_names_files_and_metadata(decks):
    assert [(d.name, d.filename) for d in decks] == [
        ("Hemifacial Spasm::Overview", "hemifacial-spasm/overview.yaml"),
        ("Hemifacial Spasm::Types", "hemifacial-spasm/types.yaml"),
        ("Hemifacial Spasm::Causes", "hemifacial-spasm/causes.yaml"),
        ("Hemifacial Spasm::Symptoms", "hemifacial-spasm/symptoms.yaml"),
        ("Hemifacial Spasm::Diagnostic Tests", "hemifacial-spasm/diagnostic-tests.yaml"),
        ("Hemifacial Spasm::Treatment Options", "hemifacial-spasm/treatment-options.yaml"),
        ("Hemifacial Spasm::Drugs", "hemifacial-spasm/drugs.yaml"),
        ("Hemifacial Spasm::Surgery", "hemifacial-spasm/surgery.yaml")]
    for deck in decks:
        data = deck.data
        assert next(iter(data)) == "deck" and list(data)[-1] == "cards" and data["deck"] == deck.name
        assert data["source"] == "hemifacial-spasm.txt" and data["source_title"] == "Hemifacial Spasm"
        assert data["attribution"] == "Dr. Md. Harun Ar Rashid"
        assert data["disclaimer"].startswith("Each person’s journey is unique")
        assert "general information and educational purposes only" in data["disclaimer"]
    assert decks[2].data["description"].startswith("Understanding the underlying causes")


def test_ids_are_valid_unique_and_questions_never_repeat(decks):
    seen_questions: set[str] = set()
    all_ids: set[str] = set()
    for deck in decks:
        ids = [c["id"] for c in deck.data["cards"]]
        assert len(ids) == len(set(ids))
        all_ids |= set(ids)
        for card in deck.data["cards"]:
            assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", card["id"]) and len(card["id"]) <= 128
            assert card["type"] in ("basic", "reverse", "cloze", "list")
            assert 1 <= card["source_line"] <= len(LINES) and LINES[card["source_line"] - 1].strip()
            q = questions(card)
            assert q not in seen_questions, f"duplicate question {q!r}"
            seen_questions.add(q)
    assert len(all_ids) == sum(len(d.data["cards"]) for d in decks)


def test_no_card_gives_its_answer_away(decks):
    for deck in decks:
        for card in deck.data["cards"]:
            if card["type"] == "basic":
                assert norm(card["back"]) not in norm(card["front"]), card
                assert len(card["back"]) < 160, "short answers"
            elif card["type"] == "cloze":
                answer = re.search(r"\{\{c1::(.*?)\}\}", card["text"]).group(1)
                rest = card["text"].replace("{{c1::" + answer + "}}", "")
                assert norm(answer) not in norm(rest), card


def test_terms_are_reverse_notes_without_letter_hints_or_trivia(by_name):
    causes = {c["id"]: c for c in by_name["Causes"].data["cards"]}
    assert causes["causes-multiple-sclerosis"]["type"] == "reverse"
    assert causes["causes-multiple-sclerosis"]["front"] == "Multiple Sclerosis"
    assert causes["causes-multiple-sclerosis"]["back"] == "An autoimmune disorder that damages the nerves."
    # "A stroke affecting the brain…" names its term: asked one way only, worded by content type
    assert causes["causes-stroke"] == {**causes["causes-stroke"], "type": "basic",
                                       "front": "Causes of hemifacial spasm: how can stroke cause it?"}
    assert not any(k.endswith("-term") for d in by_name.values() for c in d.data["cards"] for k in [c["id"]])
    for deck in by_name.values():
        for card in deck.data["cards"]:
            text = card_text(card)
            assert "starts with" not in text and "letters)" not in text and "how many" not in text, card
    drugs = {c["id"]: c for c in by_name["Drugs"].data["cards"]}
    assert "{{c1::Gabapentin}}" in drugs["drugs-pregabalin-cloze"]["text"]


def test_list_cards_are_short_and_come_after_their_items(by_name):
    counts: dict[str, int] = {}
    for deck, _, kind, _ in article_items():
        counts[deck] = counts.get(deck, 0) + (kind == "item")
    for name, n in counts.items():
        cards = by_name[name].data["cards"]
        slug = cards[0]["tags"][0]
        parts = [c for c in cards if c["type"] == "list" and re.fullmatch(rf"{slug}-list(?:-\d)?", c["id"])]
        assert sum(len(c["items"]) for c in parts) == n, name
        assert all(2 <= len(c["items"]) <= 7 for c in cards if c["type"] == "list"), name
        first_list = min(i for i, c in enumerate(cards) if c["type"] == "list")
        assert all(c["type"] == "list" for c in cards[first_list:] if c["id"].startswith(f"{slug}-list")), name
        assert cards[-1]["type"] == "list", name
    fronts = {c["id"]: c for d in by_name.values() for c in d.data["cards"]}
    assert fronts["types-list"]["front"] == "Name the two types of hemifacial spasm."
    assert fronts["types-list"]["items"] == ["Primary Hemifacial Spasm", "Secondary Hemifacial Spasm"]
    assert [len(fronts[f"causes-list-{k}"]["items"]) for k in (1, 2, 3)] == [7, 7, 6]
    assert fronts["causes-list-1"]["front"].startswith("Causes of hemifacial spasm (part 1 of 3")
    assert fronts["treatment-options-medications-list"]["items"] == ["Muscle Relaxants", "Anti-Seizure Drugs"]


def test_overview_deck_from_the_lead(by_name):
    cards = {c["id"]: c for c in by_name["Overview"].data["cards"]}
    assert cards["overview-definition"]["type"] == "reverse"
    assert cards["overview-definition"]["front"] == "Hemifacial spasm"
    assert cards["overview-definition"]["back"].startswith("A medical condition that causes involuntary muscle")
    assert all("this article" not in card_text(c) for c in cards.values())


def test_progress_called_once_per_section_and_title_override():
    calls: list[tuple[str, int, int]] = []
    decks = generate_decks(SOURCE, title="HFS", progress=lambda *a: calls.append(a))
    assert calls == [(name, i, 8) for i, name in enumerate(
        ["Overview", "Types", "Causes", "Symptoms", "Diagnostic Tests", "Treatment Options", "Drugs", "Surgery"], 1)]
    assert decks[2].name == "HFS::Causes" and decks[2].filename == "hfs/causes.yaml"
    assert decks[2].data["source_title"] == "Hemifacial Spasm"


def test_dump_and_write_round_trip(decks, tmp_path):
    text = dump_deck(decks[2].data)
    assert text.startswith("deck: Hemifacial Spasm::Causes\n") and "Bell’s Palsy" in text
    assert max(len(line) for line in text.splitlines()) <= 120
    assert yaml.safe_load(text) == decks[2].data
    paths = write_decks(decks, tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [d.filename for d in decks]
    assert all(yaml.safe_load(p.read_text(encoding="utf-8")) == d.data for p, d in zip(paths, decks))


def test_generated_decks_pass_the_deck_validator(decks, tmp_path):
    write_decks(decks, tmp_path)
    loaded, errors = load_deck_files([tmp_path])
    assert errors == [] and len(loaded) == len(decks)


@pytest.mark.parametrize("old, new", [
    ("A stroke affecting the brain can trigger spasms.", "Reduced blood flow to part of the brain may set off spasms."),
    ("An anti-seizure medication that can help control nerve impulses.", "An anticonvulsant that calms nerve firing."),
    ("Transplanting healthy nerves to replace damaged ones.", "Healthy nerve tissue replaces a damaged segment."),
    ("• Techniques to strengthen facial muscles and improve control.", "• Exercises for facial strength and control."),
    ("The most common cause, where a blood vessel presses on the facial nerve.", "An artery loop squeezing the nerve."),
])
def test_rewording_an_explanation_keeps_every_card_id(decks, tmp_path, old, new):
    text = SOURCE.read_text(encoding="utf-8")
    assert old in text
    edited = tmp_path / SOURCE.name
    edited.write_text(text.replace(old, new), encoding="utf-8")
    before = {(d.name, c["id"]) for d in decks for c in d.data["cards"]}
    after = {(d.name, c["id"]) for d in generate_decks(edited) for c in d.data["cards"]}
    assert before - after == set()
