"""Slugs and small text helpers shared by the article parser and the deck generator."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"',
                         "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "\u00a0": " "})
STOPWORDS = frozenset(
    "a an the of for and or in on to with by at from as is are was were be been can may might will "
    "that this these those it its into than then such like other any some more most very also not "
    "which who whom whose when where how what why do does used use using help helps".split())
SMALL_WORDS = frozenset("a an the of for and or nor in on to with by at from as vs versus via per into its".split())


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
    names = "zero one two three four five six seven eight nine".split()
    return names[n] if 0 < n < 10 else str(n)


NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
