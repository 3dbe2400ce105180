"""Card-quality checks: each check flags a bad card and passes a good one; the CLI's output."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashcards.cli import main
from flashcards.core.deckfile import NoteSpec
from flashcards.core.lint import (
    answer_part,
    content_words,
    lint_note,
    lint_paths,
)

CONTEXT = frozenset(content_words("Hemifacial Spasm Causes"))


def basic(front: str, back: str, id: str = "a") -> NoteSpec:
    return NoteSpec(id=id, type="basic", front=front, back=back, line=3)


def messages(note: NoteSpec) -> str:
    return " | ".join(lint_note(note, CONTEXT))


def deck_findings(tmp_path: Path, cards: str) -> list[str]:
    path = tmp_path / "d.yaml"
    path.write_text('deck: "Hemifacial Spasm::Causes"\ncards:\n' + cards, encoding="utf-8")
    _, errors, findings = lint_paths([path])
    assert errors == []
    return [str(f) for f in findings]


def test_good_cards_have_no_findings() -> None:
    assert messages(basic("What is the most common cause of hemifacial spasm?",
                          "Neurovascular compression: an artery pressing on the facial nerve.")) == ""
    assert messages(basic("Which imaging test is key?", "MRI")) == ""
    assert messages(NoteSpec(id="c", type="cloze", line=1,
                             text="{{c1::Microvascular decompression}} relieves pressure on the nerve.")) == ""


def test_give_away_in_a_basic_and_a_reverse_card() -> None:
    assert "give-away" in messages(basic("Which nerve, the facial nerve or the optic nerve, is affected?",
                                         "The facial nerve"))
    assert "give-away" not in messages(basic("Which nerve is affected?", "The facial nerve (VII)"))
    rev = NoteSpec(id="r", type="reverse", front="Facial nerve palsy", back="Weakness of the facial nerve palsy",
                   line=1)
    assert "give-away" in messages(rev)


def test_give_away_in_a_cloze() -> None:
    assert "give-away" in messages(NoteSpec(id="c", type="cloze", line=1,
                                            text="{{c1::Tumors}} such as tumors near the nerve."))
    assert "give-away" not in messages(NoteSpec(id="c", type="cloze", line=1,
                                                text="A {{c1::tumour}} can press on the facial nerve."))


@pytest.mark.parametrize("front", ["Which cause is this? (starts with “He”)", "Which drug? (Ca…)",
                                   "The h___ is injured", "Its first letter is T: which cause?"])
def test_letter_hints(front: str) -> None:
    assert "letter hint" in messages(basic(front, "Head trauma"))


def test_no_letter_hint_in_a_plain_question_or_a_plain_blank() -> None:
    assert "letter hint" not in messages(basic("Injuries to the ___ can damage the facial nerve: which?",
                                               "Head trauma"))
    assert "letter hint" in messages(NoteSpec(id="c", type="cloze", line=1,
                                              text="{{c1::Carbamazepine::Ca...}} is an anti-seizure drug."))


def test_two_blanks_in_a_stem() -> None:
    assert "two or more blanks" in messages(basic("Some individuals experience mild ___ or ___.",
                                                  "Discomfort or pain"))
    assert "two or more blanks" not in messages(basic("Some individuals experience mild ___.", "Discomfort"))
    assert "two or more blanks" in messages(NoteSpec(id="c", type="cloze", line=1,
                                                     text="{{c1::MRI}} and {{c1::MRA}} show the artery."))


def test_cloze_on_citations_identifiers_and_half_a_range() -> None:
    def cloze(text: str) -> str:
        return messages(NoteSpec(id="c", type="cloze", text=text, line=1))

    assert "citation" in cloze("Botulinum toxin works in most patients [{{c1::7}}].")
    assert "identifier" in cloze("Bell's palsy is linked with {{c1::HSV-1}} infection.")
    assert "half a range" in cloze("Recovery takes 6 weeks to {{c1::9}} months.")
    assert "half a range" in cloze("Recovery takes {{c1::6}} to 9 months.")
    assert cloze("Recovery takes {{c1::6 weeks to 9 months}}.") == ""
    assert cloze("Injections are repeated every {{c1::3}} months.") == ""


def test_duplicate_questions_and_answers_in_a_deck(tmp_path: Path) -> None:
    found = deck_findings(tmp_path, """\
  - {id: a, front: "Which artery compresses the nerve?", back: "AICA or PICA"}
  - {id: b, front: "Which artery compresses the nerve?", back: "The vertebral artery, sometimes"}
  - {id: c, front: "Which vessels loop onto the facial nerve?", back: "AICA or PICA"}
