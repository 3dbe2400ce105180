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


ACRONYMS = frozenset({"MRI", "CT", "EMG", "ECG", "EEG", "NSAIDS", "NSAID", "ACL", "MCL", "COPD", "PT", "RICE",
                      "TENS", "PRP", "FAQ", "FAQS", "BMI", "OA", "RA", "ADL", "ADLS", "ROM", "II", "III", "IV"})
_FILLER = (r"(?:(?:most|very|\w+ly)\s+)?(?:possible|potential|common|main|key|major|important|best|top|effective|"
           r"simple|different|typical|usual|proven|essential|frequent|surprising|early|warning|amazing)")


def title_case(text: str) -> str:
    """``"PLANTAR FASCIITIS TREATMENT"`` → ``"Plantar Fasciitis Treatment"`` (acronyms kept); other text unchanged."""
    if not text.isupper():
        return text
    small = {"of", "for", "and", "or", "the", "in", "on", "to", "with", "a", "an", "vs"}
    out = []
    for i, w in enumerate(text.split()):
        core = w.strip("():,.?!'’")
        out.append(w if core in ACRONYMS else w.lower() if i and w.lower() in small else w.capitalize())
    return " ".join(out)


def plain_heading(text: str) -> str:
    """A heading without list numbers, counts and filler: ``"20 Possible Causes of X"`` → ``"Causes of X"``,
    ``"3. Treatment"`` → ``"Treatment"``, ``"Top 10 Exercises"`` → ``"Exercises"``."""
    text = re.sub(r"^(?:step\s+)?\d{1,3}[.):]\s+(?=\S)", "", title_case(text.strip()), flags=re.IGNORECASE)
    m = re.match(rf"^(?:the\s+)?(?:top\s+)?(?:\d{{1,3}}|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                 rf"twelve|fifteen|twenty)\s+(?:{_FILLER}\s+(?:and\s+{_FILLER}\s+)?)*(?=[A-Za-z])", text, re.IGNORECASE)
    if m and len(text[m.end():].split()) >= 1:
        text = text[m.end():]
    else:
        text = re.sub(r"^(?:possible|potential)\s+(?=\w)", "", text, flags=re.IGNORECASE)
    return text[:1].upper() + text[1:]


def short_section_name(heading: str, aliases: list[str]) -> str:
    """``"Drugs Used for Hemifacial Spasm"`` → ``"Drugs"``; headings without the condition stay."""
    text = plain_heading(heading.strip().rstrip(":?").strip())
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
