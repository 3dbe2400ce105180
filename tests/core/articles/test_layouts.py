"""Twelve article layouts the generator was not written for: every item carded, no chrome, lint clean.

Each fixture in ``fixtures/`` is a short physiotherapy/clinical article in its own layout. Items are
found here with plain regular expressions, independent of the parser: every list line (any bullet,
numbered, lettered, keycap), every table row and every FAQ question must be some card's
``source_line`` or an item of a list card; no card may carry site chrome; ``flashcards lint`` must
find nothing; no list card has more than 7 items and each comes after the cards on its items.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashcards.core.articles import generate_decks, write_decks
from flashcards.core.lint import lint_paths

FIXTURES = Path(__file__).parent / "fixtures"
ITEM_RE = re.compile(r"^\s*(?:(?:\d{1,3}[.)]|\(?[a-z]\)|[a-z]\.|[-*•▪◦])\s|\d\ufe0f?\u20e3|[➤✓►])\s*(\S.*)$")
TABLE_RE = re.compile(r"^\s*\|(?!\s*:?-{2,})\s*([^|]+?)\s*\|")
QUESTION_RE = re.compile(r"^(?:#{2,6}\s+|Q:\s*)(.+\?)\s*$")
END_RE = re.compile(r"^(?:#+\s*)?(?:📚\s*)?(?:related articles|references|about the author)\b", re.IGNORECASE)

# fixture: (layout, items expected, deck names after the title, chrome that must not be carded)
LAYOUTS = {
    "acl-rehab.md": ("Markdown pipe tables, breadcrumb, byline, cookie notice, share line", 8,
                     ["Rehabilitation Phases", "Key Exercises"],
                     ["home", "weiss", "cookie", "share", "facebook", "meniscus", "knee replacement recovery"]),
    "rotator-cuff.txt": ("plain text with ▪ bullets, byline, disclaimer", 8,
                         ["Common Symptoms", "Treatment Options"], ["bellini", "written by", "general information"]),
    "low-back-pain.md": ("emoji headings and ➤ bullets", 7, ["Overview", "Red Flags", "Self-Management"],
                         ["🩺", "🚩", "💪", "mattress", "sciatica explained", "related"]),
    "stroke-rehab-faq.md": ("FAQ page: question headings and Q:/A: pairs, author bio", 4,
                            ["Frequently Asked Questions"], ["helpful", "ortiz", "twenty years"]),
    "frozen-shoulder.txt": ("prose-only encyclopedia page with banners and [edit] links", 0,
                            ["Overview", "Signs and symptoms", "Treatment"],
                            ["wikipedia", "encyclopedia", "jump to", "citations", "[edit]", "retrieved", "categories"]),
    "ankle-sprain.txt": ("lettered lists a) and (a)", 7, ["Grades", "Early Management"], []),
    "parkinsons-exercise.md": ("bold headings, ALL-CAPS bold title, ✓ bullets", 7,
                               ["Benefits of Exercise", "Recommended Activities"], ["share", "facebook", "like this"]),
    "copd-rehab.txt": ("sentence-case 'Heading:' lines and ◦ bullets", 6,
                       ["Breathing techniques for breathless patients", "Components of a typical programme"],
                       ["privacy", "terms of use"]),
    "osteoarthritis.txt": ("keycap numbers, 'Top 5 Proven Treatments for X' heading", 5, ["Overview", "Treatments"],
                           ["newsletter", "subscribe", "top 5", "proven"]),
    "tennis-elbow.md": ("nested mixed lists: dash items with dash sub-items, numbered with lettered", 12,
                        ["Overview", "Risk Factors", "Treatment"], ["golfer", "related"]),
    "scoliosis.md": ("ALL-CAPS title, two-item lists, ► bullets, dateline, copyright", 4,
                     ["Overview", "Types", "Treatment"], ["khan", "reviewed", "copyright", "rights reserved"]),
    "sciatica.md": ("citations [1][2], a range, an identifier, '12 Possible Causes of X', 12 items", 12,
                    ["Overview", "Causes"], ["[1]", "[3]", "bmj", "smith j", "{{c1::l5", "possible", "12 "]),
}


def norm(text: str) -> str:
    text = re.sub(r"\{\{c\d+::(.*?)(?:::.*?)?\}\}", r"\1", text).replace("**", "")
    return re.sub(r"\s+", " ", text.replace("’", "'").casefold()).strip()


def card_text(card: dict) -> str:
    return norm(" ".join([card.get("front", ""), card.get("back", ""), card.get("text", ""), *card.get("items", [])]))


def fixture_items(path: Path) -> list[tuple[int, str]]:
    """``(line, label)`` of every list line, table row and FAQ question before the end matter."""
    out: list[tuple[int, str]] = []
    in_table = False
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if END_RE.match(line.strip()):
            break
        if in_table and re.match(r"^\s*\|\s*:?-", line):
            continue  # the rule under the header
        table = TABLE_RE.match(line)
        if table:
            if in_table:
                out.append((lineno, table.group(1)))
            in_table = True
            continue
        in_table = False
        question = QUESTION_RE.match(line)
        if question:
            out.append((lineno, question.group(1)))
            continue
        item = ITEM_RE.match(line)
        if item:
            out.append((lineno, re.split(r":\s|:$", item.group(1), maxsplit=1)[0]))
    return out


def lint_findings(decks, folder: Path) -> list[str]:
    write_decks(decks, folder)
    _, errors, findings = lint_paths([folder])
    return [str(e) for e in errors] + [str(f) for f in findings]


def check_lists(decks) -> None:
    """No list card has more than 7 items; every card on one of its items comes before it."""
    for deck in decks:
        cards = deck.data["cards"]
        for i, card in enumerate(cards):
            if card["type"] != "list":
                continue
            assert 2 <= len(card["items"]) <= 7, card
            labels = {norm(x) for x in card["items"]}
            later = [c for c in cards[i + 1:] if c["type"] != "list" and norm(c.get("front", "")) in labels]
            assert not later, (card["id"], later)


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_layout_items_carded_chrome_left_out_lint_clean(name: str, tmp_path: Path) -> None:
    path = FIXTURES / name
    _, count, sections, chrome = LAYOUTS[name]
    decks = generate_decks(path)
    assert [d.name.split("::", 1)[1] for d in decks] == sections
    cards = [c for d in decks for c in d.data["cards"]]
    items = fixture_items(path)
    assert len(items) == count, items
    for lineno, label in items:
        key = norm(label)
        assert any((c.get("source_line") in (lineno, lineno - 1) and key in card_text(c))  # or its item's line
                   or (c["type"] == "list" and key in {norm(x) for x in c["items"]}) for c in cards), \
            f"{name}:{lineno}: {label!r} is on no card"
    for card in cards:
        for word in chrome:
            assert word not in card_text(card), (name, word, card)
    assert lint_findings(decks, tmp_path) == []
    check_lists(decks)


def test_prose_only_page_gives_definition_and_alias_cards() -> None:
    cards = {c["id"]: c for d in generate_decks(FIXTURES / "frozen-shoulder.txt") for c in d.data["cards"]}
    assert cards["overview-other-name"]["back"] == "Adhesive capsulitis"
    assert cards["overview-definition"]["back"].startswith("A condition in which the shoulder capsule thickens")
    assert cards["signs-and-symptoms-freezing-stage"]["type"] == "reverse"
    assert cards["treatment-hydrodilatation"]["back"].startswith("A procedure in which fluid is injected")


def test_tables_faqs_citations_and_headings() -> None:
    acl = {c["id"]: c for d in generate_decks(FIXTURES / "acl-rehab.md") for c in d.data["cards"]}
    assert acl["key-exercises-quadriceps-sets"]["back"].startswith("Tighten the thigh muscle")
    assert acl["rehabilitation-phases-list"]["items"][0] == "Protection phase"
    faq = [c for d in generate_decks(FIXTURES / "stroke-rehab-faq.md") for c in d.data["cards"]]
    assert [c["type"] for c in faq] == ["basic"] * 4
    assert faq[2]["front"] == "Stroke rehabilitation: Why is task-specific practice important?"
    sciatica = {c["id"]: c for d in generate_decks(FIXTURES / "sciatica.md") for c in d.data["cards"]}
    assert "{{c1::6 weeks to 3 months}}" in sciatica["overview-6-weeks-to-3-months"]["text"]  # the whole range
    assert not any(re.search(r"\[\d\]", card_text(c)) for c in sciatica.values())
    assert [len(sciatica[f"causes-list-{k}"]["items"]) for k in (1, 2)] == [6, 6]
    osteo = [d.name for d in generate_decks(FIXTURES / "osteoarthritis.txt")]
    assert osteo == ["Knee Osteoarthritis::Overview", "Knee Osteoarthritis::Treatments"]
    assert generate_decks(FIXTURES / "parkinsons-exercise.md")[0].name.startswith("Parkinson's Disease Exercise::")


BULLETS = ["- ", "• ", "* ", "▪ ", "◦ ", "➤ ", "✓ ", "► ", "1. ", "a) ", "(b) ", "1️⃣ "]
TERMS = ["Heel raises", "Bridging", "Clamshells", "Wall slides", "Step-ups", "Side planks", "Bird dog", "Dead bug",
         "Hamstring curls", "Calf stretch", "Nerve glides", "Chin tucks"]
EXPLANATIONS = ["Rising onto the toes strengthens the calf.", "Lifting the hips trains the gluteal muscles.",
                "Opening the knees works the hip rotators.", "Sliding the arms up the wall mobilises the shoulder.",
                "Stepping onto a box builds quadriceps power.", "Holding the body sideways loads the obliques.",
                "Reaching an arm and the opposite leg trains trunk control.",
                "Lowering limbs on the back challenges the deep abdominals.",
                "Bending the knee against resistance strengthens the thigh back.",
                "Leaning into a wall lengthens the gastrocnemius.", "Gentle sliding movements free the sciatic nerve.",
                "Drawing the head back eases neck strain."]


@settings(derandomize=True, deadline=None, max_examples=40)
@given(st.sampled_from(BULLETS), st.integers(min_value=2, max_value=12), st.booleans())
def test_any_bullet_style_and_list_length_is_carded_and_lint_clean(bullet: str, n: int, terms: bool) -> None:
    lines = ["# Hip Rehabilitation", "", "## Exercises", ""]
    for i in range(n):
        marker = bullet.replace("1", str(i + 1)[-1]) if "1" in bullet else bullet.replace("b", "abcdefghijkl"[i])
        lines.append(marker + (f"{TERMS[i]}: {EXPLANATIONS[i]}" if terms else EXPLANATIONS[i]))
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hip.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        decks = generate_decks(path)
        cards = [c for d in decks for c in d.data["cards"]]
        for i in range(n):
            label = norm(TERMS[i] if terms else EXPLANATIONS[i])
            assert any((c.get("source_line") == 5 + i and label in card_text(c))
                       or (c["type"] == "list" and label in {norm(x) for x in c["items"]}) for c in cards), (i, lines)
        assert lint_findings(decks, Path(folder) / "out") == []
        check_lists(decks)
