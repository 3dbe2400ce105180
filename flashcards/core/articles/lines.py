"""One line of an article: is it a heading, a numbered item, a bullet; "Term: explanation"."""

from __future__ import annotations

import re

from .cleaning import clean_inline
from .text import fold

NUM_RE = re.compile(r"^(\s*)(?:\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)]|\([a-z]\)|[A-Z]\))\s+(\S(?:.*\S)?)\s*$")
KEYCAP_RE = re.compile(r"^(\s*)(?:\d\ufe0f?\u20e3|\U0001f51f)\s*(\S(?:.*\S)?)\s*$")  # 1️⃣ … 🔟
_SPACED = "•●○◦▪▫■□‣⁃∙·*+"  # a space must follow ("*emphasis*" is no bullet)
_TIGHT = "➤➢➔→►▶▸▹✓✔✅☑✗✘◆◇♦★☆🔹🔸👉"  # may touch the text ("✓Rest")
BULLET_RE = re.compile(rf"^(\s*)(?:[{_SPACED}]\s|[-–—](?![-–—])\s|[{_TIGHT}]\ufe0f?)\s*(\S(?:.*\S)?)\s*$")
# Emoji and pictographs in front of a heading ("🩺 Diagnosis") are dropped from its text.
EMOJI_PREFIX_RE = re.compile(r"^[\u2190-\u2bff\u2600-\u27bf\ufe0f\u200d\U0001f000-\U0001faff\s]+")
MD_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")  # text: rstrip(" \t#") (a lazy group is quadratic)
BOLD_LINE_RE = re.compile(r"^\s*(?:\*\*|__)([^*_].*?)(?:\*\*|__)\s*:?\s*$")
RULE_RE = re.compile(r"^\s*(?:([-*_=])\s*){3,}$")
SENTENCE_WORDS = frozenset(["is", "are", "was", "were", "be", "can", "may", "might", "will", "include", "includes", "including", "here", "there", "these", "following", "we", "you", "they", "it", "this", "our", "your", "has", "have"])
_INTRO_VERBS = frozenset(["involves", "involve", "requires", "require", "consists", "covers", "contains", "comprises",
                          "lists", "shows", "explains", "describes", "helps", "help", "needs", "need"])
QUESTION_START = ("what", "how", "why", "when", "who", "which", "is", "are", "can")


def list_marker(line: str) -> tuple[int, str, bool] | None:
    """``(indent, text, numbered)`` if ``line`` is a list item: "1." "1)" "(1)" "a." "(b)" "1️⃣"
    or any common bullet (- • * ▪ ◦ ➤ ✓ ► …); else None."""
    for regex, numbered in ((NUM_RE, True), (KEYCAP_RE, True), (BULLET_RE, False)):
        m = regex.match(line)
        if m:
            return len(m.group(1)), m.group(2), numbered
    return None


def strip_emoji(text: str) -> str:
    """``"🩺 Diagnosis"`` → ``"Diagnosis"``."""
    return EMOJI_PREFIX_RE.sub("", text)


def heading_text(line: str, next_line: str = "", list_follows: bool = False) -> tuple[int, str] | None:
    """``(level, text)`` if ``line`` is a heading (Markdown level, 0 for plain text), else None.
    ``list_follows``: the next non-blank line is a list item, so a short "Risk factors for X:"
    line is a heading even in sentence case."""
    if not re.search(r"[^\W\d_]", line):
        return None  # no letter: not a heading
    m = MD_HEADING_RE.match(line)
    if m:
        return len(m.group(1)), strip_emoji(clean_inline(m.group(2).rstrip(" \t\n\r\f\v#"))).rstrip(":").strip()
    if list_marker(line) or line[:1].isspace():
        return None
    line = strip_emoji(line)
    m = BOLD_LINE_RE.match(line)
    if m and len(m.group(1)) <= 80:
        return 0, strip_emoji(clean_inline(m.group(1))).rstrip(":").strip()
    text = clean_inline(line)
    if not text:
        return None
    if next_line and RULE_RE.match(next_line) and text and set(next_line.strip()) <= {"=", "-"}:
        return (1 if "=" in next_line else 2), text.rstrip(":")
    ws = text.rstrip(":?").split()
    if not ws or len(ws) > 10 or len(text) > 90 or text[-1] in ".!,;" or not (text[0].isupper() or text[0].isdigit()):
        return None
    question = text.endswith("?")
    if question and fold(ws[0]) not in QUESTION_START:
        return None
    lowered = [fold(w).strip("'\"()") for w in ws]
    if not question and any(w in SENTENCE_WORDS for w in lowered):
        return None
    if list_follows and text.endswith(":") and len(ws) <= 8 and not any(
            w in _INTRO_VERBS for w in lowered):
        return 0, text.rstrip(":").strip()
    significant = [w for w in ws[1:] if fold(w) not in {"a", "an", "the", "of", "for", "and", "or", "in", "on", "to",
                                                        "with", "by", "at", "from", "vs", "into", "&"}]
    capitalised = sum(1 for w in significant if w[:1].isupper() or not w[:1].isalpha())
    if significant and capitalised < len(significant) and len(ws) > 3:
        return None
    return 0, text.rstrip(":").strip()


def split_term(text: str) -> tuple[str | None, str]:
    """``"Term: explanation"`` → ``("Term", "explanation")``; also bold terms and spaced dashes."""
    m = re.match(r"^(?:\*\*|__)(.+?)(?:\*\*|__)\s*[:.\-–—]?\s*(.*)$", text)
    if m and len(m.group(1).split()) <= 10:
        return clean_inline(m.group(1)).rstrip(":.").strip(), clean_inline(m.group(2))
    text = clean_inline(text)
    m = re.match(r"^([^:]{1,80}?)\s*:\s+(.*)$|^([^:]{1,80}?)\s*:$", text)
    if m:
        term = (m.group(1) or m.group(3)).strip()
        if len(term.split()) <= 9 and not term[-1].isdigit() and not re.search(r"[.!?]\s", term):
            return term, (m.group(2) or "").strip()
    m = re.match(r"^(.{1,70}?)\s+[–—-]\s+(.+)$", text)
    if m and len(m.group(1).split()) <= 8 and re.match(r"^[\W_]*[A-Z0-9]", m.group(1)):
        return m.group(1).strip(), m.group(2).strip()
    if len(text.split()) <= 6 and text[-1:] not in ".!?":
        return text, ""
    return None, text
