"""Parse a clinical article (plain text or Markdown) into title, lead, sections and items.

Recognised: a title line (or ``# Title``), lead paragraphs, section headings (``## Causes``,
``Causes of X:``, ``**Causes**``, underlined ``Causes`` / ``------``), numbered items ("1." or
"1)") and bullets ("•", "-", "*"), "Term: explanation" (also "**Term** – explanation"), an
explanation in a deeper sub-bullet, nested groups (an item ending in ":" with "Term:" bullets
under it, or ``###`` under ``##``). Contact details, site chrome, the disclaimer, the
conclusion and everything from "References" / "About the author" on are kept out of sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .slug import (EMAIL_RE, PHONE_RE, clean_inline, clean_prose, condition_aliases, condition_name, fold,
                   short_section_name)

MAX_BYTES = 5 * 1024 * 1024


class ArticleError(ValueError):
    """Unusable article; ``str(e)`` is ``"path:line: message"`` or ``"path: message"``."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path, self.line, self.message = Path(path), line, message
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")


@dataclass
class Item:
    """A list item: ``term`` (None for plain items), explanation, 1-based lines, sub-items."""

    term: str | None
    explanation: str
    line: int
    explanation_line: int
    children: list[Item] = field(default_factory=list)
    indent: int = 0
    numbered: bool = False


@dataclass
class Section:
    """A heading with its intro sentence and items. ``name`` is the short name ("Causes")."""

    heading: str
    line: int
    level: int = 0
    name: str = ""
    intro: str = ""
    intro_line: int = 0
    items: list[Item] = field(default_factory=list)
    paragraphs: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Article:
    """The parsed article. ``sections`` holds only sections with items (the content)."""

    path: Path
    title: str
    title_line: int
    lead: list[tuple[int, str]]
    sections: list[Section]
    conclusion: str = ""
    disclaimer: str = ""
    attribution: str | None = None
    body: str = ""
    condition: str = ""
    aliases: list[str] = field(default_factory=list)


