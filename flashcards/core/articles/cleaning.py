"""Site chrome, contact details and bylines: what is kept out of cards, and the author's name."""

from __future__ import annotations

import re

from .text import split_sentences

# Each pattern is linear in the line's length: matches start only where a run starts (lookbehind),
# and lazy spans are bounded, so a 200,000-character line costs no more than many short ones.
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_RE = re.compile(r"(?:\+\d[\d\s().-]{7,}\d|\b(?:phone|tel|telephone|mobile|cell|call|fax|whatsapp)\b"
                      r"\s*(?:no\.?|number)?\s*[:\-–—]?\s*\(?\d[\d\s().-]{6,}\d)", re.IGNORECASE)
CITATION_RE = re.compile(r"\s?\[(?:\d{1,3}(?:\s*[,–-]\s*\d{1,3}){0,8}|citation needed|edit|note \d{1,3}|[a-z])\]",
                         re.IGNORECASE)  # "[7]", "[1][2]", "[3–5]", "[citation needed]", "[edit]"
CHROME_SENTENCE_RE = re.compile(
    r"bookmark this|share (?:this|it )?with\b|\bshare this\b|thank you for (?:reading|giving|your time)|"
    r"\bsubscribe\b|click here|follow us|leave a comment|sign up", re.IGNORECASE)


def clean_inline(text: str) -> str:
    """Drop Markdown emphasis, links and odd spaces from one line of prose."""
    text = re.sub(r"!?\[([^\[\]]*)\]\([^()]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(.{1,120}?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.{1,120}?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = CITATION_RE.sub("", text)
    text = re.sub(r"[\u00a0\u2000-\u200a\u202f\u3000\t]", " ", text).replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r" {2,}", " ", text).strip()


def clean_prose(text: str) -> str:
    """Drop sentences that hold contact details or site chrome ("bookmark this website")."""
    kept = [s for s in split_sentences(text)
            if not (EMAIL_RE.search(s) or PHONE_RE.search(s) or CHROME_SENTENCE_RE.search(s))]
    return " ".join(kept)
CHROME_RE = re.compile(
    r"^(?:translate\W*|register(?: new)? account|(?:log|sign) ?(?:in|up|out)|subscribe\b.*|share\b.{0,40}|"
    r"like this:?|related(?: posts| articles| reading)?:?|leave a (?:reply|comment).*|cancel reply|post navigation|"
    r"(?:previous|next|older|newer)(?: post| article)?\W*|skip to (?:main )?content|menu|home|search\b.{0,20}|"
    r"click (?:here|to)\b.*|read more\b.*|follow us\b.*|copyright\b.*|©.*|all rights reserved.*|"
    r"privacy policy.*|terms (?:of use|and conditions).*|accept (?:all )?cookies.*|.*\buses? cookies\b.*|cookie (?:policy|settings).*|advertisement|sponsored|loading\W*|"
    r"tags?:.*|categor(?:y|ies):.*|posted (?:in|on)\b.*|you may also like.*|back to top|print(?: this)?(?: page| article)?|"
    r"email this.*|from wikipedia\b.*|.*\bthe free encyclopedia\b.*|jump to (?:navigation|search|content).*|"
    r"this article (?:is about|needs|has multiple issues|relies|may|includes a list).*|"
    r"(?:medically )?(?:reviewed|fact[- ]checked) by\b.{0,80}|was this (?:article|page|information) helpful.*|"
    r"(?:table of )?contents|in this (?:article|guide|post):?|on this page:?|"
    r"(?:sign up|subscribe) (?:for|to) (?:our|the) newsletter.*|we (?:use|value) (?:cookies|your privacy).*|"
    r"(?:see also|related (?:articles|conditions|topics|content|pages))\W*|"
    r"(?:get|download) (?:the|our) app.*|book (?:an|your) appointment.*|(?:written|updated) by\b.{0,80}|"
    r"email this.*|facebook|twitter|linkedin|whatsapp|pinterest|instagram|(?:https?://|www\.)\S+|.*\bbookmark (?:this|us)\b.*)$",
    re.IGNORECASE)
_NAME = r"(?:(?:Dr|Prof|Professor)\.?\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,5}"
BYLINE_RE = re.compile(rf"^(?i:(?:(?:medically\s+)?(?:written|reviewed|authored|posted)\s+by|by|author))\s*:?\s+"
                       rf"({_NAME})\s*(?:[,;—–|-].*)?$")
DATELINE_RE = re.compile(r"^(?:(?:last\s+)?updated|published|posted|reviewed)(?:\s+on)?\s*:?\s+\S.{0,40}$", re.IGNORECASE)
BREADCRUMB_RE = re.compile(r"^(?:[^|»›>/]{1,30}\s(?:\||»|›|>|/)\s){2,}[^|»›>/]{1,30}$")
BIO_RE = re.compile(rf"^({_NAME}),\s+(?:[A-Z][A-Za-z.]{{1,7}},?\s+){{1,6}}(?:is|was)\s+(?:a|an|the)\b")
DR_BIO_RE = re.compile(rf"^((?:Dr|Prof)\.?\s+{_NAME[_NAME.index('[A-Z]'):]})\s+(?:is|was)\s+(?:a|an|the)\b")


def is_chrome(line: str) -> bool:
    """Site chrome or a line with contact details (e-mail address, phone number)."""
    stripped = line.strip()
    if len(stripped) > 160:  # long prose: only its offending sentences go (see clean_prose)
        return False
    if (EMAIL_RE.search(stripped) or PHONE_RE.search(stripped)) and not clean_prose(stripped):
        return True  # nothing but contact details
    return bool(CHROME_RE.match(stripped)
                or BREADCRUMB_RE.match(stripped) or BYLINE_RE.match(stripped) or DATELINE_RE.match(stripped))


def find_attribution(lines: list[str]) -> str | None:
    """The author's name from a byline, a biography ("Dr. X, MD, is a ...") or a bare "Dr. X" line."""
    bare = re.compile(rf"^((?:Dr|Prof)\.?\s+{_NAME[_NAME.index('[A-Z]'):]})$")
    for pattern in (BYLINE_RE, BIO_RE, DR_BIO_RE, bare):
        for raw in lines:
            m = pattern.match(clean_inline(raw))
            if m:
                return m.group(1).rstrip(",. ")
    return None
