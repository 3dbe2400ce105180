"""The condition an article is about, its aliases, and short section names ("Drugs", "Causes")."""

from __future__ import annotations

import re

from .text import fold


def condition_name(title: str) -> str:
    """The condition an article is about: ``"Bell's Palsy: Causes and Care"`` → ``"Bell's Palsy"``."""
    text = re.sub(r"^(?:what (?:is|are)|understanding|all about|an? (?:complete |comprehensive |simple |short |quick )?"
                  r"(?:guide|introduction) to|(?:an )?overview of)\s+", "", title.strip(), flags=re.IGNORECASE)
    text = re.split(r"\s*:\s+|\s+[-–—|]\s+", text)[0].strip(" ?!.:")
    return text or title


def condition_aliases(condition: str) -> list[str]:
    """Ways the article may name its condition in headings, longest first."""
    out = {condition}
    m = re.match(r"^(.*?)\s*\(([^)]+)\)\s*(.*)$", condition)
    if m:
        out |= {f"{m.group(1)} {m.group(3)}".strip(), m.group(2).strip()}
    for alias in list(out):
        ws = alias.split()
        if len(ws) > 1 and fold(ws[-1]) in {"syndrome", "disease", "disorder", "condition"}:
            out.add(" ".join(ws[:-1]))
    return sorted((a for a in out if a), key=len, reverse=True)


_QUESTION_NAMES = {"diagnosed": "Diagnosis", "treated": "Treatment", "prevented": "Prevention",
                   "managed": "Management"}


def short_section_name(heading: str, aliases: list[str]) -> str:
    """``"Drugs Used for Hemifacial Spasm"`` → ``"Drugs"``; headings without the condition stay."""
    text = heading.strip().rstrip(":?").strip()
    if text.isupper():
        text = " ".join(w if len(w) <= 4 and w in {"MRI", "CT", "EMG", "ECG", "EEG", "NSAIDS", "NSAID"}
                        else w.capitalize() for w in text.split())
    plain = text.translate(str.maketrans("’‘–—", "''--"))
    for alias in aliases:
        a = r"[\s-]+".join(re.escape(w) for w in alias.translate(str.maketrans("’‘–—", "''--")).split())
        for pattern in ((rf"^(.+?)\s+(?:(?:commonly\s+)?(?:used|performed|done|prescribed|recommended|available)\s+)?"
                         rf"(?:of|for|in|with|to\s+(?:treat|manage|diagnose|prevent|relieve)|associated\s+with|"
                         rf"related\s+to|caused\s+by)\s+(?:the\s+)?{a}$"),
                        rf"^(?:the\s+)?{a}(?:'s)?\s*(?:[:-]\s*)?(\S.*)$",
                        rf"^what\s+(causes)\s+{a}$", rf"^how\s+(?:is|are)\s+{a}\s+(\w+)$"):
            m = re.match(pattern, plain, flags=re.IGNORECASE)
            if m:
                name = text[m.start(1):m.end(1)].strip(" :-–—")
                name = _QUESTION_NAMES.get(name.lower(), name)
                return name[:1].upper() + name[1:]
    return text