NUM_RE = re.compile(r"^(\s*)(?:(\d{1,3})[.)]|\((\d{1,3})\))\s+(\S.*?)\s*$")
BULLET_RE = re.compile(r"^(\s*)(?:[•●○◦▪▫■□‣⁃∙·*+]|[-–—](?![-–—]))\s+(\S.*?)\s*$")
MD_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)[\s#]*$")
BOLD_LINE_RE = re.compile(r"^\s*(?:\*\*|__)([^*_].*?)(?:\*\*|__)\s*:?\s*$")
RULE_RE = re.compile(r"^\s*(?:([-*_=])\s*){3,}$")
CHROME_RE = re.compile(
    r"^(?:translate\W*|register(?: new)? account|(?:log|sign) ?(?:in|up|out)|subscribe\b.*|share\b.{0,40}|"
    r"like this:?|related(?: posts| articles| reading)?:?|leave a (?:reply|comment).*|cancel reply|post navigation|"
    r"(?:previous|next|older|newer)(?: post| article)?\W*|skip to (?:main )?content|menu|home|search\b.{0,20}|"
    r"click (?:here|to)\b.*|read more\b.*|follow us\b.*|copyright\b.*|©.*|all rights reserved.*|"
    r"privacy policy.*|terms (?:of use|and conditions).*|accept (?:all )?cookies.*|.*\buses? cookies\b.*|cookie (?:policy|settings).*|advertisement|sponsored|loading\W*|"
    r"tags?:.*|categor(?:y|ies):.*|posted (?:in|on)\b.*|you may also like.*|back to top|print(?: this)?(?: page| article)?|"
    r"email this.*|facebook|twitter|linkedin|whatsapp|pinterest|instagram|(?:https?://|www\.)\S+|.*\bbookmark (?:this|us)\b.*)$",
    re.I)
END_RE = re.compile(r"^(?:references?|sources?|bibliography|citations|further reading|about the authors?|"
                    r"author bio(?:graphy)?|(?:related|recommended) (?:posts|articles|reading)|comments?|"
                    r"share this(?: article| post)?|you may also like)$", re.I)
CONCLUSION_RE = re.compile(r"^(?:conclusions?|in conclusion|summary|final (?:thoughts|words)|(?:the )?bottom line|"
                           r"key takeaways?|takeaways?|wrapping up)$", re.I)
DISCLAIMER_RE = re.compile(r"^(?:medical |important )?disclaimer\s*(?:[:\-–—]\s*|$)", re.I)
SENTENCE_WORDS = frozenset("is are was were be can may might will include includes including here there these "
                           "following we you they it this our your has have".split())
QUESTION_START = ("what", "how", "why", "when", "who", "which", "is", "are", "can")
_NAME = r"(?:(?:Dr|Prof|Professor)\.?\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,5}"
BYLINE_RE = re.compile(rf"^(?i:(?:(?:medically\s+)?(?:written|reviewed|authored|posted)\s+by|by|author))\s*:?\s+"
                       rf"({_NAME})\s*(?:[,;—–|-].*)?$")
DATELINE_RE = re.compile(r"^(?:(?:last\s+)?updated|published|posted|reviewed)(?:\s+on)?\s*:?\s+\S.{0,40}$", re.I)
BREADCRUMB_RE = re.compile(r"^(?:[^|»›>/]{1,30}\s(?:\||»|›|>|/)\s){2,}[^|»›>/]{1,30}$")
BIO_RE = re.compile(rf"^({_NAME}),\s+(?:[A-Z][A-Za-z.]{{1,7}},?\s+){{1,6}}(?:is|was)\s+(?:a|an|the)\b")
DR_BIO_RE = re.compile(rf"^((?:Dr|Prof)\.?\s+{_NAME[_NAME.index('[A-Z]'):]})\s+(?:is|was)\s+(?:a|an|the)\b")


def read_article_text(path: Path) -> str:
    """The article's text, decoded (UTF-8, else Windows-1252); raises :class:`ArticleError`."""
    try:
        if path.is_dir():
            raise ArticleError(path, "is a folder, not an article file")
        raw = path.read_bytes()[: MAX_BYTES + 1]
    except OSError as exc:
        raise ArticleError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise ArticleError(path, f"file is larger than {MAX_BYTES // (1024 * 1024)} MB; is it really an article?")
    if not raw.strip():
        raise ArticleError(path, "file is empty")
    head = raw[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in raw or controls > len(head) // 20:
        raise ArticleError(path, "not a text file (binary data); expected a plain-text or Markdown article")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            line = raw[: exc.start].count(b"\n") + 1
            raise ArticleError(path, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the article as UTF-8",
                               line) from None


def is_chrome(line: str) -> bool:
    """Site chrome or a line with contact details (e-mail address, phone number)."""
    stripped = line.strip()
    if len(stripped) > 160:  # long prose: only its offending sentences go (see clean_prose)
        return False
    if (EMAIL_RE.search(stripped) or PHONE_RE.search(stripped)) and not clean_prose(stripped):
        return True  # nothing but contact details
    return bool(CHROME_RE.match(stripped)
                or BREADCRUMB_RE.match(stripped) or BYLINE_RE.match(stripped) or DATELINE_RE.match(stripped))


def heading_text(line: str, next_line: str = "") -> tuple[int, str] | None:
    """``(level, text)`` if ``line`` is a heading (Markdown level, 0 for plain text), else None."""
    if not re.search(r"[^\W\d_]", line):
        return None  # no letter: not a heading
    m = MD_HEADING_RE.match(line)
    if m:
        return len(m.group(1)), clean_inline(m.group(2)).rstrip(":").strip()
    if NUM_RE.match(line) or BULLET_RE.match(line) or line[:1].isspace():
        return None
    m = BOLD_LINE_RE.match(line)
    if m and len(m.group(1)) <= 80:
        return 0, clean_inline(m.group(1)).rstrip(":").strip()
    text = clean_inline(line)
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


def _find_attribution(lines: list[str]) -> str | None:
    """The author's name from a byline, a biography ("Dr. X, MD, is a ...") or a bare "Dr. X" line."""
    bare = re.compile(rf"^((?:Dr|Prof)\.?\s+{_NAME[_NAME.index('[A-Z]'):]})$")
    for pattern in (BYLINE_RE, BIO_RE, DR_BIO_RE, bare):
        for raw in lines:
            m = pattern.match(clean_inline(raw))
            if m:
                return m.group(1).rstrip(",. ")
    return None


class _Parser:
    def __init__(self, path: Path, lines: list[str]):
        self.path, self.lines = path, lines
        self.title: tuple[int, str] | None = None
        self.lead: list[tuple[int, str]] = []
        self.sections: list[Section] = []
        self.cur: Section | None = None
        self.mode = "body"  # body | conclusion | disclaimer | end
        self.conclusion: list[str] = []
        self.disclaimer: list[str] = []
        self.para: list[tuple[int, str]] = []
        self.open: Item | None = None  # the top-level item a sub-bullet or continuation joins
        self.last: Item | None = None  # the item the latest list line created
        self.group: Item | None = None  # a "### Subheading" group inside a "##" section
        self.blank_since_list = False

    def flush(self) -> None:
        if not self.para:
            return
        line, text = self.para[0][0], " ".join(t for _, t in self.para)
        self.para = []
        if DISCLAIMER_RE.match(text) or self.mode == "disclaimer":
            self.disclaimer.append(DISCLAIMER_RE.sub("", text, count=1).strip())
        elif self.mode == "end":
            return
        elif self.mode == "conclusion":
            self.conclusion.append(text)
        elif self.cur is None:
            self.lead.append((line, text))
        elif self.group is not None and not self.group.explanation and not self.group.children:
            self.group.explanation, self.group.explanation_line = text, line
        else:
            self.cur.paragraphs.append((line, text))
            if not self.cur.items and not self.cur.intro:
                self.cur.intro, self.cur.intro_line = text, line

    def heading(self, lineno: int, level: int, text: str) -> None:
        self.flush()
        self.open = self.last = None
        if self.title is None and not self.sections and not self.lead and (level in (0, 1)):
            self.title = (lineno, text)
            return
        if self.mode == "end" and not DISCLAIMER_RE.match(text):
            return
        if DISCLAIMER_RE.match(text) and not DISCLAIMER_RE.sub("", text, count=1).strip():
            self.mode, self.cur = "disclaimer", None
        elif END_RE.match(text):
            self.mode, self.cur = "end", None
        elif CONCLUSION_RE.match(text):
            self.mode, self.cur = "conclusion", None
        elif self.cur is not None and self.cur.level >= 2 and level > self.cur.level:
            self.group = Item(text, "", lineno, lineno)
            self.cur.items.append(self.group)
        else:
            self.mode, self.group = "body", None
            self.cur = Section(heading=text, line=lineno, level=level)
            self.sections.append(self.cur)

    def list_line(self, lineno: int, indent: int, text: str, numbered: bool) -> None:
        self.flush()
        term, explanation = split_term(text)
        item = Item(term, explanation, lineno, lineno, indent=indent, numbered=numbered)
        parent = self.open
        if parent is not None and self.last is not None and self.last is not parent and indent > self.last.indent:
            parent = self.last  # a bullet under a sub-item
        nested = parent is not None and (indent > parent.indent or (
            not numbered and parent.numbered and parent.term is not None and not parent.explanation))
        if nested and parent is not None:
            if not explanation and not clean_inline(text).endswith(":"):
                item = Item(None, clean_inline(text), lineno, lineno, indent=indent)  # a plain point
            parent.children.append(item)
        else:
            (self.group.children if self.group is not None else self.cur.items).append(item)  # type: ignore[union-attr]
            self.open = item
        self.last = item
        self.blank_since_list = False

    def text_line(self, lineno: int, raw: str) -> None:
        text = clean_inline(raw)
        indent = len(raw) - len(raw.lstrip())
        if self.last is not None and (not self.blank_since_list or indent > (self.open.indent if self.open else 0)):
            target = self.last
            if target.explanation:
                target.explanation += " " + text
            elif target.term is None:
                target.explanation = text
            else:
                target.explanation, target.explanation_line = text, lineno
            return
        self.open = self.last = None
        self.para.append((lineno, text))

    def run(self) -> None:
        lines = self.lines
        for i, raw in enumerate(lines):
            lineno = i + 1
            raw = raw.replace("\t", "    ").rstrip()
            stripped = clean_inline(raw)
            if not stripped or RULE_RE.match(raw) or is_chrome(stripped):
                self.flush()
                self.blank_since_list = True
                continue
            nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
            num, bullet = NUM_RE.match(raw), BULLET_RE.match(raw)
            in_list = self.last is not None and not self.blank_since_list
            head = None if (in_list and raw[:1].isspace()) or self.para else heading_text(raw, nxt)
            if head is not None and self.title is None and not self.sections and not self.lead \
                    and head[0] == 0 and stripped.endswith(":"):
                self.title = (0, "")  # the article starts with a section: no title line
            if head is not None and head[1]:
                self.heading(lineno, *head)
            elif num or bullet:
                m = num or bullet
                assert m is not None
                if self.cur is not None and self.mode == "body":
                    self.list_line(lineno, len(m.group(1)), m.groups()[-1], numbered=num is not None)
                else:
                    self.flush()
            else:
                self.text_line(lineno, raw)
        self.flush()


def _tidy(items: list[Item]) -> None:
    """Fold a lone plain sub-bullet into its item's explanation; drop chrome sentences."""
    for item in items:
        if len(item.children) == 1 and item.children[0].term is None:
            child = item.children[0]
            if item.explanation:
                item.explanation = f"{item.explanation.rstrip()} {child.explanation}"
            else:
                item.explanation, item.explanation_line = child.explanation, child.line
            item.children = []
        _tidy(item.children)
        item.explanation = clean_prose(item.explanation) if re.search(r"[^\W_]", item.explanation) else ""
        if item.term is not None and not re.search(r"[^\W_]", item.term):
            item.term = None
    items[:] = [i for i in items if i.term or i.explanation or i.children]


def _all_items(items: list[Item]) -> list[Item]:
    return [x for item in items for x in [item, *_all_items(item.children)]]


def parse_article(path: Path | str, text: str | None = None) -> Article:
    """Parse the article at ``path`` (or ``text`` if given). Raises :class:`ArticleError`."""
    path = Path(path)
    if text is None:
        text = read_article_text(path)
    lines = re.split(r"\r\n|\r|\n", text.lstrip("\ufeff"))
    if not any(line.strip() for line in lines):
        raise ArticleError(path, "file is empty")
    parser = _Parser(path, lines)
    h1 = next((i for i, line in enumerate(lines) if re.match(r"^\s{0,3}#\s+\S", line)), None)
    first_section = next((i for i, line in enumerate(lines) if re.match(r"^\s{0,3}#{2,6}\s+\S", line)), len(lines))
    if h1 is not None and h1 < first_section:
        parser.lines = [("" if i < h1 and heading_text(line) else line) for i, line in enumerate(lines)]
    parser.run()
    if parser.title is not None and parser.title[1]:
        title_line, title = parser.title
    else:
        title_line, title = 0, re.sub(r"[-_]+", " ", path.stem).strip().title() or "Article"
    condition = condition_name(title)
    aliases = condition_aliases(condition)
    for sec in parser.sections:
        _tidy(sec.items)
        sec.intro = clean_prose(sec.intro)
        sec.name = short_section_name(sec.heading, aliases)
    content = [s for s in parser.sections if s.items]
    if not content:
        raise ArticleError(path, "no sections with list items found (expected headings such as 'Causes of X:' or "
                                 "'## Causes' followed by numbered '1. Term: explanation' or '-' bullet items)")
    lead = [(ln, clean_prose(t)) for ln, t in parser.lead if clean_prose(t)]
    if not lead:
        for sec in parser.sections:
            if sec is content[0]:
                break
            if not sec.items and sec.paragraphs:
                lead = [(ln, clean_prose(t)) for ln, t in sec.paragraphs if clean_prose(t)]
                break
    body = "\n".join([t for _, t in lead] + [f"{s.heading}. {s.intro}" for s in content] + [
        f"{i.term or ''}. {i.explanation}" for s in content for i in _all_items(s.items)])
    return Article(path=path, title=title.replace("::", ":"), title_line=title_line, lead=lead, sections=content,
                   conclusion=clean_prose(" ".join(parser.conclusion)),
                   disclaimer=clean_prose(" ".join(parser.disclaimer)),
                   attribution=_find_attribution(lines), body=body, condition=condition, aliases=aliases)
