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


def test_a_generic_definition_is_no_reverse_note_and_takes_the_mechanism_that_follows():
    card = cards_of(UNSEEN)["overview-definition"]
    assert card == {**card, "type": "basic", "front": "What is plantar fasciitis?",
                    "back": "A common cause of heel pain; it happens when the plantar fascia becomes irritated and thickened."}


def test_a_generic_definition_without_a_mechanism_is_asked_one_way(tmp_path):
    path = write(tmp_path, "Heel Bursitis\n\nHeel bursitis is a common cause of heel pain. Rest helps within 2 weeks.\n\n"
                           "Causes\n\n- Overuse: Long walks strain the bursa.\n- Shoes: Hard heel counters press on it.\n")
    card = cards_of(path)["overview-definition"]
    assert card == {**card, "type": "basic", "front": "What is heel bursitis?", "back": "A common cause of heel pain."}


def test_reverse_notes_only_for_definitions_else_a_question_with_context():
    cards = cards_of(UNSEEN)
    # what the item does for the condition: asked one way, with the condition and the section
    for cid, front in [("causes-overuse", "Causes of plantar fasciitis: how can overuse cause it?"),
                       ("causes-obesity", "Causes of plantar fasciitis: how can obesity cause it?"),
                       ("causes-flat-feet", "Causes of plantar fasciitis: how can flat feet cause it?"),
                       ("treatment-orthoses", "Treatment for plantar fasciitis: how can orthoses help?"),
                       ("treatment-corticosteroid-injection",
                        "Treatment for plantar fasciitis: how can corticosteroid injection help?")]:
        assert (cards[cid]["type"], cards[cid]["front"]) == ("basic", front)
    # a definition (what the term is) stays one reverse note; so does a named test defined by its finding
    assert (cards["causes-poor-footwear"]["type"], cards["causes-poor-footwear"]["back"]) == (
        "reverse", "Shoes with thin soles or no arch support.")
    assert cards["symptoms-tenderness"]["type"] == "reverse"
    assert cards["diagnosis-windlass-test"]["type"] == "reverse"
    assert [c["front"] for c in cards.values() if c["type"] == "reverse"] == [
        "Acute Plantar Fasciitis", "Poor Footwear", "Tenderness", "Windlass test"]


def test_the_question_asks_what_the_explanation_answers():
    cards = cards_of(UNSEEN)
    assert cards["treatment-shock-wave-therapy"]["front"] == "Treatment for plantar fasciitis: when is shock wave therapy used?"
    assert cards["treatment-strengthening"]["front"] == "Treatment for plantar fasciitis: what does strengthening involve?"
    assert cards["treatment-taping"]["front"] == "Treatment for plantar fasciitis: how can taping help?"  # "supports the arch"


def test_question_wording_of_gerund_subjects_acronyms_and_plurals(tmp_path):
    path = write(tmp_path, "Knee Pain\n\nKnee pain is common in older adults and in runners.\n\nTreatment\n\n"
                           "- Quadriceps Training: Building the quadriceps reduces pain and improves function.\n"
                           "- NSAIDs: Ibuprofen or naproxen may ease pain for a short time.\n"
                           "- Heel Slides: Slow heel movements that bend the knee as far as comfortable.\n")
    cards = cards_of(path)
    assert cards["treatment-quadriceps-training"]["front"] == "Treatment for knee pain: how can quadriceps training help?"
    assert cards["treatment-nsaids"]["front"] == "Treatment for knee pain: how can NSAIDs help?"
    assert cards["treatment-heel-slides"]["front"] == "Treatment for knee pain: what do heel slides involve?"


ROTATOR = FIXTURES / "rotator-unseen.md"


def test_what_a_structure_does_is_asked_as_what_it_does():
    """"Rotates the arm outwards" says what the infraspinatus does: never a reverse note whose
    back is a predicate, never "what is X?" or "why does X matter?"; a Latin singular takes "does"."""
    cards = cards_of(ROTATOR)
    anatomy = {c["back"]: c for c in cards.values() if c["id"].startswith("anatomy-") and c["type"] != "list"}
    assert {c["type"] for c in anatomy.values()} == {"basic"}
    assert anatomy["Rotates the arm outwards."]["front"].endswith("Anatomy: what does infraspinatus do?")
    assert anatomy["Rotates the arm inwards."]["front"].endswith("what does subscapularis do?")
    assert anatomy["Starts the abduction of the arm."]["front"].endswith("what does supraspinatus do?")


def test_a_treatment_said_by_its_effect_is_asked_how_it_helps_not_what_it_involves():
    cards = cards_of(ROTATOR)
    isometric = cards["management-isometric-exercises"]
    assert isometric["type"] == "basic" and isometric["front"].endswith("how can isometric exercises help?")


def test_a_treatment_that_does_not_work_is_never_asked_how_it_helps():
    """"Subacromial decompression is no better than placebo surgery": a question presupposing a
    benefit would teach one; "how well does it work?" does not, and no reverse note either."""
    cards = cards_of(ROTATOR)
    surgery, injection = cards["management-surgery"], cards["management-corticosteroid-injection"]
    assert surgery["front"].endswith("how well does surgery work?")
    assert injection["type"] == "basic" and injection["front"].endswith("how well does corticosteroid injection work?")


def test_what_a_named_test_or_sign_checks_or_shows_is_asked_from_prose():
    """Clinical-test prose without a number still teaches: "The empty can test, also called
    Jobe's test, checks the supraspinatus." → what it checks, and its other name."""
    cards = list(cards_of(ROTATOR).values())
    qa = {c["front"]: c["back"] for c in cards if c["type"] == "basic"}
    assert qa["Rotator cuff tendinopathy: What does the empty can test check?"] == "The supraspinatus."
    assert qa["Rotator cuff tendinopathy: What does the external rotation lag sign suggest?"] == \
        "A full-thickness tear of the infraspinatus."
    assert qa["What is another name for the empty can test?"] == "Jobe's test"


def test_a_finding_keeps_its_article_and_a_name_keeps_its_capitals(tmp_path):
    path = write(tmp_path, "Shoulder Impingement\n\nShoulder impingement is pain when lifting the arm.\n\n"
                           "Examination\n\nA positive Hawkins-Kennedy test suggests impingement. "
                           "The test is easy to perform.\n")
    qa = {c["front"]: c["back"] for c in cards_of(path).values() if c["type"] == "basic"}
    assert qa["Shoulder impingement: What does a positive Hawkins-Kennedy test suggest?"] == "Impingement."


def test_a_back_with_its_own_plural_subject_says_what_the_term_does():
    """"Painters and plasterers load the tendons above shoulder height" is a clause (a base-form
    verb after a plural subject), not a definition of "Overhead work": a basic question."""
    card = cards_of(ROTATOR)["risk-factors-overhead-work"]
    assert card["type"] == "basic" and card["front"].endswith("why is overhead work a risk?")
