"""How questions are worded: the kind of a section (causes, drugs, ...) and the article's condition."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Article, Section
from .text import capitalize_first, fold, phrase_pattern, sentence_case


@dataclass(frozen=True)
class Kind:
    """How to word questions for one kind of section (causes, drugs, ...)."""

    pattern: str
    question: str  # "{term}" is replaced
    noun: str  # for "which <noun> is this?" when the section name is not a plural
    prep: str  # "Drugs for X", "Causes of X"
    options: str = "items"


KINDS = [
    Kind(r"surger|surgical|operation|procedure", "what is done in {term}?", "surgical option", "for", "options"),
    Kind(r"\btypes?\b|classif|\bforms\b|\bkinds\b|variant|stage|grade", "what characterizes {term}?", "type", "of"),
    Kind(r"cause|etiolog|aetiolog|risk factor|trigger", "how can {term} contribute?", "cause", "of"),
    Kind(r"symptom|\bsigns?\b|presentation|features", "what is meant by {term}?", "symptom", "of"),
    Kind(r"diagnos|\btests?\b|exam|evaluation|screening|investigation|imaging", "what is the role of {term}?",
         "test", "of", "methods"),
    Kind(r"\bdrugs?\b|medication|medicine|pharmac", "how can {term} help?", "drug", "for", "options"),
    Kind(r"treat|therap|manag|remed|\bcare\b|exercis|stretch|self-help|relief", "how can {term} help?",
         "treatment option", "for", "options"),
    Kind(r"prevent", "how can {term} help prevent it?", "preventive measure", "of"),
    Kind(r"complication|prognosis|outlook", "what is meant by {term}?", "complication", "of"),
]
GENERIC = Kind("", "what does the article say about {term}?", "item", "")
META_RE = re.compile(r"\b(?:in this (?:article|guide|post)|this (?:article|guide|post)|we will|we'll|let's|let us|"
                     r"read on|you will learn|keep reading|below)\b", re.IGNORECASE)
CUE_RE = re.compile(r"(?:\blike|such as|similar to|including|e\.g\.|for example|especially|notably)\W+(?:\w+\W+)?$",
                    re.IGNORECASE)
NUMBER_RE = re.compile(r"\b\d+(?:[.,]\d+)?(?:\s*(?:-|–|to|and)\s*\d+(?:[.,]\d+)?)?(?:\s*(?:%|percent\b|per cent\b))?")


def kind_of(name: str) -> Kind:
    """The question wording for a section called ``name``."""
    return next((k for k in KINDS if re.search(k.pattern, name, re.IGNORECASE)), GENERIC)


class Wording:
    """Per-article wording helpers: the condition as written mid-sentence and section contexts."""

    def __init__(self, article: Article):
        self.article = article
        body = article.body
        cond = []
        for w in (re.sub(r"\s*\([^)]*\)", "", article.condition).strip() or article.condition).split():
            lower = w[:1].lower() + w[1:]
            keep = w.isupper() or "'" in fold(w) or not re.search(rf"(?<![\w'’]){re.escape(lower)}\b", body)
            cond.append(w if keep else lower)
        self.cond = " ".join(cond)
        self.keep = frozenset(fold(w) for w in cond if w[:1].isupper())
        self.aliases = article.aliases

    def context(self, sec: Section) -> str:
        """``"Causes of hemifacial spasm"``: the question prefix for a section."""
        heading = sec.heading.rstrip(":?").strip()
        question = sec.heading.rstrip().endswith("?") or re.match(r"(?:what|how|why|when|who)\b", fold(heading))
        for alias in [] if question else self.aliases:
            m = phrase_pattern(alias).search(fold(heading))
            if m and len(fold(heading)) == len(heading):
                text = heading[: m.start()] + "\0" + heading[m.end():]
                return capitalize_first(sentence_case(text, self.keep).replace("\0", self.cond))
        kind = kind_of(sec.name)
        name = sentence_case(sec.name, self.keep)
        if kind.prep:
            prep = "for" if re.search(r"\btests?\b", sec.name, re.IGNORECASE) else kind.prep
            return f"{name} {prep} {self.cond}"
        return f"{capitalize_first(self.cond)} – {name}"

    def prep(self, sec: Section) -> str:
        """The preposition between the section's noun and the condition ("of", "for")."""
        ctx = self.context(sec)
        m = re.search(rf"\b(\w+)\s+{re.escape(self.cond)}$", ctx)
        return m.group(1) if m and m.group(1) in ("of", "for", "in", "with") else kind_of(sec.name).prep or "of"
