"""The cards of one article: per item, per section and for the overview.

After SuperMemo's rules (see docs/curation.md): a term and its explanation are one ``reverse``
note (front: the term; back: what it is) when the explanation neither names the term nor could
describe a sibling; otherwise one basic question worded by the section's content type ("How is X
performed?", "Which drug class is X?"). A cloze only where another item's term or a number (a whole
range, never a citation or an identifier) sits in an explanation. List cards hold at most
:data:`LIST_MAX` items (longer lists are split into parts) and come after the cards on their
items. No letter hints, no "how many does the article list" trivia. Ids are slugs of section +
term (+ a kind suffix): rewording keeps them. :mod:`.quality` then drops every card that
``flashcards lint`` would flag.
"""
from __future__ import annotations

import math
import re

from ..limits import MAX_LIST_ITEMS, MAX_TEXT_CHARS
from ..lint import MAX_ANSWER_WORDS
from ..lint import MAX_LIST_ITEMS as LIST_MAX
from .model import Article, Item, Section
from .prose import fact_cloze
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
    term_aliases,
)
from .wording import (
    CUE_RE,
    META_RE,
    NAMED_TERM_RE,
    NO_BENEFIT_RE,
    Wording,
    is_clause,
    kind_of,
    number_cloze,
    starts_with_verb,
)


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

    def _add(self, cards: list[dict], card: dict) -> None:
        """Add ``card`` unless its question was asked already or it would break a deck-file limit;
        its id gets a suffix (-2, -3, ...) if the deck has it already."""
        key = _key(card.get("front") or card.get("text", ""))
        if key in self.seen or not _fits(card):
            return
        self.seen.add(key)
        base, n = card["id"], 2
        while card["id"] in self.ids:
            card["id"], n = f"{base}-{n}", n + 1
        self.ids.add(card["id"])
        cards.append(card)

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
                answer = expl[m.start():m.end()]
                prefix = f"{ctx} – {item.term}: "
                if phrase_pattern(answer).search(fold(prefix + expl[:m.start()] + expl[m.end():])):
                    return None  # the answer is still visible elsewhere
                return f"{prefix}{expl[:m.start()]}{{{{c1::{answer}}}}}{expl[m.end():]}"
        return None

    @staticmethod
    def _ambiguous(item: Item, siblings: list[Item]) -> bool:
        """Could the explanation, read alone, describe a sibling too (or almost anything)?"""
        expl = item.explanation
        if len(content_stems(expl)) < 3 or re.match(r"(?:another|similar|also|same|likewise)\b", fold(expl)):
            return True
        for sib in siblings:
            if sib is item or not sib.term:
                continue
            other = sib.explanation
            if (any(phrase_pattern(a).search(fold(expl)) for a in term_aliases(sib.term))
                    or len(content_stems(sib.term) & content_stems(expl)) >= 2
                    or (bool(other) and (len(head_stems(expl) & head_stems(other)) >= 2 or jaccard(expl, other) >= 0.5))):
                return True
        return False

    def _reverse(self, item: Item, expl: str, siblings: list[Item]) -> bool:
        """Is term ↔ explanation one ``reverse`` note? Only when the explanation defines the term
        (says what it is, so the bare term is a question on its own and the explanation names
        only it): not when it names the term, could describe a sibling, fits many terms ("A common
        condition") or says what the term does for the condition ("Extra weight increases stress
        on the heel": asked one way, with the section as context) — unless the term is a named sign
        or test, which its finding defines ("Tinel's sign" ↔ "Tapping … sets off tingling")."""
        term = item.term or ""
        return (mask_term(term, expl) == expl and not self._ambiguous(item, siblings)
                and len(expl.split()) <= MAX_ANSWER_WORDS and _key(term) not in self.seen
                and not generic_definition(expl) and not NO_BENEFIT_RE.search(expl)
                and (bool(NAMED_TERM_RE.search(term)) or not (is_clause(expl) or starts_with_verb(expl))))

    def item_cards(self, sec: Section, item: Item, siblings: list[Item], cards: list[dict],
                   group: str | None = None) -> None:
        """The cards on ``item`` and its sub-items; a list card of its sub-items after them."""
        sslug = slugify(sec.name)
        ctx = self.wording.context(sec) + (f" – {group}" if group else "")
        base = f"{sslug}-{slugify(group)}-" if group else f"{sslug}-"
        tags = [sslug]
        expl = capitalize_first(item.explanation)
        line = item.explanation_line
        if item.term and expl and item.kind == "faq":
            front = item.term if self.wording.names_condition(item.term) else f"{capitalize_first(self.wording.cond)}: {item.term}"
            self._add(cards, {"id": base + slugify(item.term), "type": "basic", "front": front,
                              "back": short_answer(expl), "tags": tags, "source_line": item.line})
        elif item.term and expl and item.kind == "alias":
            self._add(cards, {"id": f"{base}{slugify(item.term)}-alias", "type": "basic",
                              "front": f"What is another name for {alias_subject(item.term)}?", "back": expl,
                              "tags": tags,
                              "source_line": line})
        elif item.term and expl:
            base += slugify(item.term)
            if self._reverse(item, expl, siblings):
                self._add(cards, {"id": base, "type": "reverse", "front": item.term, "back": expl,
                                  "tags": list(tags), "source_line": item.line})
            else:
                question = self.wording.question(sec, item)
                self._add(cards, {"id": base, "type": "basic", "front": f"{ctx}: {question}",
                                  "back": short_answer(expl), "tags": list(tags), "source_line": item.line})
            cloze = self._cloze(item, ctx) or number_cloze(f"{ctx} – {item.term}: ", expl)
            if cloze:
                self._add(cards, {"id": f"{base}-cloze", "type": "cloze", "text": cloze, "tags": list(tags),
                                  "source_line": line})
        elif expl:
            text = number_cloze(f"{ctx}: ", expl)
            if text:  # no term to name it by: its place in the list keeps the id stable under rewording
                position = next((i for i, s in enumerate(siblings, 1) if s is item), 0)
                self._add(cards, {"id": f"{base}item-{position}-cloze", "type": "cloze", "text": text,
                                  "tags": list(tags), "source_line": item.line})
        elif item.term:
            base += slugify(item.term)
        for child in item.children:
            if child.term:
                self.item_cards(sec, child, item.children + siblings, cards, group=item.term)
        if len(item.children) >= 2 and item.term and item.kind != "faq":
            termed = all(c.term for c in item.children)
            what = f"kinds of {item.term[:1].lower() + item.term[1:]}" if termed else "points"
            self._lists(cards, f"{base}-list", f"{ctx} – {item.term}", f"name the {{n}} {what} listed",
                        item.children, tags, item.line)

    def _lists(self, cards: list[dict], card_id: str, ctx: str, ask: str, items: list[Item], tags: list[str],
               line: int, whole: str | None = None) -> None:
        """One list card (``whole`` its question if given), or parts of at most :data:`LIST_MAX` items."""
        parts = math.ceil(len(items) / LIST_MAX)
        size = math.ceil(len(items) / parts)
        for k in range(parts):
            chunk = items[k * size:(k + 1) * size]
            if len(chunk) < 2:
                continue
            if parts == 1:
                front = whole or f"{ctx}: {ask.format(n=number_word(len(chunk)))}."
                cid = card_id
            else:
                front = f"{ctx} (part {k + 1} of {parts}, in the article's order): {ask.format(n=number_word(len(chunk)))}."
                cid = f"{card_id}-{k + 1}"
            self._add(cards, {"id": cid, "type": "list", "front": front, "items": [label(i) for i in chunk],
                              "tags": list(tags), "source_line": line})

    def section_cards(self, sec: Section) -> list[dict]:
        """The cards of one section: item cards in article order, then the list card(s)."""
        cards: list[dict] = []
        self.ids = set()
        sslug = slugify(sec.name)
        self.fact_cards(sec, cards)
        for item in sec.items:
            self.item_cards(sec, item, sec.items, cards)
        n = len(sec.items)
        if n >= 2 and not all(i.kind in ("faq", "definition", "alias") for i in sec.items):
            cond, prep = self.wording.cond, self.wording.prep(sec)
            ctx = self.wording.context(sec)
            here = re.search(r"\b(?:here are|these are|include|includes|the following)\s+(?:the\s+)?(?:following\s+)?"
                             r"((?:[\w-]+\s+){0,2}[\w-]+s)\s*:$", sec.intro, re.IGNORECASE)
            whole = None
            if here and not re.search(r"\d", here.group(1)) and fold(here.group(1).split()[0]) not in STOPWORDS:
                counted = fold(here.group(1).split()[0]) in NUMBER_WORDS
                whole = f"Name the {'' if counted else number_word(n) + ' '}{here.group(1)} {prep} {cond}."
            elif singular(sec.name) and ctx.startswith(sentence_case(sec.name, self.wording.keep)):
                whole = f"Name the {number_word(n)} {ctx[:1].lower() + ctx[1:]}."
            self._lists(cards, f"{sslug}-list", ctx, f"name the {{n}} {kind_of(sec.name).options} listed",
                        sec.items, [sslug], sec.line, whole)
        return cards

    def fact_cards(self, sec: Section, cards: list[dict]) -> None:
        """One cloze per fact sentence of the section's prose, the section as its context:
        "Diagnosis of X: An ultrasound scan may show a plantar fascia thicker than {{c1::4}} mm." """
        prefix = f"{self.wording.context(sec)}: "
        for line, sentence in sec.facts:
            text = fact_cloze(prefix, capitalize_first(sentence))
            answer = re.search(r"\{\{c1::(.*?)\}\}", text or "")
            if text and answer:
                self._add(cards, {"id": f"{slugify(sec.name)}-{slugify(answer.group(1))}", "type": "cloze",
                                  "text": text, "tags": [slugify(sec.name)], "source_line": line})

    def overview_cards(self) -> list[dict]:
        """The condition's definition (one reverse note) and number clozes from the lead."""
        cards: list[dict] = []
        self.ids = set()
        art, cond = self.article, self.wording.cond
        sentences = [(line, sentence) for line, para in art.lead for sentence in split_sentences(para)]
        for index, (line, sentence) in enumerate(sentences):
            if META_RE.search(sentence):
                continue
            for alias in art.aliases:
                a = r"[\s-]+".join(re.escape(w) for w in fold(alias).split())
                m = re.match(rf"^(?:the\s+)?({a})(?:\s*\([^)]*\)|,\s+(?:also (?:called|known as)|or)\s+([^,]{{2,60}}),)?"
                             r"\s+(is|are|refers to|describes|means)\s+(.+?)[.!]?$", fold(sentence))
                if m and len(fold(sentence)) == len(sentence):
                    rest = capitalize_first(sentence[m.start(4):m.end(4)]) + "."
                    if m.group(2):
                        self._add(cards, {"id": "overview-other-name", "type": "basic",
                                          "front": f"What is another name for {cond}?",
                                          "back": capitalize_first(sentence[m.start(2):m.end(2)]), "tags": ["overview"],
                                          "source_line": line})
                    if generic_definition(rest):  # "A common cause of heel pain": many answers fit
                        after = sentences[index + 1][1] if index + 1 < len(sentences) else ""
                        rest = with_mechanism(rest, after)
                    reverse = mask_term(alias, rest) == rest and len(rest.split()) <= MAX_ANSWER_WORDS \
                        and not generic_definition(rest)
                    card = {"id": "overview-definition", "type": "reverse", "front": capitalize_first(cond),
                            "back": rest} if reverse else {
                        "id": "overview-definition", "type": "basic", "front": f"What is {cond}?",
                        "back": short_answer(rest)}
                    self._add(cards, {**card, "tags": ["overview"], "source_line": line})
                    break
            else:
                prefix = "" if self.wording.names_condition(sentence) else f"{capitalize_first(cond)}: "
                text = number_cloze(prefix, sentence)
                if text:
                    answer = re.search(r"\{\{c1::(.*?)\}\}", text)
                    self._add(cards, {"id": "overview-" + slugify(answer.group(1) if answer else sentence),
                                      "type": "cloze", "text": text, "tags": ["overview"], "source_line": line})
        return cards


