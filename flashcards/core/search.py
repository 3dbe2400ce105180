"""The search language of the card browser and ``flashcards search``, compiled to SQL.

Syntax (documented in ``docs/search.md``)::

    deck:"Hemifacial Spasm::Drugs"   the deck and its children (case-insensitive; * is a wildcard)
    tag:cause                        a tag (case-insensitive; * is a wildcard)
    is:new | is:learning | is:review | is:due | is:suspended | is:buried | is:leech
    lapses>3  reps>=5  difficulty<5  (operators < <= = != >= >)
    "free text"  word                in the front, back, cloze text or list items
    -term                            negation; terms side by side are ANDed; ``or`` between them
    ( … )                            grouping

Retired cards (gone from their deck file) are never found. A query that cannot be read raises
:class:`SearchError` with a one-line message; nothing else happens. Pure Python, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: Columns the browser can sort by → their SQL expression (sorting happens in SQL).
SORT_COLUMNS: dict[str, str] = {
    "front": "CASE n.type WHEN 'cloze' THEN n.text ELSE n.front END COLLATE NOCASE",
    "back": "n.back COLLATE NOCASE",
    "deck": "d.name COLLATE NOCASE",
    "type": "n.type",
    "tags": "n.tags",
    "due": "CASE WHEN c.due IS NULL THEN 1 ELSE 0 END, c.due, c.position",
    "interval": "coalesce(c.due - c.last_review, -1)",
    "difficulty": "coalesce(c.difficulty, -1)",
    "lapses": "c.lapses",
    "reps": "c.reps",
    "created": "c.position",
}

_IS = {
    "new": "c.state = 0",
    "learning": "c.state IN (1, 3)",
    "review": "c.state IN (2, 3)",
    "due": "(c.state != 0 AND c.due < :day_end)",
    "suspended": "c.suspended = 1",
    "buried": "(c.buried_day IS NOT NULL AND c.buried_day >= :today)",
    "leech": "c.leech = 1",
}
_PROPS = {"lapses": "c.lapses", "reps": "c.reps", "difficulty": "c.difficulty", "stability": "c.stability"}
_PROP_RE = re.compile(r"^([a-z]+)(<=|>=|!=|=|<|>)(-?\d+(?:\.\d+)?)$")
_TOKEN_RE = re.compile(r'\s*(?:(\()|(\))|(-?)((?:[^\s()"]*"[^"]*"?)|[^\s()"]+))')
_TEXT = ("n.front", "n.back", "n.text", "n.items")


class SearchError(ValueError):
    """A query that cannot be read; the message is one line, e.g. ``unknown search term 'is:old'``."""


@dataclass(frozen=True)
class Compiled:
    """A query as a SQL condition on ``cards c JOIN notes n JOIN decks d`` with its parameters;
    ``:today`` (ISO learner day) and ``:day_end`` (ms UTC) are filled in by the caller."""

    where: str
    params: dict[str, Any]


def _like(pattern: str) -> str:
    """A user pattern (``*`` wildcard) as a LIKE pattern with ``\\`` escapes."""
    escaped = pattern.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped.replace("*", "%")


class _Parser:
    def __init__(self, query: str):
        self.tokens = self._tokenize(query)
        self.pos = 0
        self.params: dict[str, Any] = {}

    @staticmethod
    def _tokenize(query: str) -> list[tuple[str, str]]:
        """``(kind, text)`` pairs: kind is "(", ")", "not" or "term"."""
        tokens: list[tuple[str, str]] = []
        pos = 0
        query = query.strip()
        while pos < len(query):
            m = _TOKEN_RE.match(query, pos)
            if m is None or m.end() == pos:
                raise SearchError(f"cannot read the search at {query[pos:pos + 20]!r}")
            pos = m.end()
            if m.group(1):
                tokens.append(("(", "("))
            elif m.group(2):
                tokens.append((")", ")"))
            else:
                if m.group(3):
                    tokens.append(("not", "-"))
                term = m.group(4)
                if term.count('"') % 2:
                    raise SearchError(f"unclosed quote in {term!r}")
                tokens.append(("term", term))
        return tokens

    def _param(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def parse(self) -> str:
        if not self.tokens:
            return "1"
        sql = self._or()
        if self.pos < len(self.tokens):
            raise SearchError(f"unexpected {self.tokens[self.pos][1]!r} in the search")
        return sql

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _or(self) -> str:
        parts = [self._and()]
        while (tok := self._peek()) is not None and tok[0] == "term" and tok[1].lower() == "or":
            self.pos += 1
            if self._peek() is None or self._peek() == (")", ")"):
                raise SearchError("'or' needs a term after it")
            parts.append(self._and())
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    def _and(self) -> str:
        parts = []
        while (tok := self._peek()) is not None and tok[0] != ")" and not (tok[0] == "term" and tok[1].lower() == "or"):
            parts.append(self._unary())
        if not parts:
            tok = self._peek()
            raise SearchError("empty group '()'" if tok is None or tok[0] == ")" else "'or' needs a term before it")
        return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"

    def _unary(self) -> str:
        tok = self._peek()
        assert tok is not None
        if tok[0] == "not":
            self.pos += 1
            if self._peek() is None:
                raise SearchError("'-' needs a term after it")
            return f"NOT {self._unary()}"
        if tok[0] == "(":
            self.pos += 1
            inner = self._or()
            if self._peek() != (")", ")"):
                raise SearchError("missing ')' in the search")
            self.pos += 1
            return f"({inner})"
        self.pos += 1
        return self._term(tok[1])

    def _term(self, raw: str) -> str:
        if raw.startswith('"'):
            return self._text(raw.strip('"'))
        key, sep, value = raw.partition(":")
        value = value.strip('"') if sep else ""
        if not sep:
            prop = _PROP_RE.match(raw.lower())
            if prop:
                return self._prop(prop.group(1), prop.group(2), prop.group(3), raw)
            if any(op in raw for op in "<>="):
                raise SearchError(f"cannot read {raw!r}: use lapses, reps, difficulty or stability with "
                                  "< <= = != >= > and a number")
            return self._text(raw.replace('"', ""))
        key = key.lower()
        if not value:
            raise SearchError(f"{raw!r} needs a value after ':'")
        if key == "deck":
            if value == "*":
                return "1"
            name = self._param(_like(value))
            kids = self._param(_like(value) + "::%")
            return f"(d.name LIKE {name} ESCAPE '\\' OR d.name LIKE {kids} ESCAPE '\\')"
        if key == "tag":
            tag = self._param(_like(value))
            return f"EXISTS (SELECT 1 FROM json_each(n.tags) WHERE json_each.value LIKE {tag} ESCAPE '\\')"
        if key == "is":
            cond = _IS.get(value.lower())
            if cond is None:
                raise SearchError(f"unknown search term {raw!r} (is: takes {', '.join(_IS)})")
            return cond
        if key == "cid":
            if not re.fullmatch(r"\d+(,\d+)*", value):
                raise SearchError(f"{raw!r}: cid: takes card ids separated by commas")
            return f"c.id IN ({','.join(str(int(v)) for v in value.split(','))})"
        if key in ("key", "id"):
            return f"n.key LIKE {self._param(_like(value))} ESCAPE '\\'"
        raise SearchError(f"unknown search term {raw!r} (known: deck:, tag:, is:, key:, cid:)")

    def _prop(self, name: str, op: str, number: str, raw: str) -> str:
        column = _PROPS.get(name)
        if column is None:
            raise SearchError(f"unknown property in {raw!r} (known: {', '.join(_PROPS)})")
        value: float | int = float(number) if "." in number else int(number)
        sql_op = "<>" if op == "!=" else op
        return f"({column} IS NOT NULL AND {column} {sql_op} {self._param(value)})"

    def _text(self, text: str) -> str:
        if not text:
            raise SearchError('empty quotes ""')
        pattern = self._param("%" + _like(text) + "%")
        return "(" + " OR ".join(f"{f} LIKE {pattern} ESCAPE '\\'" for f in _TEXT) + ")"


def compile_query(query: str) -> Compiled:
    """``query`` as a SQL condition; raises :class:`SearchError` for a query that cannot be read."""
    parser = _Parser(query)
    where = parser.parse()
    return Compiled(f"c.retired = 0 AND ({where})", parser.params)


def order_sql(column: str, descending: bool = False) -> str:
    """The ORDER BY clause for browser column ``column`` (a key of :data:`SORT_COLUMNS`)."""
    if column not in SORT_COLUMNS:
        raise SearchError(f"cannot sort by {column!r} (columns: {', '.join(SORT_COLUMNS)})")
    direction = " DESC" if descending else ""
    parts = [p + direction for p in SORT_COLUMNS[column].split(", ")]
    return ", ".join(parts) + f", c.id{direction}"
