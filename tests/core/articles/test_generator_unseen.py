"""The generator on articles it has never seen: FAQ questions in sentence case, facts in prose,
weak definitions, context-free reverse fronts, questions the answer must answer."""

from __future__ import annotations

from pathlib import Path

from flashcards.core.articles import generate_decks
from flashcards.core.articles.parser import parse_article

FIXTURES = Path(__file__).parent / "fixtures"
UNSEEN = FIXTURES / "plantar-unseen.txt"


def cards_of(path: Path) -> dict[str, dict]:
    return {c["id"]: c for d in generate_decks(path) for c in d.data["cards"]}


def write(tmp_path: Path, text: str, name: str = "heel-pain.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_faq_questions_in_sentence_case_with_the_answer_on_the_next_line():
    faq = next(d for d in generate_decks(UNSEEN) if d.name.endswith("::Frequently Asked Questions")).data["cards"]
    assert [(c["type"], c["front"], c["source_line"]) for c in faq] == [
        ("basic", "Plantar fasciitis: What is the windlass test?", 47),
        ("basic", "Plantar fasciitis: Is a heel spur the cause of the pain?", 50),
        ("basic", "How long does plantar fasciitis last?", 53)]
    assert faq[2]["back"] == "Most cases improve within 6 to 12 months."
    assert faq[1]["back"].startswith("No. Heel spurs are often found in people without heel pain")


def test_faq_question_right_after_an_answer_and_long_question_lines(tmp_path):
    path = write(tmp_path, "Heel Pain\n\nHeel pain is common in runners and in people who stand all day.\n\n"
                           "FAQ\n\nCan I keep running?\nYes, if the pain stays below 3 out of 10.\n"
                           "Does ice help?\nIce eases the pain for a short while after activity.\n")
    sec = parse_article(path).sections[0]
    assert [(i.term, i.explanation) for i in sec.items] == [
        ("Can I keep running?", "Yes, if the pain stays below 3 out of 10."),
        ("Does ice help?", "Ice eases the pain for a short while after activity.")]
    # outside a FAQ section a sentence-case question line stays prose
    other = write(tmp_path, "Heel Pain\n\nHeel pain is common.\n\nCauses\n\nWhy does it hurt?\nThe fascia is irritated.\n\n"
                            "- Overuse: Long walks strain the fascia.\n- Obesity: Extra weight loads the heel.\n", "b.txt")
    causes = parse_article(other).sections[0]
    assert [i.kind for i in causes.items] == ["", ""] and causes.intro.startswith("Why does it hurt? The fascia")


def test_prose_only_sections_and_list_intros_give_number_clozes_with_their_context():
    cards = cards_of(UNSEEN)
    assert cards["diagnosis-4"]["text"] == (
        "Diagnosis of plantar fasciitis: An ultrasound scan may show a plantar fascia thicker than {{c1::4}} mm.")
    assert cards["treatment-6-to-12-months"]["text"] == (
        "Treatment for plantar fasciitis: Most people recover within {{c1::6 to 12 months}} with simple treatment.")
    assert cards["diagnosis-windlass-test"]["back"] == "The big toe is lifted to stretch the fascia."
    # the fact clozes come before the items' cards, the list cards last
    order = list(cards)
    assert order.index("treatment-6-to-12-months") < order.index("treatment-strengthening") < order.index(
        "treatment-list-1")


def test_prose_facts_only_where_the_cloze_is_unambiguous(tmp_path):
    path = write(tmp_path, "Heel Pain\n\nHeel pain is common in runners.\n\nRecovery\n\n"
                           "It settles within 6 weeks in most people. "  # points back: no cloze
                           "Between 10 and 20 percent of patients still have pain after 2 years. "  # two numbers
                           "Here are 3 things to know: "  # a count of the article's list
                           "In this article we list 4 tips. "  # meta
                           "Night splints worn for 8 weeks reduce morning pain. "  # one fact
                           "The pain is sharpest in the morning, a pattern called start-up stiffness.\n")
    cards = cards_of(path)
    outlook = [c for c in cards.values() if c["tags"] == ["recovery"]]
    assert [c["text"] for c in outlook] == [
        "Heel pain – Recovery: Night splints worn for {{c1::8}} weeks reduce morning pain.",
        "Heel pain – Recovery: The pain is sharpest in the morning, a pattern called {{c1::start-up stiffness}}."]


def test_a_prose_section_without_facts_or_definitions_still_makes_no_deck(tmp_path):
    path = write(tmp_path, "Heel Pain\n\nHeel pain is common in runners.\n\nCauses\n\n- Overuse: Long walks strain "
                           "the fascia.\n- Obesity: Extra weight loads the heel.\n\nOutlook\n\nMost people get better.\n")
    assert [d.name for d in generate_decks(path)] == ["Heel Pain::Overview", "Heel Pain::Causes"]