""")
    assert any(":4: card 'b': duplicate question (also asked by card 'a')" in f for f in found), found
    assert any("card 'c': duplicate answer (card 'a'" in f for f in found), found
    assert deck_findings(tmp_path, """\
  - {id: a, front: "Which artery compresses the nerve?", back: "AICA or PICA"}
  - {id: b, front: "Where does it press?", back: "At the root exit zone"}
""") == []


def test_one_fact_split_over_two_notes(tmp_path: Path) -> None:
    found = deck_findings(tmp_path, """\
  - {id: a, front: "What is neurectomy?", back: "Cutting out a segment of a nerve"}
  - {id: b, front: "Which operation is this? Cutting out a segment of a nerve", back: "Neurectomy"}
""")
    assert any("card 'b': one fact split over two notes (with card 'a')" in f for f in found), found
    assert deck_findings(tmp_path, """\
  - {id: a, type: reverse, front: "Neurectomy", back: "Cutting out a segment of a nerve"}
""") == []


def test_answer_that_only_restates_the_term() -> None:
    assert "restates" in messages(basic("How can stress contribute?", "Emotional stress"))
    assert "restates" not in messages(basic("How does emotional stress affect the spasms?",
                                            "It aggravates them: more frequent and stronger spasms."))


def test_long_answers_and_asides() -> None:
    long = " ".join(["word"] * 26)
    assert "long answer (26 words" in messages(basic("What is it?", long))
    short = "Short answer of a few words.\n\nThe article says something else here " + long
    assert answer_part(short) == "Short answer of a few words."
    assert "long answer" not in messages(basic("What is it?", short))


def test_big_lists() -> None:
    items = tuple(f"item {i}" for i in range(8))
    assert "list of 8 items" in messages(NoteSpec(id="l", type="list", front="Name them.", items=items, line=1))
    assert messages(NoteSpec(id="l", type="list", front="Name them.", items=items[:7], line=1)) == ""


def test_how_many_trivia() -> None:
    assert "trivia" in messages(basic("How many potential causes does the article list?", "20"))
    assert "trivia" not in messages(basic("How many months does a botulinum toxin injection last?",
                                          "About three months"))


def test_lint_deck_reports_path_line_and_id(tmp_path: Path) -> None:
    found = deck_findings(tmp_path, """\
  - id: ok
    front: "What is the most common cause?"
    back: "An artery pressing on the facial nerve"
  - id: hint
    front: "Which cause is this? (starts with T)"
    back: "Tumour"
""")
    expected = f"{tmp_path / 'd.yaml'}:6: card 'hint': letter hint in the question: recall the fact, not its spelling"
    assert found == [expected]


def test_cli_lint_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.yaml"
    good.write_text('deck: D\ncards:\n  - {id: a, front: "Which test is key?", back: "MRI"}\n', encoding="utf-8")
    assert main(["lint", str(good)]) == 0
    assert capsys.readouterr().out.strip() == "ok: 1 cards, no findings"
    bad = tmp_path / "bad.yaml"
    bad.write_text('deck: D\ncards:\n  - {id: a, front: "How many causes does the article list?", back: "20"}\n',
                   encoding="utf-8")
    assert main(["lint", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"{bad}:3: card 'a': trivia") and "1 finding(s)" in err
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text("deck: D\n", encoding="utf-8")
    assert main(["lint", str(invalid)]) == 1
    assert "missing field 'cards'" in capsys.readouterr().err
