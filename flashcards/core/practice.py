"""Practice tests (beyond Anki; after Quizlet's Test and Match): multiple-choice questions whose
wrong options are the answers of other cards of the same deck, then a matching round.

A practice test only reads cards: it never answers, buries or suspends one, so the FSRS
schedule and the review log stay exactly as they were. The cards it missed can be studied
afterwards as an ordinary (scheduled) session.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .models import Card, CardType

if TYPE_CHECKING:
    from .collection import Collection

#: Default size of a test: multiple-choice questions, options each (the right one included),
#: pairs in the matching round.
QUESTIONS = 10
OPTIONS = 4
MATCH_PAIRS = 5
#: Options longer than this (characters) are shortened for display.
OPTION_CHARS = 160


@dataclass(frozen=True)
class Question:
    """One multiple-choice question: ``options[correct]`` is the card's own answer."""

    card_id: int
    prompt: str
    options: tuple[str, ...]
    correct: int


@dataclass(frozen=True)
class MatchRound:
    """Terms to match with explanations: ``solution[i]`` is the index of term i's explanation."""

    card_ids: tuple[int, ...]
    terms: tuple[str, ...]
    explanations: tuple[str, ...]
    solution: tuple[int, ...]


@dataclass
class PracticeTest:
    """A test on ``deck`` and the learner's answers so far (``None``: not answered yet)."""

    deck: str
    questions: list[Question]
    match: MatchRound | None
    choices: list[int | None] = field(default_factory=list)
    pairing: list[int | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.choices = self.choices or [None] * len(self.questions)
        self.pairing = self.pairing or [None] * (len(self.match.terms) if self.match else 0)

    def choose(self, index: int, option: int) -> bool:
        """Answer question ``index`` with ``option`` (0-based); True when right."""
        question = self.questions[index]
        if not 0 <= option < len(question.options):
            raise ValueError(f"option must be 1–{len(question.options)}")
        self.choices[index] = option
        return option == question.correct

    def pair(self, term: int, explanation: int) -> None:
        """Match ``term`` with ``explanation`` (0-based; each explanation is used once)."""
        if self.match is None or not 0 <= explanation < len(self.match.explanations):
            raise ValueError("no such explanation")
        if explanation in self.pairing:
            raise ValueError("that explanation is already matched")
        self.pairing[term] = explanation

    @property
    def total(self) -> int:
        return len(self.questions) + len(self.pairing)

    @property
    def score(self) -> int:
        """Right answers: questions answered right plus terms matched right."""
        right = sum(c == q.correct for c, q in zip(self.choices, self.questions))
        if self.match:
            right += sum(p == s for p, s in zip(self.pairing, self.match.solution))
        return right

    def missed(self) -> list[int]:
        """Card ids answered wrongly or not at all, in test order, each once."""
        out = [q.card_id for c, q in zip(self.choices, self.questions) if c != q.correct]
        if self.match:
            out += [cid for cid, p, s in zip(self.match.card_ids, self.pairing, self.match.solution) if p != s]
        return list(dict.fromkeys(out))


def _pairs(cards: list[Card]) -> list[tuple[Card, str, str]]:
    """Question/answer pairs a test can ask: basic, reverse (front → back) and cloze cards."""
    out = []
    for card in cards:
        if card.suspended or card.is_reverse or card.type not in (CardType.BASIC, CardType.REVERSE, CardType.CLOZE):
            continue
        prompt, answer = card.question().strip(), card.answer().strip()
        if prompt and answer:
            out.append((card, prompt, answer))
    return out


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= OPTION_CHARS else text[: OPTION_CHARS - 1] + "…"


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def make_test(col: Collection, deck: str, questions: int = QUESTIONS, options: int = OPTIONS,
              match_pairs: int = MATCH_PAIRS, seed: int | None = None) -> PracticeTest:
    """A practice test on ``deck`` and its children (read only). Wrong options come from other
    cards of the same deck (``card.deck``), then of the rest of ``deck``'s tree when a deck has too
    few; a question needs at least one wrong option. Raises ``KeyError`` for an unknown deck and
    ``ValueError`` when the deck has fewer than two cards with distinct answers."""
    rng = random.Random(seed)
    pairs = _pairs(col.sched.cards(deck))
    if len({_key(a) for _c, _p, a in pairs}) < 2:
        raise ValueError("a practice test needs at least two cards with different answers "
                         "(basic, reverse or cloze cards)")
    rng.shuffle(pairs)
    asked = pairs[:questions]
    test_questions = []
    for card, prompt, answer in asked:
        same = [a for c, _p, a in pairs if c.deck == card.deck and _key(a) != _key(answer)]
        other = [a for c, _p, a in pairs if c.deck != card.deck and _key(a) != _key(answer)]
        wrong: list[str] = []
        for pool in (same, other):
            rng.shuffle(pool)
            for text in pool:
                if len(wrong) < options - 1 and _key(text) not in {_key(w) for w in wrong}:
                    wrong.append(text)
        shown = [_short(answer)] + [_short(w) for w in wrong]
        order = list(range(len(shown)))
        rng.shuffle(order)
        test_questions.append(Question(card.id, prompt, tuple(shown[i] for i in order), order.index(0)))
    rest = pairs[questions:] + asked                      # prefer cards the questions did not ask
    match: list[tuple[Card, str, str]] = []
    for item in rest:
        if len(match) < match_pairs and _key(item[2]) not in {_key(a) for _c, _p, a in match}:
            match.append(item)
    round_ = None
    if len(match) >= 2:
        order = list(range(len(match)))
        rng.shuffle(order)                                # explanations[k] = answer of match[order[k]]
        round_ = MatchRound(tuple(c.id for c, _p, _a in match), tuple(_short(p) for _c, p, _a in match),
                            tuple(_short(match[i][2]) for i in order), tuple(order.index(i) for i in range(len(match))))
    return PracticeTest(deck, test_questions, round_)
