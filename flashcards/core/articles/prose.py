"""Definitions in prose: "X, also called Y, is …", "X (also known as Y) is …", "X is a …".

A section without a list still teaches its definitions: each becomes an item (``kind`` "definition")
and each alias one more (``kind`` "alias"). Only short, capitalised subjects count, so "It is …",
"This is …" and long clauses are skipped.
"""

from __future__ import annotations

import re

from .model import Item
from .text import capitalize_first, fold, split_sentences

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


def definitions(paragraphs: list[tuple[int, str]]) -> list[Item]:
    """Definition (and alias) items found in ``paragraphs`` of ``(line, text)``."""
    items: list[Item] = []
    seen: set[str] = set()
    for line, para in paragraphs:
        for sentence in split_sentences(para):
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
