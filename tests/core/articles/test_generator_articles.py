"""The generator on articles it was not written for: fixtures in other styles, and random articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from flashcards.core.articles import ArticleError, generate_decks, write_decks
from flashcards.core.deckfile import load_deck_files
from flashcards.core.lint import lint_paths

FIXTURES = Path(__file__).parent / "fixtures"
LIST_LINE_RE = re.compile(r"^\s*(?:\d+[.)]|[-*•])\s+(.+?)\s*$")
END_RE = re.compile(r"^(?:#+\s*)?(?:\*\*)?(?:references|conclusion:?|disclaimer:?|medical disclaimer|about the author)\b",
                    re.IGNORECASE)
CHROME = ["@", "+1 (555)", "+44", "7946", "share on", "share this", "facebook", "log in", "translate", "register",
          "related posts", "home | conditions", "bookmark", "okafor", "natarajan", "ibáñez", "reviewed march"]

EXPECTED = {
    "carpal-tunnel-syndrome.md": ("Carpal Tunnel Syndrome (CTS)",
                                  ["Overview", "Causes", "Symptoms", "Diagnosis", "Treatment"], "Jane Okafor"),
    "plantar-fasciitis.txt": ("Plantar Fasciitis", ["Overview", "Risk Factors", "Signs and Symptoms",
                                                    "Home Remedies", "Medical Treatments"], "Dr. Priya Natarajan"),
    "bells-palsy.txt": ("Bell’s Palsy", ["Overview", "Symptoms", "Causes", "Complications", "Diagnosis", "Treatment"],
                        "Dr. Tomás Ibáñez"),
    "gout.md": ("Gout", ["Overview", "Triggers", "Stages", "Drugs"], None),
}


def lint_generated(decks, tmp_path: Path) -> list[str]:
    """``flashcards lint`` findings on ``decks`` written to a fresh folder (invalid files count too)."""
    out = tmp_path / f"lint-{len(list(tmp_path.glob('lint-*')))}"
    write_decks(decks, out)
    _, errors, findings = lint_paths([out])
    return [str(e) for e in errors] + [str(f) for f in findings]


def norm(text: str) -> str:
    text = re.sub(r"\{\{c\d+::(.*?)(?:::.*?)?\}\}", r"\1", text).replace("**", "")
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("“", '"').replace("”", '"').casefold()).strip()


def card_text(card: dict) -> str:
    return norm(" ".join([card.get("front", ""), card.get("back", ""), card.get("text", ""), *card.get("items", [])]))


def check_output(decks) -> None:
    """Invariants every generated output must satisfy."""
    questions: set[str] = set()
    for deck in decks:
        ids = [c["id"] for c in deck.data["cards"]]
        assert deck.data["cards"] and len(ids) == len(set(ids))
        for card in deck.data["cards"]:
            assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", card["id"])
            q = norm(card.get("front") or card["text"])
            assert q not in questions, q
            questions.add(q)
            if card["type"] == "basic" and re.search(r"\w", card["back"]):
                assert not re.search(rf"\b{re.escape(norm(card['back']))}\b", norm(card["front"])), card
            if card["type"] == "list":
                assert len(card["items"]) >= 2


def list_lines(path: Path) -> list[tuple[int, str]]:
    """Content list lines, found with a plain regex: everything before the conclusion/references."""
    out = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if END_RE.match(line.strip()):
            break
        m = LIST_LINE_RE.match(line)
        if m:
            out.append((lineno, m.group(1)))
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_decks_cover_every_item_and_keep_out_chrome(name, tmp_path):
    path = FIXTURES / name
    title, sections, author = EXPECTED[name]
    decks = generate_decks(path)
    assert [d.name for d in decks] == [f"{title}::{s}" for s in sections]
    check_output(decks)
    cards = [c for d in decks for c in d.data["cards"]]
    for lineno, text in list_lines(path):
        key = norm(re.split(r":\s|:$|\s[–-]\s", text.replace("**", ""), maxsplit=1)[0])
        covering = [c for c in cards if key in card_text(c)]
        assert covering, f"{name}:{lineno}: {text!r} is on no card"
        assert any(c.get("source_line") in (lineno, lineno - 1) or c["type"] == "list" for c in covering)
    for card in cards:
        for word in CHROME:
            assert word not in card_text(card), (name, word, card)
    for deck in decks:
        assert deck.data.get("attribution") == author
        assert deck.data["source"] == name
    if author is None:
        assert "disclaimer" not in decks[0].data
    else:
        assert "substitute" in decks[0].data["disclaimer"] or "general information" in decks[0].data["disclaimer"]
        assert "@" not in decks[0].data["disclaimer"] and "bookmark" not in decks[0].data["disclaimer"].casefold()
    write_decks(decks, tmp_path)
    assert load_deck_files([tmp_path])[1] == []


def cards_of(path: Path) -> dict[str, dict]:
    return {c["id"]: c for d in generate_decks(path) for c in d.data["cards"]}


def test_markdown_article_with_bold_terms_groups_and_a_question_heading():
    cards = cards_of(FIXTURES / "carpal-tunnel-syndrome.md")
    assert cards["causes-list"]["front"] == "Name the six causes of carpal tunnel syndrome."
    assert list(cards).index("causes-list") > list(cards).index("causes-wrist-fractures")  # lists come last
    assert cards["treatment-list"]["items"] == ["Non-surgical treatment", "Medicines", "Surgery"]
    assert cards["treatment-non-surgical-treatment-list"]["items"] == [
        "Wrist splint", "Activity changes", "Nerve gliding exercises"]
    assert cards["diagnosis-tinels-sign"] == {**cards["diagnosis-tinels-sign"], "type": "reverse", "front": "Tinel’s sign"}
    assert cards["diagnosis-phalens-test-cloze"]["text"].endswith("fully flexed for {{c1::60}} seconds reproduces the symptoms.")
    assert cards["overview-definition"]["front"] == "Carpal tunnel syndrome"
    assert "{{c1::3 to 6 percent}}" in cards["overview-3-to-6-percent"]["text"]  # the whole range


def test_windows_line_endings_dash_separators_and_items_without_terms():
    path = FIXTURES / "plantar-fasciitis.txt"
    assert b"\r\n" in path.read_bytes()
    cards = cards_of(path)
    assert cards["signs-and-symptoms-first-step-pain"]["back"] == "Stabbing pain with the first steps after getting out of bed."
    assert cards["signs-and-symptoms-list"]["front"] == "Name the four typical signs of plantar fasciitis."
    remedies = cards["home-remedies-list"]
    assert len(remedies["items"]) == 4 and remedies["items"][0].startswith("Rest the foot")
    assert cards["home-remedies-item-2-cloze"]["text"].endswith("frozen water bottle for {{c1::15}} minutes, two or three times a day.")
    assert cards["risk-factors-occupations-that-keep-you-on-your-feet"]["source_line"] == 12
    assert cards["risk-factors-age-cloze"]["text"].endswith("between the ages of {{c1::40 and 60}}.")
    assert cards["risk-factors-running"]["front"] == "Risk factors for plantar fasciitis: why is running a risk?"


def test_plain_text_with_bullets_nested_explanations_and_stated_counts():
    cards = cards_of(FIXTURES / "bells-palsy.txt")
    assert not any(k.endswith("-count") for k in cards)  # no "how many does the article list" trivia
    assert cards["complications-list"]["front"] == "Name the three complications of Bell’s palsy."
    assert cards["causes-herpes-simplex-virus"]["front"] == "Causes of Bell’s palsy: how can herpes simplex virus cause it?"
    assert cards["diagnosis-list"]["front"].startswith("Diagnosis of Bell’s palsy:")
    assert cards["complications-synkinesis"]["source_line"] == 32  # the item line; its explanation is on 33
    assert cards["treatment-medicines-prednisolone"]["type"] == "reverse"
    assert "about {{c1::70%}} recover fully" in cards["overview-70"]["text"]


def test_setext_headings_star_bullets_and_a_bare_term():
    cards = cards_of(FIXTURES / "gout.md")
    assert cards["triggers-list"]["items"][-1] == "Dehydration"
    assert not any(k.startswith("triggers-dehydration") for k in cards), "no explanation: list only"
    assert cards["stages-acute-gout-flare"]["front"] == "Acute gout flare"
    assert cards["drugs-febuxostat"]["front"] == "Drugs for gout: when is febuxostat used?"
    assert cards["overview-definition"]["front"] == "Gout"


def test_missing_title_missing_sections_and_a_single_section(tmp_path):
    path = tmp_path / "tennis-elbow.txt"
    path.write_text("Symptoms:\n\n1) Elbow pain: Pain on the outer elbow when gripping.\n"
                    "2) Weak grip: Difficulty holding a cup.\n", encoding="utf-8")
    decks = generate_decks(path)
    assert [d.name for d in decks] == ["Tennis Elbow::Symptoms"]
    assert decks[0].filename == "tennis-elbow/symptoms.yaml"
    check_output(decks)


def test_title_with_double_colon_and_duplicate_section_names(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Shin Splints\n\n## Causes\n\n- Overuse: Too much running.\n- Shoes: Worn-out trainers.\n\n"
                    "## Causes\n\n- Flat feet: The arch collapses.\n- Hills: Downhill running.\n", encoding="utf-8")
    decks = generate_decks(path, title="Sports::Shins")
    assert [d.name for d in decks] == ["Sports:Shins::Causes", "Sports:Shins::Causes (2)"]
    assert len({d.filename for d in decks}) == 2


def test_bad_input_raises_article_error(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\nJust some prose without any list.\n", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"notes\.md: nothing to card: no list items, tables"):
        generate_decks(path)


# -- random articles ------------------------------------------------------------------------------

WORDS = ["nerve", "muscle", "tendon", "joint", "pressure", "swelling", "pain", "heel", "wrist", "ankle", "tissue", "blood", "sugar", "weight", "sleep", "grip", "stiffness", "numbness", "fluid", "bone", "cartilage", "strain", "rest", "splint", "brace", "cream", "injection", "therapy", "exercise"]
NAMES = ["Causes", "Symptoms", "Risk Factors", "Diagnosis", "Treatment", "Complications", "Prevention", "Home Care",
         "Exercises", "Types", "Drugs", "Surgery", "Outlook", "Warning Signs"]
CONDITIONS = ["Tarsal Tunnel Syndrome", "Frozen Shoulder", "Trigger Finger", "Achilles Tendinopathy", "Sciatica"]
terms = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(lambda ws: " ".join(w.capitalize() for w in ws))
explanations = st.lists(st.sampled_from(WORDS), min_size=3, max_size=12).map(
    lambda ws: "Affects the " + " ".join(ws) + ".")


@st.composite
def articles(draw):
    condition = draw(st.sampled_from(CONDITIONS))
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=5, unique=True))
    markdown = draw(st.booleans())
    lines = [f"# {condition}" if markdown else condition, "", f"{condition} is a condition of the {draw(st.sampled_from(WORDS))}.", ""]
    expected = []  # (section, line, term)
    for name in names:
        heading = draw(st.sampled_from([f"{name} of {condition}:", f"{name}:", f"## {name}", f"**{name}**"]))
        lines += [heading, "", f"Here is what the article says about {name.lower()}:", ""]
        items = draw(st.lists(st.tuples(terms, explanations), min_size=1, max_size=6, unique_by=lambda t: t[0]))
        style = draw(st.sampled_from(["{n}. {t}: {e}", "{n}) {t} – {e}", "- **{t}**: {e}", "• {t}: {e}", "nested"]))
        for n, (term, explanation) in enumerate(items, 1):
            expected.append((name, len(lines) + 1, term))
            if style == "nested":
                lines += [f"  {n}. {term}:", f"    • {explanation}"]
            else:
                lines.append(style.format(n=n, t=term, e=explanation))
        lines.append("")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return condition, names, expected, newline.join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles())
def test_random_articles(tmp_path, article):
    condition, names, expected, text = article
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode("utf-8"))
    try:
        decks = generate_decks(path)
    except ArticleError as exc:  # every card was flagged by the lint gate (random words restate each other)
        assert "nothing to card" in str(exc)
        return
    wanted = [f"{condition}::Overview"] + [f"{condition}::{n}" for n in names]
    assert [d.name for d in decks] == [n for n in wanted if n in {d.name for d in decks}]
    check_output(decks)
    assert lint_generated(decks, tmp_path) == []
    by_name = {d.name.split("::")[1]: d.data["cards"] for d in decks}
    for section, line, term in expected:
        cards = by_name.get(section, [])
        assert not cards or any((c["source_line"] == line or c["type"] == "list") and norm(term) in card_text(c)
                                for c in cards), (section, line, term)


line_pieces = st.sampled_from(["", "  ", "# ", "## ", "1. ", "2) ", "- ", "  • ", "    - ", "**", "Causes of Gout:", "Term: ",
                               "Rest – ", "Disclaimer:", "References", "Dr. Ann Lee, MD, is a", "a@b.co", "+1 555 010 2299",
                               "Conclusion:", "Gout is a disease.", "Bell’s", "—", ":", "?", "\t", "\u00a0", "x"])
messy_lines = st.lists(st.lists(st.one_of(line_pieces, st.text(max_size=8)), max_size=5).map("".join), max_size=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(messy_lines, st.sampled_from(["\n", "\r\n", "\r"]))
@example(["Term: ", "1. Term: 1. "], "\n")  # a section named like its term gave the answer in the question
def test_any_text_gives_decks_or_an_article_error(tmp_path, lines, newline):
    path = tmp_path / "messy.md"
    path.write_bytes(newline.join(lines).encode("utf-8", "surrogatepass"))
    try:
        decks = generate_decks(path)
    except ArticleError as exc:
        assert str(exc).startswith(f"{path}:")
        return
    check_output(decks)
    for deck in decks:
        assert "::" not in deck.name.split("::", 1)[1] or deck.name.count("::") == 1
