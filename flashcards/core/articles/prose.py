"""Definitions and facts in prose: "X, also called Y, is …", "X (also known as Y) is …", "X is a …",
"… the X test, in which …", "The X test (, also called Y,) checks/suggests …"; sentences with one
number or a named sign ("…, a sign called X").

A section without a list still teaches its definitions: each becomes an item (``kind`` "definition")
and each alias one more (``kind`` "alias"). Only short, capitalised subjects count, so "It is …",
"This is …" and long clauses are skipped. :func:`fact_sentences` picks the sentences of a section's
paragraphs that make an unambiguous cloze (see ``cards.CardBuilder.fact_cards``).
"""

from __future__ import annotations

import re

from .model import Item
from .text import capitalize_first, fold, split_sentences
from .wording import META_RE, number_cloze

_ALIAS = r"(?:also (?:called|known as|termed|referred to as)|sometimes called|or|aka|a\.k\.a\.)"
DEFINITION_RE = re.compile(
    rf"^(?:The\s+(?=[a-z]))?(?P<term>[A-Za-z][\w'’-]*(?:\s+(?:[\w'’-]+)){{0,5}}?)"
    rf"(?:\s*\(\s*{_ALIAS}\s+(?P<alias1>[^()]{{2,60}})\)|,\s+{_ALIAS}\s+(?P<alias2>[^,]{{2,60}}),)?"
    r"\s+(?:is|are|refers to|describes|means)\s+"
    r"(?P<definition>(?:a|an|the|one|when|where|used|caused|characteri[sz]ed|defined|inflammation|damage|"
    r"pain|irritation|weakness|loss|stiffness)\b.{8,300}?)[.!]?$")
_NOT_TERMS = frozenset(["it", "this", "that", "these", "those", "there", "they", "he", "she", "we", "you",
                        "treatment", "surgery", "recovery", "diagnosis", "prognosis", "rest", "most", "many",
                        "some", "one", "each"])
# "… checks the windlass test, in which the big toe is lifted …": a named test or sign defined in passing.
NAMED_RE = re.compile(r"\b[Tt]he\s+(?P<term>(?:[\w'’-]+\s+){0,3}(?:test|sign|manoeuvre|maneuver|reflex))\s*,\s+"
                      r"(?:in which|where)\s+(?P<definition>[^;:]{8,200}?)\s*(?:[,;]\s|[.!]?$)")
# "The pain is worst with the first steps, a sign called first-step pain.": the name is the cloze.
CALLED_RE = re.compile(r"^(?P<body>\S.{15,}?),\s+(?P<what>(?:an?|the)\s+(?:[\w-]+\s+){0,2}(?:called|known as|termed|named))"
                       r"\s+(?P<term>[\w'’\-]+(?:\s+[\w'’\-]+){0,3})\s*(?P<end>[.!]?)$")
# "The empty can test, also called Jobe's test, checks the supraspinatus.", "The external rotation lag
# sign suggests a full-thickness tear.": what a named test or sign checks or shows, asked as a question.
_FINDING_VERBS = {"checks": "check", "tests": "test", "assesses": "assess", "examines": "examine",
                  "measures": "measure", "detects": "detect", "confirms": "confirm", "suggests": "suggest",
                  "indicates": "indicate", "identifies": "identify", "reproduces": "reproduce",
                  "provokes": "provoke", "rules out": "rule out", "stresses": "stress"}
FINDING_RE = re.compile(
    rf"^(?P<art>The|A|An)\s+(?P<term>(?:[\w'’-]+\s+){{0,4}}?(?:test|sign|manoeuvre|maneuver|reflex))"
    rf"(?:\s*,\s+{_ALIAS}\s+(?P<alias>[^,]{{2,60}}),)?"
    rf"\s+(?P<verb>{'|'.join(sorted(_FINDING_VERBS, key=len, reverse=True))})\s+(?P<object>[^;:]{{3,200}}?)[.!]?$")
_COUNT_RE = re.compile(r"\b(?:here are|there are|the following|listed|this list)\b", re.IGNORECASE)
# A sentence that starts by pointing back ("It eases …", "This test …") loses its subject on a card.
_BACK_REF_RE = re.compile(r"^(?:it|its|this|that|these|those|they|their|he|she|such|both|either|neither)\b",
                          re.IGNORECASE)


