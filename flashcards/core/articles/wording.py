"""How questions are worded: the kind of a section (causes, drugs, ...) and the article's condition."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Article, Item, Section
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
    Kind(r"risk factor", "why is {term} a risk?", "risk factor", "for"),
    Kind(r"cause|etiolog|aetiolog|trigger", "how can {term} cause it?", "cause", "of"),
    Kind(r"symptom|\bsigns?\b|presentation|features", "what is {term} like?", "symptom", "of"),
    Kind(r"diagnos|\btests?\b|exam|evaluation|screening|investigation|imaging", "what is the role of {term}?",
         "test", "of", "methods"),
    Kind(r"\bdrugs?\b|medication|medicine|pharmac", "how can {term} help?", "drug", "for", "options"),
    Kind(r"treat|therap|manag|remed|\bcare\b|exercis|stretch|self-help|relief", "how can {term} help?",
         "treatment option", "for", "options"),
    Kind(r"prevent", "how can {term} help prevent it?", "preventive measure", "of"),
    Kind(r"complication|prognosis|outlook", "what is meant by {term}?", "complication", "of"),
]
GENERIC = Kind("", "what is {term}?", "item", "")
META_RE = re.compile(r"\b(?:in this (?:article|guide|post)|this (?:article|guide|post)|we will|we'll|let's|let us|"
                     r"read on|you will learn|keep reading|below)\b", re.IGNORECASE)
CUE_RE = re.compile(r"(?:\blike|such as|similar to|including|e\.g\.|for example|especially|notably)\W+(?:\w+\W+)?$",
                    re.IGNORECASE)
NUMBER_RE = re.compile(r"\b\d+(?:[.,]\d+)?(?:\s*(?:-|–|to|and)\s*\d+(?:[.,]\d+)?)?(?:\s*(?:%|percent\b|per cent\b))?")
# A whole range with its units: "6 weeks to 9 months", "3–6%", "between 40 and 60 years".
_UNIT = (r"(?:\s*(?:%|percent\b|per cent\b|(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|mg|kg|g|ml|mm|cm|"
         r"degrees?|°|times|sessions|rep(?:etition)?s|sets|lbs?|kilos?|steps|mmhg)\b))?")
RANGE_RE = re.compile(rf"(?<![\w.-])\d+(?:[.,]\d+)?{_UNIT}\s*(?:-|–|—|to|and)\s*\d+(?:[.,]\d+)?{_UNIT}(?![\w-])",
                      re.IGNORECASE)
# A number on its own: not in an identifier ("HSV-1", "B12", "COVID-19"), a citation ("[7]") or a version.
SINGLE_RE = re.compile(r"(?<![\w.\-/\[])\d+(?:[.,]\d+)?(?:\s*(?:%|percent\b|per cent\b))?(?![\w\-/\]]|\.\d)")


def number_cloze(prefix: str, sentence: str) -> str | None:
    """``prefix + sentence`` with its first number (or whole range) as a cloze, or None: no cloze on
    a citation, an identifier or one end of a range, nor in a sentence of fewer than five words."""
    from .text import words
    if len(words(sentence)) < 5:
        return None
    m = RANGE_RE.search(sentence)
    single = SINGLE_RE.search(sentence)
    if single and (m is None or single.start() < m.start()) and not RANGE_RE.search(sentence[max(0, single.start() - 1):]):
        m = single
    if m is None or (re.search(r"\d", sentence[:m.start()]) and m is single and RANGE_RE.search(sentence)):
        return None
    return f"{prefix}{sentence[:m.start()]}{{{{c1::{m.group(0).strip()}}}}}{sentence[m.end():]}"


_AUX = ["is", "are", "was", "were", "be", "been", "can", "may", "might", "will", "could", "should", "would", "must",
        "has", "have", "had", "does", "do", "did", "cannot", "can't", "won't", "isn't", "aren't", "doesn't", "don't"]
# Verbs an explanation uses to say what a cause or treatment does ("Extra weight increases stress …"):
# counted in their -s form anywhere, in their base form only where that is rarely a noun.
_VERBS_S = ["increase", "reduce", "decrease", "put", "cause", "stretch", "support", "give", "carry", "help",
            "relieve", "improve", "prevent", "make", "lead", "affect", "damage", "set", "trigger", "show", "mean",
            "become", "occur", "happen", "result", "require", "involve", "use", "allow", "keep", "add", "place",
            "change", "limit", "protect", "block", "lower", "raise", "ease", "worsen", "weaken", "tighten",
            "irritate", "compress", "press", "strain", "load", "stiffen", "inflame", "pull", "push", "squeeze",
            "pinch", "trap", "tear", "wear", "overload", "strengthen", "stabilise", "stabilize", "absorb", "boost",
            "promote", "restore", "slow", "target", "feel", "take", "hold", "bring", "mimic", "develop", "spread",
            "radiate", "travel", "break", "provide", "produce", "lessen", "soothe", "calm", "numb", "treat", "cut",
            "rebuild", "speed", "find", "get", "build", "open", "retrain", "stop", "start", "rotate", "move",
            "abduct", "adduct", "elevate", "straighten", "assist", "check", "measure", "detect", "confirm", "assess",
            "visualise", "visualize", "identify", "examine", "explain", "teach", "avoid", "apply"]
_VERBS_BASE = frozenset(["put", "reduce", "increase", "decrease", "prevent", "improve", "relieve", "make", "affect",
                         "become", "occur", "happen", "require", "involve", "allow", "keep", "lower", "raise",
                         "ease", "worsen", "weaken", "tighten", "irritate", "compress", "overload", "strengthen",
                         "absorb", "promote", "restore", "give", "lead", "provide", "produce", "lessen", "soothe",
                         "find", "cut", "get", "rebuild", "rotate", "abduct", "adduct", "elevate", "straighten",
                         "assist", "detect", "confirm", "assess", "visualise", "visualize", "identify", "examine",
                         "explain", "teach", "avoid", "apply"])
_FINITE = frozenset(_AUX) | {v + ("es" if v.endswith(("s", "sh", "ch", "x")) else "s") for v in _VERBS_S} | {
    "carries", "sets", "puts", "stabilises", "stabilizes"}
_BASE_FORMS = frozenset(_VERBS_S)
_NOT_BEFORE_VERB = frozenset(["a", "an", "the", "this", "that", "its", "their", "his", "her", "no", "some", "any",
                             "each", "every", "more", "less", "to", "of"])
_RELATIVE_RE = re.compile(r"\b(?:that|which|who|whom|whose|where|when|while|whereas|if|because|such as|e\.g\.|"
                          r"i\.e\.)\b|\(")
NAMED_TERM_RE = re.compile(r"\b(?:sign|test|manoeuvre|maneuver|reflex|phenomenon|syndrome|scale|score|criteria)\b|"
                           r"\b(?:grade|stage|type|phase|class)\s+(?:[ivx]+|\d+|[a-d])\b|\w['’]s\b", re.IGNORECASE)


def is_clause(text: str) -> bool:
    """Does ``text`` say what something does (a finite verb outside a relative clause: "Extra weight
    increases stress on the heel", "Gives short-term relief") rather than what it is (a noun phrase:
    "An autoimmune disorder that damages the nerves", "Pain when pressing on the heel")?"""
    from .text import words
    main = _RELATIVE_RE.split(fold(text), maxsplit=1)[0]
    ws = words(main)
    for i, w in enumerate(ws):
        before = ws[i - 1] if i else ""
        if before in _NOT_BEFORE_VERB:
            continue
        if w in _FINITE or (i and w in _VERBS_BASE):
            return True
        if i and w in _BASE_FORMS and len(before) > 3 and before.endswith("s") and not before.endswith("ss"):
            return True     # after a plural subject: "Painters and plasterers load the tendons …"
    return False


def starts_with_verb(text: str) -> bool:
    """Is ``text`` a predicate without its subject ("Rotates the arm outwards", "Explain load
    management"): what the term does, said of it?"""
    from .text import words
    ws = words(fold(text))
    return bool(ws) and (ws[0] in _FINITE or ws[0] in _VERBS_BASE)


# An explanation that says a treatment does not work (the question must not presuppose it helps).
NO_BENEFIT_RE = re.compile(r"\b(?:no (?:better|more effective|long-term (?:benefit|effect))|not (?:better|"
                            r"effective|recommended|helpful)|ineffective|little (?:evidence|benefit)|no (?:evidence|"
                            r"benefit))\b", re.IGNORECASE)


def kind_of(name: str) -> Kind:
    """The question wording for a section called ``name``."""
    return next((k for k in KINDS if re.search(k.pattern, name, re.IGNORECASE)), GENERIC)


_DRUG_CLASS_RE = re.compile(
    r"^(?:it is |this is )?(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:drug|medication|medicine|agent|inhibitor|blocker|"
    r"antagonist|agonist|steroid|corticosteroid|anticonvulsant|antidepressant|relaxant|nsaid|analgesic|antibiotic|"
    r"antiviral|anti-inflammatory|painkiller|opioid|bronchodilator|injection)s?\b")
_PERFORMED_RE = re.compile(r"surger|surgical|operation|procedure|exercis|stretch|technique|manoeuvre|maneuver|"
                           r"drill|training|mobili[sz]ation|release|repair|reconstruction|injection|test\b|sign\b",
                           re.IGNORECASE)
_WHEN_RE = re.compile(r"\b(?:when|if|after|before|once|until|in (?:cases?|patients) (?:of|with|who)|for (?:people|patients) "
                      r"(?:with|who)|(?:for|in) (?:\w+ ){1,2}(?:cases|patients|people|pain|symptoms)\b|to (?:rule out|confirm|check|detect|assess|measure|exclude))\b", re.IGNORECASE)


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

    def names_condition(self, text: str) -> bool:
        """Does ``text`` name the article's condition (any of its aliases)?"""
        return any(phrase_pattern(a).search(fold(text)) for a in self.aliases)

    def question(self, sec: Section, item: Item) -> str:
        """The question for an item's term, worded by content type: "Which drug class is X?",
        "How is X performed?", "When is X used?", else the section kind's question."""
        term, expl = sentence_case(item.term or "", self.keep), fold(item.explanation)
        first = term.split(" ")[0]
        if first and not re.search(r"[A-Z]", first[1:]) and fold(first) not in self.keep and "'" not in fold(first):
            term = first[:1].lower() + term[1:]
        kind = kind_of(sec.name)
        if kind.noun == "drug" and _DRUG_CLASS_RE.match(expl):
            return f"which drug class is {term}?"
        if kind.noun in ("test", "treatment option", "drug", "preventive measure") and _WHEN_RE.search(expl) \
                and not re.match(r"\w+ly\b|by\b", expl):
            return f"when is {term} used?"
        if kind.noun in ("surgical option", "treatment option", "test") and (
                _PERFORMED_RE.search(term) or _PERFORMED_RE.search(sec.name)) and re.match(
                r"(?:\w+ing|by|through|with|lie|stand|sit|place|hold|pull|push|lift|bend|raise|lower|a surgeon|the "
                r"(?:surgeon|doctor|therapist|patient)|you)\b", expl) and not is_clause(item.explanation):
            return f"how is {term} performed?"  # not "Building the quadriceps reduces pain": that is how it helps
        clause = is_clause(item.explanation) or starts_with_verb(item.explanation)
        does = "do" if re.search(r"[^suiy]s$", term) else "does"   # not "subscapularis", "arthritis", "virus"
        if kind.noun in ("treatment option", "drug", "surgical option") and NO_BENEFIT_RE.search(expl):
            return f"how well {does} {term} work?"  # not "how can X help?" when the answer is "no better than placebo"
        if kind.noun in ("treatment option", "preventive measure") and not clause:
            return f"what {does} {term} involve?"  # "High-load strength training, …" says what, not how
        if kind is GENERIC and clause and item.kind != "row":
            if starts_with_verb(item.explanation):
                return f"what {does} {term} do?"  # "Rotates the arm outwards": says what it does
            return f"why {does} {term} matter?"  # "A high temperature … raises concern for infection"
        return kind.question.format(term=term)

    def prep(self, sec: Section) -> str:
        """The preposition between the section's noun and the condition ("of", "for")."""
        ctx = self.context(sec)
        m = re.search(rf"\b(\w+)\s+{re.escape(self.cond)}$", ctx)
        return m.group(1) if m and m.group(1) in ("of", "for", "in", "with") else kind_of(sec.name).prep or "of"
