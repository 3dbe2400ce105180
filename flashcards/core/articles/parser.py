"""Parse a clinical article (plain text or Markdown) into title, lead, sections and items.

Recognised: a title line (or ``# Title``), lead paragraphs, section headings (``## Causes``,
``Causes of X:``, ``**Causes**``, underlined ``Causes`` / ``------``, a "Heading:" line before a
list), numbered, lettered and keycap items and every common bullet (see ``lines.list_marker``),
Markdown pipe tables (a row an item), FAQs (``Q:``/``A:`` pairs, question headings in a FAQ
section), definitions in prose for sections without a list, "Term: explanation" (also "**Term** – explanation"), an
explanation in a deeper sub-bullet, nested groups (an item ending in ":" with "Term:" bullets
under it, or ``###`` under ``##``). Contact details, site chrome, the disclaimer, the
conclusion and everything from "References" / "About the author" on are kept out of sections.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..limits import MAX_LIST_NESTING
from .cleaning import clean_inline, clean_prose, find_attribution, is_chrome
from .lines import RULE_RE, heading_text, list_marker, split_term
from .model import Article, ArticleError, Item, Section
from .naming import (
    condition_aliases,
    condition_name,
    plain_heading,
    short_section_name,
    title_case,
)
from .prose import definitions, fact_sentences
from .reader import read_article_text
from .text import fold

END_RE = re.compile(r"^(?:references?|sources?|bibliography|citations|further reading|about the authors?|"
                    r"author bio(?:graphy)?|(?:related|recommended) (?:posts|articles|reading)|comments?|"
                    r"share this(?: article| post)?|you may also like|see also|external links|notes)$", re.IGNORECASE)
CONCLUSION_RE = re.compile(r"^(?:conclusions?|in conclusion|summary|final (?:thoughts|words)|(?:the )?bottom line|"
                           r"key takeaways?|takeaways?|wrapping up)$", re.IGNORECASE)
FAQ_RE = re.compile(r"^(?:frequently asked questions|faqs?|common questions|questions and answers|"
                    r"q\s*&\s*a|patient questions)\b", re.IGNORECASE)
QUESTION_RE = re.compile(r"^(?:\*\*|__)?(?:Q|Question)\s*\d{0,2}\s*[:.)–-]\s*(?:\*\*|__)?\s*(\S.{0,300}\?)\s*(?:\*\*|__)?$")
ANSWER_RE = re.compile(r"^(?:\*\*|__)?(?:A|Answer)\s*\d{0,2}\s*[:.)–-]\s*(?:\*\*|__)?\s*(\S.*)$")
TABLE_RULE_RE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
FAQ_QUESTION_WORDS = 25  # a longer line ending in "?" is prose, not a FAQ question
DISCLAIMER_RE = re.compile(r"^(?:medical |important )?disclaimer\s*(?:[:\-–—]\s*|$)", re.IGNORECASE)


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
        self.table: list[str] | None = None  # the header cells of the table being read
        self.headed = False  # the last non-blank line was a heading (an intro line may follow)

    def add_item(self, item: Item) -> None:
        """Add a table row or FAQ question to the current group or section (a FAQ section if none)."""
        self.flush()
        if self.cur is None:
            self.cur = Section(heading="Frequently Asked Questions", line=item.line, level=2)
            self.sections.append(self.cur)
        if item.kind == "faq" and self.group is not None and self.group.kind == "faq":
            self.group = None  # "Q:" after a question heading: a sibling, not a sub-item
        target = self.group.children if self.group is not None else self.cur.items
        item.depth = self.group.depth + 1 if self.group is not None else 0
        target.append(item)
        self.open = self.last = item

    def table_row(self, lineno: int, stripped: str) -> None:
        """A Markdown pipe-table line: the first row is the header, each further row one item."""
        if TABLE_RULE_RE.match(stripped):
            return
        cells = [clean_inline(c) for c in stripped.strip().strip("|").split("|")]
        if self.table is None:
            self.table = cells
            return
        if not cells or not cells[0] or self.cur is None or self.mode != "body":
            return
        rest = [(h, c) for h, c in zip(self.table[1:] + [""] * len(cells), cells[1:]) if c]
        explanation = rest[0][1] if len(rest) == 1 else "; ".join(f"{h}: {c}" if h else c for h, c in rest)
        self.add_item(Item(cells[0].rstrip(":"), explanation, lineno, lineno, kind="row"))
        self.last = self.open = None

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
        elif self.cur is not None and FAQ_RE.match(self.cur.heading) and text.endswith("?"):
            self.group = Item(text, "", lineno, lineno, kind="faq")
            self.cur.items.append(self.group)
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
            item.depth = parent.depth + 1
            if item.depth > MAX_LIST_NESTING:  # the card builder walks the tree: keep it shallow
                raise ArticleError(self.path, f"list items nested more than {MAX_LIST_NESTING} levels deep", lineno)
            parent.children.append(item)
        else:
            if self.group is not None:
                item.depth = self.group.depth + 1
                self.group.children.append(item)
            else:
                self.cur.items.append(item)  # type: ignore[union-attr]
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

    def _faq_question(self, raw: str, text: str) -> bool:
        """Is this line a question starting a FAQ item (in a FAQ section: a short, unindented,
        non-list line ending in "?", after a blank line or after a finished sentence)?"""
        if self.cur is None or self.mode != "body" or not FAQ_RE.match(self.cur.heading):
            return False
        if raw[:1].isspace() or list_marker(raw) or not text.endswith("?") or not text[:1].isupper():
            return False
        if len(text.split()) > FAQ_QUESTION_WORDS:
            return False
        return not self.para or self.para[-1][1].rstrip().endswith((".", "!", "?", ")", '"', "”"))

    def run(self) -> None:
        lines = self.lines
        for i, raw in enumerate(lines):
            lineno = i + 1
            raw = raw.replace("\t", "    ").rstrip()
            stripped = clean_inline(raw)
            if (raw.lstrip().startswith("|") and raw.rstrip().endswith("|")) or (self.table is not None and "|" in raw):
                self.table_row(lineno, raw.strip())
                continue
            self.table = None
            if not stripped or RULE_RE.match(raw) or is_chrome(stripped):
                self.flush()
                self.blank_since_list = True
                continue
            question, answer = QUESTION_RE.match(stripped), ANSWER_RE.match(stripped)
            if question and self.mode == "body":
                self.add_item(Item(clean_inline(question.group(1)), "", lineno, lineno, kind="faq"))
                continue
            if answer and self.last is not None and self.last.kind == "faq" and not self.last.explanation:
                self.last.explanation, self.last.explanation_line = clean_inline(answer.group(1)), lineno
                self.blank_since_list = False
                continue
            nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
            marker = list_marker(raw)
            in_list = self.last is not None and not self.blank_since_list
            following = next((ln for ln in lines[i + 1:i + 4] if ln.strip()), "")
            head = None if (in_list and raw[:1].isspace()) or self.para else heading_text(
                raw, nxt, list_follows=list_marker(following) is not None and not self.headed)
            if head is None and self._faq_question(raw, stripped):
                head = (0, stripped)  # "What is the windlass test?" with its answer on the next line
            self.headed = head is not None and bool(head[1])
            if head is not None and self.title is None and not self.sections and not self.lead \
                    and head[0] == 0 and stripped.endswith(":"):
                self.title = (0, "")  # the article starts with a section: no title line
            if head is not None and head[1]:
                self.heading(lineno, *head)
            elif marker:
                if self.cur is not None and self.mode == "body":
                    self.list_line(lineno, *marker)
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
        title_line, title = parser.title[0], title_case(parser.title[1])
    else:
        title_line, title = 0, re.sub(r"[-_]+", " ", path.stem).strip().title() or "Article"
    condition = condition_name(title)
    aliases = condition_aliases(condition)
    for sec in parser.sections:
        _tidy(sec.items)
        sec.intro = clean_prose(sec.intro)
        sec.heading = plain_heading(sec.heading)
        sec.name = short_section_name(sec.heading, aliases)
        prose = [(ln, clean_prose(t)) for ln, t in sec.paragraphs]
        if not sec.items and not FAQ_RE.match(sec.heading):  # prose only: its definitions
            sec.items = definitions(prose)
        if not FAQ_RE.match(sec.heading):
            sec.facts = fact_sentences(prose)
    content = [s for s in parser.sections if s.items]
    if not content and parser.lead:  # a page of prose: the lead's definitions of other terms
        names = {fold(a) for a in aliases}
        found = [d for d in definitions([(ln, clean_prose(t)) for ln, t in parser.lead]) if fold(d.term or "") not in names]
        if found:
            content = [Section(heading="Definitions", line=found[0].line, name="Definitions", items=found)]
    if not content and not parser.lead:
        raise ArticleError(path, "no sections with list items found (expected headings such as 'Causes of X:' or "
                                 "'## Causes' followed by numbered '1. Term: explanation' or '-' bullet items)")
    lead = [(ln, clean_prose(t)) for ln, t in parser.lead if clean_prose(t)]
    lead_section = None
    if not lead:
        for sec in parser.sections:
            if content and sec is content[0]:
                break
            if not sec.items and sec.paragraphs:
                lead = [(ln, clean_prose(t)) for ln, t in sec.paragraphs if clean_prose(t)]
                lead_section = sec
                break
    extra = [s for s in parser.sections if s.facts and not s.items and s is not lead_section]
    content = sorted(content + extra, key=lambda s: s.line)  # prose-only sections with facts, in order
    body = "\n".join([t for _, t in lead] + [f"{s.heading}. {s.intro}" for s in content] + [
        f"{i.term or ''}. {i.explanation}" for s in content for i in _all_items(s.items)])
    return Article(path=path, title=title.replace("::", ":"), title_line=title_line, lead=lead, sections=content,
                   conclusion=clean_prose(" ".join(parser.conclusion)),
                   disclaimer=clean_prose(" ".join(parser.disclaimer)),
                   attribution=find_attribution(lines), body=body, condition=condition, aliases=aliases)
