"""Words, stems, slugs and phrase matching: the text helpers the parser and the card builder share."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"',
                         "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "\u00a0": " "})
STOPWORDS = frozenset(
    ["a", "an", "the", "of", "for", "and", "or", "in", "on", "to", "with", "by", "at", "from", "as", "is", "are", "was", "were", "be", "been", "can", "may", "might", "will", "that", "this", "these", "those", "it", "its", "into", "than", "then", "such", "like", "other", "any", "some", "more", "most", "very", "also", "not", "which", "who", "whom", "whose", "when", "where", "how", "what", "why", "do", "does", "used", "use", "using", "help", "helps"])


def fold(text: str) -> str:
    """Lower-case ``text`` with typographic quotes and dashes made ASCII (for matching)."""
    return text.translate(_QUOTES).casefold()


def slugify(text: str, max_len: int = 48) -> str:
    """``"Bell’s Palsy (BP)"`` → ``"bells-palsy-bp"``: ASCII, ``[a-z0-9-]``, cut at a word."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_QUOTES)).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"(?<=\w)'(?=\w)", "", ascii_text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0] if "-" in slug[:max_len] else slug[:max_len]
    return slug or "item"


def words(text: str) -> list[str]:
    """The folded words of ``text`` (letters, digits, inner apostrophes and hyphens)."""
    return re.findall(r"[a-z0-9]+(?:['-][a-z0-9]+)*", fold(text))


def stem(word: str) -> str:
    """A crude stem so that "tumors" and "tumor" or "relaxants"/"relaxant" match."""
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith(("ss", "sis", "us")):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def content_stems(text: str) -> set[str]:
    """Stems of the words of ``text`` that carry meaning (no stop words, at least 3 letters)."""
    return {stem(w) for w in words(text) if w not in STOPWORDS and len(w) >= 3}


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A pattern for ``phrase`` as whole words, tolerant of plural endings and of
    typographic quotes and dashes; match it against :func:`fold`-ed text."""
    parts = []
    for w in words(phrase):
        s = stem(w)
        parts.append(re.escape(s[:-1]) + "(?:y|ies)" if s.endswith("y") else re.escape(s) + "(?:s|es)?")
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w'-])" + r"[\s-]+".join(parts) + r"(?![\w-])")


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences (keeps "Dr. Smith", "e.g. this" and "3.5" together)."""
    parts = re.split(r"(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bvs\.)(?<!\bProf\.)(?<!\bSt\.)(?<!\bMd\.)"
                     r"(?<!\be\.g\.)(?<!\bi\.e\.)(?<=[.!?])\s+(?=[\"“‘(]?[A-Z0-9])", text.strip())
    return [p.strip() for p in parts if p.strip()]


def sentence_case(text: str, keep: frozenset[str] = frozenset()) -> str:
    """``"Diagnostic Tests"`` → ``"Diagnostic tests"``; keeps acronyms and words in ``keep``."""
    out = []
    for i, word in enumerate(text.split(" ")):
        if i and not (word.isupper() and len(word) > 1) and fold(word) not in keep \
                and not re.search(r"[A-Z].*[A-Z]|\d", word[1:]) and "'" not in word.translate(_QUOTES):
            word = word[:1].lower() + word[1:]
        out.append(word)
    return " ".join(out)


def capitalize_first(text: str) -> str:
    """Upper-case the first letter only (``"mRNA"`` style words after it are untouched)."""
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
    return text


def number_word(n: int) -> str:
    """``2`` → ``"two"`` for one to nine, digits otherwise."""
    names = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    return names[n] if 0 < n < 10 else str(n)


NUMBER_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}


def singular(phrase: str) -> str | None:
    if re.search(r"\band\b|&|,", phrase):
        return None
    last = phrase.rsplit(maxsplit=1)[-1] if phrase.split() else ""
    if not re.search(r"[^s]s$", last) or re.search(r"(?:sis|us|ss)$", last):
        return None
    base = last[:-3] + "y" if last.endswith("ies") else last[:-1]
    return " ".join([*phrase.split()[:-1], base])


def term_aliases(term: str) -> list[str]:
    out = {term}
    m = re.match(r"^(.*?)\s*\(([^)]+)\)\s*(.*)$", term)
    if m:
        out |= {f"{m.group(1)} {m.group(3)}".strip(), m.group(1).strip(), m.group(2).strip()}
    return sorted((a for a in out if words(a)), key=len, reverse=True)


def mask_term(term: str, text: str) -> str:
    """``text`` with every word that names ``term`` (or spells out its acronym) replaced by ``___``."""
    stems = content_stems(term)
    acronyms = list(re.findall(r"\b[A-Z]{2,}\b", term))

    def names(word: str) -> bool:
        s = stem(fold(word))
        return s in stems or any(len(s) >= 5 and len(t) >= 5 and s[:5] == t[:5] for t in stems)

    for acronym in acronyms:  # "Magnetic Resonance Imaging" for "MRI Scan"
        pattern = r"\b" + r"\s+".join(rf"{c}[a-z]+" for c in acronym) + r"\b"
        text = re.sub(pattern, "___", text)
    out = re.sub(r"[^\W_]+(?:['’-][^\W_]+)*", lambda m: "___" if names(m.group(0)) else m.group(0), text)
    return re.sub(r"___(?:\s+___)+", "___", out)


def head_stems(text: str) -> set[str]:
    return {stem(w) for w in words(text)[:4] if w not in STOPWORDS and len(w) >= 3}


def jaccard(a: str, b: str) -> float:
    sa, sb = content_stems(a), content_stems(b)
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0
