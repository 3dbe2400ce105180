"""Regenerate after rewording explanations, re-import: every card keeps its id and its progress."""

from __future__ import annotations

import shutil
from pathlib import Path

from flashcards import Collection, Rating
from flashcards.core.articles import generate_decks, write_decks

SOURCE = Path(__file__).resolve().parents[3] / "resources" / "sources" / "hemifacial-spasm.txt"
EDITS = [
    ("A stroke affecting the brain can trigger spasms.", "Reduced blood flow to part of the brain may set off spasms."),
    ("An anti-seizure medication that can help control nerve impulses.", "An anticonvulsant that calms nerve firing."),
    ("• Transplanting healthy nerves to replace damaged ones.", "• Healthy nerve tissue replaces a damaged segment."),
    ("Techniques to strengthen facial muscles and improve control.", "Exercises for facial strength and control."),
    ("The most common cause, where a blood vessel presses on the facial nerve.", "An artery loop squeezing the nerve."),
]


def test_regenerate_after_rewording_keeps_ids_and_review_state(tmp_path):
    article = tmp_path / SOURCE.name
    shutil.copy(SOURCE, article)
    decks_dir = tmp_path / "decks"
    write_decks(generate_decks(article), decks_dir)
    with Collection.open(tmp_path / "c.sqlite3") as col:
        first = col.import_decks([decks_dir])
        assert not first.removed and len(first.added) == sum(
            2 if c["type"] == "reverse" else 1 for d in generate_decks(article) for c in d.data["cards"])
        reviewed = {}
        for _ in range(12):
            card = col.next_card()
            assert card is not None
            col.answer(card.id, Rating.Good)
            reviewed[(card.deck, card.key)] = card.id
        before = {(c.deck, c.key): c for c in col.cards()}

        text = article.read_text(encoding="utf-8")
        for old, new in EDITS:
            assert old in text
            text = text.replace(old, new)
        article.write_text(text, encoding="utf-8")
        write_decks(generate_decks(article), decks_dir)
        report = col.import_decks([decks_dir])

        # only a backward card goes: "Healthy nerve tissue replaces…" now names its term "Nerve Grafting",
        # so that note is asked one way only; its forward card keeps id and state
        assert report.removed == ["Hemifacial Spasm::Treatment Options/treatment-options-nerve-grafting/reverse"]
        assert any(key.endswith("/causes-stroke") for key in report.updated)
        after = {(c.deck, c.key): c for c in col.cards()}
        gone = {("Hemifacial Spasm::Treatment Options", "treatment-options-nerve-grafting/reverse")}
        assert set(before) - gone <= set(after)
        for key, card in before.items():
            if key in gone:
                continue
            assert after[key].id == card.id
            assert (after[key].state, after[key].due, after[key].stability) == (card.state, card.due, card.stability)
        for key, card_id in reviewed.items():
            if key in gone:
                continue
            assert after[key].id == card_id and after[key].last_review is not None
        assert after[("Hemifacial Spasm::Causes", "causes-stroke")].back == \
            "Reduced blood flow to part of the brain may set off spasms."
