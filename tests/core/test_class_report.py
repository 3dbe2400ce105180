"""Progress files and the class report built from a folder of them."""

from __future__ import annotations

import json
import random
from datetime import timedelta
from pathlib import Path

import pytest

from flashcards import Collection
from flashcards.core.class_report import build_class_report, questions_of, summarise
from flashcards.core.progress_file import (
    ProgressFileError,
    export_progress,
    read_folder,
    read_progress,
)

from .conftest import T0, make_deck


def _student(tmp_path: Path, name: str, seed: int, skill: float) -> Path:
    rng = random.Random(seed)
    with Collection.open(tmp_path / name / "c.sqlite3") as col:
        col.update_settings(timezone="UTC", fuzz=False)
        deck_dir = tmp_path / name / "decks"
        deck_dir.mkdir()
        col.import_decks([make_deck(deck_dir / "a.yaml", "Course::Anatomy", 8, "a"),
                          make_deck(deck_dir / "b.yaml", "Course::Physiology", 6, "p")])
        now = T0 - timedelta(days=30)
        for card in col.cards()[:10]:
            for _ in range(3):
                now += timedelta(hours=20)
                col.answer(card.id, 3 if rng.random() < skill else 1, now=now)
        out = tmp_path / "class" / f"{name}.json"
        out.parent.mkdir(exist_ok=True)
        assert export_progress(col, out, now=T0) == 14
    return out


def test_a_progress_file_holds_ids_times_and_ratings_but_no_card_text(tmp_path: Path) -> None:
    path = _student(tmp_path, "anna", 1, 0.9)
    text = path.read_text(encoding="utf-8")
    assert "Question" not in text and "Answer" not in text                 # no card text
    data = json.loads(text)
    card = data["cards"][0]
    assert set(card) == {"deck", "key", "state", "stability", "difficulty", "last_review", "reps", "lapses",
                         "leech", "suspended", "reviews"}
    assert all(len(r) == 2 and r[1] in (1, 2, 3, 4) for r in card["reviews"])
    assert read_progress(path).name == "anna"


def test_the_class_report_has_mastery_per_section_and_weakest_cards(tmp_path: Path) -> None:
    _student(tmp_path, "anna", 1, 0.95)
    _student(tmp_path, "ben", 2, 0.4)
    (tmp_path / "class" / "notes.json").write_text('{"format": "something else"}', encoding="utf-8")
    html, report = build_class_report(tmp_path / "class", now=T0)
    assert [s.name for s in report.students] == ["anna", "ben"]
    assert [s.deck for s in report.sections] == ["Course::Anatomy", "Course::Physiology"]
    anatomy = report.sections[0]
    assert (anatomy.students, anatomy.cards) == (2, 16) and 0 < anatomy.mean_recall < 1
    anna, ben = report.students
    assert anna.mean_recall > ben.mean_recall and ben.weakest
    assert report.weakest and report.weakest[0].mean_recall <= report.weakest[-1].mean_recall
    assert report.problems == [f"{tmp_path / 'class' / 'notes.json'}: not a Flashcards progress file"]
    assert "Mastery per section" in html and "<svg" in html and "ben" in html


def test_card_text_from_the_instructors_collection_is_escaped(tmp_path: Path) -> None:
    _student(tmp_path, "ben", 2, 0.3)
    with Collection.open(tmp_path / "teacher.sqlite3") as col:
        deck = tmp_path / "t.yaml"
        deck.write_text('deck: "Course::Anatomy"\ncards:\n' + "".join(
            f'  - id: a{i}\n    front: "<b>Bone {i}</b>"\n    back: "x"\n' for i in range(8)), encoding="utf-8")
        col.import_decks([deck])
        html, _ = build_class_report(tmp_path / "class", now=T0, questions=questions_of(col))
    assert "&lt;b&gt;Bone" in html and "<b>Bone" not in html


def test_an_empty_folder_gives_an_empty_report_and_a_missing_one_an_error(tmp_path: Path) -> None:
    html, report = build_class_report(tmp_path, now=T0)
    assert report.students == [] and "No progress files" in html
    with pytest.raises(FileNotFoundError):
        read_folder(tmp_path / "missing")
    assert summarise([], T0).mean_recall is None


@pytest.mark.parametrize("content, message", [
    ("not json", "not JSON"), ('{"format": "flashcards-progress", "version": 9}', "version 9"),
    (('{"format": "flashcards-progress", "version": 1, "exported": 1, "desired_retention": 0.9, '
     '"cards": [{"deck": "D", "key": "k", "state": 7}]}'), "card 1 is malformed")])
def test_a_bad_progress_file_is_refused_with_its_path(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProgressFileError, match=message) as caught:
        read_progress(path)
    assert str(caught.value).startswith(f"{path}: ")