_GENERIC_WORDS = frozenset(["common", "frequent", "rare", "major", "leading", "main", "usual", "typical", "medical",
                            "clinical", "health", "cause", "condition", "disorder", "disease", "problem", "issue",
                            "type", "form", "kind", "source", "reason", "one", "often", "painful", "chronic",
                            "serious", "term", "name", "group", "syndrome", "affect"])
# "It happens when …", "This occurs if …", "It is caused by …": the mechanism after a definition.
_MECHANISM_RE = re.compile(r"^(?:it|this)\s+((?:usually\s+|often\s+|mostly\s+)?(?:happens|occurs|develops|arises|results|"
                           r"starts|is caused)\s+(?:when|if|because|by|from)\s+.+?)[.!]?$", re.IGNORECASE)


def generic_definition(text: str) -> bool:
    """Is ``text`` an indefinite definition that fits many terms ("A common cause of heel pain", "A disorder of
    the foot"): fewer than three content words besides "common", "cause", "condition", …?"""
    return bool(re.match(r"(?:an?|one)\s", fold(text))) and len(
        {w for w in content_stems(text) if w not in _GENERIC_WORDS}) < 3


def with_mechanism(definition: str, sentence: str) -> str:
    """``definition`` joined with the mechanism ``sentence`` that follows it, if it is one
    ("…; it happens when the plantar fascia becomes irritated"); appositives are cut to keep the
    answer short. ``definition`` unchanged otherwise."""
    m = _MECHANISM_RE.match(sentence.strip())
    if not m:
        return definition
    clause = m.group(1)
    joined = f"{definition.rstrip('.!')}; it {clause}."
    while len(joined.split()) > MAX_ANSWER_WORDS:
        shorter = re.sub(r",\s+(?:an?|the)\s+[^,;]{3,160}?,\s*", " ", clause, count=1)
        if shorter == clause:
            return definition
        clause = shorter
        joined = f"{definition.rstrip('.!')}; it {clause}."
    return joined