def _finding(sentence: str, line: int) -> list[Item]:
    """A named test's or sign's finding as a question item (``kind`` "faq": "What does the empty
    can test check?" → "The supraspinatus."), and its other name as an alias item."""
    m = FINDING_RE.match(sentence)
    if m is None:
        return []
    term = m.group("term").strip()
    name = term if re.search(r"[A-Z]", term[1:]) or re.search(r"\w['’]s\b", term) else term[:1].lower() + term[1:]
    question = f"What does {m.group('art').lower()} {name} {_FINDING_VERBS[m.group('verb')]}?"
    items = [Item(question, capitalize_first(m.group("object").strip()) + ".", line, line, kind="faq")]
    alias = (m.group("alias") or "").strip()
    if alias:
        items.append(Item(capitalize_first(term), alias, line, line, kind="alias"))
    return items


def definitions(paragraphs: list[tuple[int, str]]) -> list[Item]:
    """Definition (and alias) items found in ``paragraphs`` of ``(line, text)``; a named test's
    or sign's finding becomes a question item."""
    items: list[Item] = []
    seen: set[str] = set()
    for line, para in paragraphs:
        for sentence in split_sentences(para):
            found = _finding(sentence.strip(), line)
            if found and fold(found[0].term or "") not in seen:
                seen.add(fold(found[0].term or ""))
                items += found
                continue
            named = NAMED_RE.search(sentence.strip())
            if named and fold(named.group("term")) not in seen:
                seen.add(fold(named.group("term")))
                items.append(Item(capitalize_first(named.group("term")), capitalize_first(
                    named.group("definition").strip()) + ".", line, line, kind="definition"))
                continue
            m = DEFINITION_RE.match(sentence.strip())
            if not m or fold(m.group("term").split()[0]) in _NOT_TERMS:
                continue
            term = capitalize_first(m.group("term").strip())
            if fold(term) in seen or len(term) < 3:
                continue
            seen.add(fold(term))
            items.append(Item(term, capitalize_first(m.group("definition").strip()) + ".", line, line,
                              kind="definition"))
            alias = (m.group("alias1") or m.group("alias2") or "").strip()
            if alias:
                items.append(Item(term, alias, line, line, kind="alias"))
    return items


def called_cloze(prefix: str, sentence: str) -> str | None:
    """``"…, a sign called {{c1::first-step pain}}."`` after ``prefix``, or None."""
    m = CALLED_RE.match(sentence.strip())
    if not m or _BACK_REF_RE.match(sentence.strip()):
        return None
    return f"{prefix}{m.group('body')}, {m.group('what')} {{{{c1::{m.group('term')}}}}}{m.group('end') or '.'}"


def fact_cloze(prefix: str, sentence: str) -> str | None:
    """``prefix + sentence`` with its one fact as a cloze, or None when the cloze would be ambiguous:
    a sentence that points back ("It …"), a question, "in this article" talk, or more than one number."""
    sentence = sentence.strip()
    if not sentence or sentence.endswith(("?", ":")) or META_RE.search(sentence) or _BACK_REF_RE.match(sentence) \
            or _COUNT_RE.search(sentence):
        return None  # "Here are 6 common symptoms:" counts the article's list: trivia
    named = called_cloze(prefix, sentence)
    if named:
        return named
    text = number_cloze(prefix, sentence)
    if text is None or re.search(r"\d", re.sub(r"\{\{c1::.*?\}\}", "", text[len(prefix):])):
        return None  # two numbers: two facts, or a cloze whose answer depends on the other number
    return text


def fact_sentences(paragraphs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The sentences of ``paragraphs`` (``(line, text)``) that make one unambiguous cloze each, and
    that are not definitions (those become items)."""
    out = []
    for line, para in paragraphs:
        for sentence in split_sentences(para):
            if NAMED_RE.search(sentence) or DEFINITION_RE.match(sentence) or FINDING_RE.match(sentence.strip()):
                continue
            if fact_cloze("", sentence):
                out.append((line, sentence))
    return out
