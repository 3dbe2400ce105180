"""The cards of one article: per item, per section and for the overview.

Cards follow the minimum-information principle: per item a term → explanation card, an
explanation → term card only where the explanation neither names the term nor could describe a
sibling, a cloze where a key term sits in the explanation, one self-checked list card per
section (and per nested group), and a "how many" card for every count the article states.
Questions carry their section ("Surgery for X: ..."), so a term listed in two sections gives two
distinct questions. Ids are slugs of section + term (+ a kind suffix): rewording keeps them.
"""
from __future__ import annotations

import re

from ..limits import MAX_LIST_ITEMS, MAX_TEXT_CHARS
from .model import Article, Item, Section
from .text import (
    NUMBER_WORDS,
    STOPWORDS,
    capitalize_first,
    content_stems,
    fold,
    head_stems,
    jaccard,
    mask_term,
    number_word,
    phrase_pattern,
    sentence_case,
    singular,
    slugify,
    split_sentences,
    stem,
    term_aliases,
    words,
)
from .wording import CUE_RE, META_RE, NUMBER_RE, Wording, kind_of


class CardBuilder:
    """Builds the cards of one article; remembers questions to avoid exact duplicates."""

    def __init__(self, article: Article):
        self.article = article
        self.wording = Wording(article)
        self.seen: set[str] = set()
        self.ids: set[str] = set()  # ids in the deck being built
        self.terms: list[tuple[str, Item]] = sorted(
            ((alias, item) for sec in article.sections for item in walk(sec.items) if item.term
             for alias in term_aliases(item.term)), key=lambda p: -len(p[0]))

    # -- helpers -----------------------------------------------------------------------------
    def _add(self, cards: list[dict], card: dict, at: int | None = None) -> None:
        """Add ``card`` unless its question was asked already or it would break a deck-file limit;
        its id gets a suffix (-2, -3, ...) if the deck has it already."""
        key = re.sub(r"\W+", " ", fold(card.get("front") or card.get("text", ""))).strip()
        if key in self.seen or not _fits(card):
            return
        self.seen.add(key)
        base, n = card["id"], 2
        while card["id"] in self.ids:
            card["id"], n = f"{base}-{n}", n + 1
        self.ids.add(card["id"])
        if at is None:
            cards.append(card)
        else:
            cards.insert(at, card)

    def _cloze(self, item: Item, ctx: str) -> str | None:
        """A cloze on another item's term that sits in this item's explanation ("like {{c1::Botox}}")."""
        expl = item.explanation
        low = fold(expl)
        if len(low) != len(expl) or not item.term:
            return None
        own = term_aliases(item.term)
        for alias, other in self.terms:
            if other is item or alias in own or fold(alias) in fold(item.term):
                continue
            m = phrase_pattern(alias).search(low)
            if not m:
                continue
            capital = expl[m.start()].isupper() and m.start() > 0 and not re.search(r"[.!?]\s*$", expl[: m.start()])
            if len(alias.split()) > 1 or capital or CUE_RE.search(expl[: m.start()]) or alias.isupper():
                return self._cloze_text(f"{ctx} – {item.term}: ", expl, m.start(), m.end())
        return None

    @staticmethod
    def _cloze_text(prefix: str, text: str, start: int, end: int) -> str | None:
        answer = text[start:end]
        rest = prefix + text[:start] + text[end:]
        if phrase_pattern(answer).search(fold(rest)):
            return None  # the answer is still visible elsewhere
        return f"{prefix}{text[:start]}{{{{c1::{answer}}}}}{text[end:]}"

    def _recall(self, item: Item, siblings: list[Item], ctx: str, noun: str) -> str:
        """"Which cause is this? “…”": the explanation with the term's words masked, plus a
        first-letters hint when the description could also fit a sibling."""
        term = item.term or ""
        ctx = self._context_without(term, ctx)
        masked = mask_term(term, item.explanation)
        hint = len(content_stems(masked.replace("___", " "))) < 3
        for sib in siblings:
            if sib is item or not sib.term or hint:
                continue
            other = sib.explanation
            hint = (any(phrase_pattern(a).search(fold(masked)) for a in term_aliases(sib.term))  # "Similar to Gabapentin"
                    or len(content_stems(sib.term) & content_stems(masked)) >= 2  # would fit "Blood Vessel ..."
                    or bool(other) and (len(head_stems(masked) & head_stems(other)) >= 2 or jaccard(masked, other) >= 0.5))
        hint = hint or bool(re.match(r"(?:another|similar|also|same|likewise)\b", fold(masked)))
        shown = capitalize_first(masked) if masked[:1].isalpha() else masked
        front = f"{ctx}: which {noun} is this? “{shown.rstrip()}”"
        if hint:
            names = [fold(s.term) for s in siblings if s.term and s is not item]
            k = next((k for k in range(1, len(term) + 1) if not any(n.startswith(fold(term[:k])) for n in names)),
                     len(term))
            k = max(k, 1) + (term[max(k, 1) - 1:max(k, 1)] == " ")
            if k <= len(term) // 2 or k <= 2 < len(term):
                front += f" (starts with “{term[:k]}”)"
            else:  # a prefix would give most of it away
                count = len(term.split())
                front += f" ({number_word(count)} word{'s' if count > 1 else ''}, {len(term.replace(' ', ''))} letters)"
        return front

    def _context_without(self, term: str, ctx: str) -> str:
        """``ctx`` unless it names ``term`` (a section or group called like the term would give the
        answer away in its own question): then only the condition, masked too if it names the term."""
        if not any(phrase_pattern(a).search(fold(ctx)) for a in term_aliases(term)):
            return ctx
        ctx = capitalize_first(self.wording.cond)
        if any(phrase_pattern(a).search(fold(ctx)) for a in term_aliases(term)):
            ctx = mask_term(term, ctx)
        return ctx

    # -- cards -------------------------------------------------------------------------------
    def item_cards(self, sec: Section, item: Item, siblings: list[Item], cards: list[dict],
                   group: str | None = None) -> None:
        kind = kind_of(sec.name)
        sslug = slugify(sec.name)
        ctx = self.wording.context(sec) + (f" – {group}" if group else "")
        base = f"{sslug}-{slugify(group)}-" if group else f"{sslug}-"
        tags = [sslug]
        expl = capitalize_first(item.explanation)
        if item.term:
            base += slugify(item.term)
            if expl:
                self._add(cards, {"id": base, "type": "basic", "front": f"{ctx}: {kind.question.format(term=item.term)}",
                                  "back": expl, "tags": list(tags), "source_line": item.line})
                noun = (singular(sentence_case(sec.name, self.wording.keep).lower()) if not group else None)
                noun = noun or ((singular(group.lower()) or group.lower()) if group else kind.noun)
                if content_stems(item.term) <= content_stems(noun):
                    noun = "item"  # "which exercise is this?" would name the answer "Exercise"
                front = self._superlative(sec, item) or self._recall(item, siblings, ctx, noun)
                self._add(cards, {"id": f"{base}-term", "type": "basic", "front": front, "back": item.term,
                                  "tags": list(tags), "source_line": item.explanation_line})
                cloze = self._cloze(item, ctx) or self._number_cloze(f"{ctx} – {item.term}: ", expl)
                if cloze:
                    self._add(cards, {"id": f"{base}-cloze", "type": "cloze", "text": cloze, "tags": list(tags),
                                      "source_line": item.explanation_line})
        elif expl:
            text = self._number_cloze(f"{ctx}: ", expl)
            if text:  # no term to name it by: its place in the list keeps the id stable under rewording
                position = next((i for i, s in enumerate(siblings, 1) if s is item), 0)
                self._add(cards, {"id": f"{base}item-{position}-cloze", "type": "cloze", "text": text,
                                  "tags": list(tags), "source_line": item.line})
        if len(item.children) >= 2 and item.term:
            termed = all(c.term for c in item.children)
            what = f"kinds of {item.term[:1].lower() + item.term[1:]}" if termed else "points"
            self._add(cards, {"id": f"{base}-list", "type": "list",
                              "front": f"{ctx} – {item.term}: name the {number_word(len(item.children))} {what} listed.",
                              "items": [label(c) for c in item.children], "tags": list(tags),
                              "source_line": item.line})
        for child in item.children:
            if child.term:
                self.item_cards(sec, child, item.children + siblings, cards, group=item.term)

    def _superlative(self, sec: Section, item: Item) -> str | None:
        """"What is the most common cause of X?" when the explanation starts "The most common cause"."""
        m = re.match(r"^(?:it is |this is )?the (most common|commonest|most frequent|leading|main|most effective|"
                     r"first-line|most serious|earliest) ([a-z-]+)\b", fold(item.explanation))
        if not m or stem(m.group(2)) not in content_stems(sec.name) | {stem(kind_of(sec.name).noun.split()[-1])}:
            return None
        return f"What is the {m.group(1)} {m.group(2)} {self.wording.prep(sec)} {self.wording.cond}?"

    @staticmethod
    def _number_cloze(prefix: str, sentence: str) -> str | None:
        m = NUMBER_RE.search(sentence)
        if not m or len(words(sentence)) < 5:
            return None
        return f"{prefix}{sentence[:m.start()]}{{{{c1::{m.group(0)}}}}}{sentence[m.end():]}"

    def section_cards(self, sec: Section) -> list[dict]:
        cards: list[dict] = []
        self.ids = set()
        sslug = slugify(sec.name)
        for item in sec.items:
            self.item_cards(sec, item, sec.items, cards)
        stated = self._stated_count(sec)
        n = len(sec.items)
        cond, prep = self.wording.cond, self.wording.prep(sec)
        if n >= 2:
            ctx = self.wording.context(sec)
            here = re.search(r"\b(?:here are|these are|include|includes|the following)\s+(?:the\s+)?(?:following\s+)?"
                             r"((?:[\w-]+\s+){0,2}[\w-]+s)\s*:$", sec.intro, re.IGNORECASE)
            if stated and stated[0] == n:
                front = f"Name the {stated[2]} {stated[1]} {prep} {cond}."
            elif here and not re.search(r"\d", here.group(1)) and fold(here.group(1).split()[0]) not in STOPWORDS:
                front = f"Name the {number_word(n)} {here.group(1)} {prep} {cond}."
            elif singular(sec.name) and ctx.startswith(sentence_case(sec.name, self.wording.keep)):
                front = f"Name the {number_word(n)} {ctx[:1].lower() + ctx[1:]}."
            else:
                front = f"{ctx}: name the {number_word(n)} {kind_of(sec.name).options} listed."
            self._add(cards, {"id": f"{sslug}-list", "type": "list", "front": front,
                              "items": [label(i) for i in sec.items], "tags": [sslug], "source_line": sec.line}, at=0)
        if stated:
            self._add(cards, {"id": f"{sslug}-count", "type": "basic",
                              "front": f"How many {re.sub(r'^most ', '', stated[1])} {prep} {cond} does the article list?",
                              "back": str(stated[0]), "tags": [sslug], "source_line": sec.intro_line or sec.line})
        return cards

    def _stated_count(self, sec: Section) -> tuple[int, str, str] | None:
        """``(20, "potential causes", "20")`` when the intro says "Here are 20 potential causes"."""
        names = content_stems(sec.name) | {stem(w) for w in words(kind_of(sec.name).noun)}
        for m in re.finditer(r"\b(\d{1,3}|" + "|".join(NUMBER_WORDS) + r")\s+((?:[a-z-]+\s+){0,2}[a-z-]+)",
                             sec.intro, re.IGNORECASE):
            phrase = m.group(2).split()
            for end in range(len(phrase), 0, -1):
                if stem(fold(phrase[end - 1])) in names and fold(phrase[end - 1]).endswith("s"):
                    num = m.group(1)
                    value = int(num) if num.isdigit() else NUMBER_WORDS[fold(num)]
                    if value >= 2:
                        return value, " ".join(phrase[:end]), num if num.isdigit() or value < 10 else str(value)
        return None

    def overview_cards(self) -> list[dict]:
        cards: list[dict] = []
        self.ids = set()
        art, cond = self.article, self.wording.cond
        for line, para in art.lead:
            for sentence in split_sentences(para):
                if META_RE.search(sentence):
                    continue
                for alias in art.aliases:
                    a = r"[\s-]+".join(re.escape(w) for w in fold(alias).split())
                    m = re.match(rf"^(?:the\s+)?({a})(?:\s*\([^)]*\))?\s+(is|are|refers to|describes|means)\s+(.+?)[.!]?$",
                                 fold(sentence))
                    if m and len(fold(sentence)) == len(sentence):
                        rest = sentence[m.start(3):m.end(3)]
                        self._add(cards, {"id": "overview-definition", "type": "basic", "front": f"What is {cond}?",
                                          "back": capitalize_first(rest) + ".", "tags": ["overview"],
                                          "source_line": line})
                        self._add(cards, {"id": "overview-definition-cloze", "type": "cloze",
                                          "text": sentence[:m.start(1)] + "{{c1::" + sentence[m.start(1):m.end(1)]
                                          + "}}" + sentence[m.end(1):], "tags": ["overview"], "source_line": line})
                        break
                else:
                    prefix = "" if any(phrase_pattern(a).search(fold(sentence)) for a in art.aliases) \
                        else f"{capitalize_first(cond)}: "
                    text = self._number_cloze(prefix, sentence)
                    if text:
                        answer = re.search(r"\{\{c1::(.*?)\}\}", text)
                        self._add(cards, {"id": "overview-" + slugify(answer.group(1) if answer else sentence),
                                          "type": "cloze", "text": text, "tags": ["overview"], "source_line": line})
        return cards


def walk(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for item in items:
        out.append(item)
        out.extend(walk(item.children))
    return out


def label(item: Item) -> str:
    return item.term or item.explanation


def _fits(card: dict) -> bool:
    """The card is within the deck-file limits (a 200,000-character explanation makes no card)."""
    texts = [card.get(k, "") for k in ("front", "back", "text")] + list(card.get("items", ()))
    if any(len(t) > MAX_TEXT_CHARS for t in texts):
        return False
    return "items" not in card or 2 <= len(card["items"]) <= MAX_LIST_ITEMS