def alias_subject(term: str) -> str:
    """``term`` as written mid-question: a common name lower-cased, a named test or sign with
    "the" ("the empty can test"); names with capitals inside or a possessive kept."""
    if re.search(r"[A-Z]", term[1:]) or re.search(r"\w['’]s\b", term) or term[:2].isupper():
        return term
    lowered = term[:1].lower() + term[1:]
    return f"the {lowered}" if NAMED_TERM_RE.search(term) else lowered


def short_answer(text: str) -> str:
    """``text`` cut to its first sentence(s) within :data:`MAX_ANSWER_WORDS` words (at least one
    sentence; a longer first sentence is cut at a clause boundary)."""
    out: list[str] = []
    for sentence in split_sentences(text):
        if out and len(" ".join([*out, sentence]).split()) > MAX_ANSWER_WORDS:
            break
        out.append(sentence)
    answer = " ".join(out) or text
    if len(answer.split()) > MAX_ANSWER_WORDS:
        cut = [m.start() for m in re.finditer(r"[;,:]\s|\s[–—-]\s|\s\(", answer)
               if 4 <= len(answer[:m.start()].split()) <= MAX_ANSWER_WORDS]
        if cut:
            answer = answer[:cut[-1]].rstrip(" ,;:") + "."
    return answer


def _key(question: str) -> str:
    return re.sub(r"\W+", " ", fold(question)).strip()


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
