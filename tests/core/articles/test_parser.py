"""The article parser: structure, line numbers, what it leaves out, and its error messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashcards.core.articles import ArticleError, parse_article
from flashcards.core.articles.lines import heading_text, split_term
from flashcards.core.articles.naming import condition_name, short_section_name

ROOT = Path(__file__).resolve().parents[3]
SOURCE = ROOT / "resources" / "sources" / "hemifacial-spasm.txt"


@pytest.fixture(scope="module")
def article():
    return parse_article(SOURCE)


def test_title_lead_and_metadata(article):
    assert (article.title, article.title_line) == ("Hemifacial Spasm", 3)
    assert article.lead[0][0] == 5 and article.lead[0][1].startswith("Hemifacial spasm is a medical condition")
    assert article.attribution == "Dr. Md. Harun Ar Rashid"
    assert article.disclaimer.startswith("Each person’s journey is unique")
    assert "educational purposes only" in article.disclaimer
    assert "bookmark" not in article.disclaimer and "Thank you" not in article.disclaimer
    assert article.conclusion.startswith("Hemifacial spasm can be a distressing condition")


def test_sections_short_names_and_lines(article):
    got = [(s.name, s.line, len(s.items)) for s in article.sections]
    assert got == [("Types", 7, 2), ("Causes", 14, 20), ("Symptoms", 39, 8), ("Diagnostic Tests", 52, 10),
                   ("Treatment Options", 67, 13), ("Drugs", 99, 10), ("Surgery", 114, 5)]
    causes = article.sections[1]
    assert causes.intro_line == 16 and "20 potential causes" in causes.intro


def test_items_terms_and_sub_bullets(article):
    treatment = article.sections[4]
    meds = treatment.items[0]
    assert (meds.term, meds.explanation, meds.line) == ("Medications", "", 71)
    assert [(c.term, c.line) for c in meds.children] == [("Muscle Relaxants", 72), ("Anti-Seizure Drugs", 73)]
    physio = treatment.items[1]
    assert (physio.term, physio.line, physio.explanation_line) == ("Physical Therapy", 74, 75)
    assert physio.explanation == "Techniques to strengthen facial muscles and improve control."
    mvd = article.sections[6].items[0]
    assert mvd.term == "Microvascular Decompression (MVD)" and mvd.explanation_line == 119
    stroke = article.sections[1].items[6]
    assert (stroke.term, stroke.explanation, stroke.line) == ("Stroke", "A stroke affecting the brain can trigger spasms.", 24)


@pytest.mark.parametrize("text, expected", [
    ("Neurovascular Compression: The most common cause.", ("Neurovascular Compression", "The most common cause.")),
    ("**Tinel’s sign** – Tapping over the nerve.", ("Tinel’s sign", "Tapping over the nerve.")),
    ("“First-step” pain – Stabbing pain in the morning.", ("“First-step” pain", "Stabbing pain in the morning.")),
    ("Medications:", ("Medications", "")),
    ("Rest the foot and avoid running on hard surfaces.", (None, "Rest the foot and avoid running on hard surfaces.")),
    ("Dehydration", ("Dehydration", "")),
    ("Take it at 10:30 every morning before breakfast.", (None, "Take it at 10:30 every morning before breakfast.")),
])
def test_split_term(text, expected):
    assert split_term(text) == expected


@pytest.mark.parametrize("line, expected", [
    ("Causes of Hemifacial Spasm:", (0, "Causes of Hemifacial Spasm")),
    ("## Drugs", (2, "Drugs")),
    ("**Home Remedies**", (0, "Home Remedies")),
    ("How Is Bell’s Palsy Diagnosed?", (0, "How Is Bell’s Palsy Diagnosed?")),
    ("Hemifacial spasm can be classified into two primary types:", None),
    ("Here are the four typical signs:", None),
    ("  1. Stroke: A stroke.", None),
    ("- Rest", None),
])
def test_heading_text(line, expected):
    assert heading_text(line) == expected


@pytest.mark.parametrize("heading, name", [
    ("Causes of Hemifacial Spasm", "Causes"), ("Diagnostic Tests for Hemifacial Spasm", "Diagnostic Tests"),
    ("Drugs Used for Hemifacial Spasm", "Drugs"), ("Surgery for Hemifacial Spasm", "Surgery"),
    ("Treatment Options for Hemifacial Spasm", "Treatment Options"), ("Hemifacial Spasm Symptoms", "Symptoms"),
    ("What Causes Hemifacial Spasm?", "Causes"), ("How Is Hemifacial Spasm Diagnosed?", "Diagnosis"),
    ("Home Remedies", "Home Remedies"), ("CAUSES OF HEMIFACIAL SPASM", "Causes"),
])
def test_short_section_name(heading, name):
    assert short_section_name(heading, ["Hemifacial Spasm"]) == name


def test_condition_name_drops_subtitles():
    assert condition_name("Carpal Tunnel Syndrome (CTS): Causes, Symptoms and Treatment") == "Carpal Tunnel Syndrome (CTS)"
    assert condition_name("What Is Plantar Fasciitis?") == "Plantar Fasciitis"
    assert condition_name("Gout – a guide for patients") == "Gout"


def test_contact_details_and_chrome_never_reach_sections(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("Home | Health | Feet\nEmail - me@example.org Phone - +8801717615827\n\nHeel Pain\n\n"
                    "Heel pain is common. Call 0800 123 4567 for help.\n\nCauses of Heel Pain:\n\n"
                    "1. Plantar Fasciitis: Inflamed fascia.\n2. Stress Fracture: A small crack. Email us at a@b.co\n\n"
                    "Share this:\nTranslate »\nRegister New Account\n", encoding="utf-8")
    art = parse_article(path)
    assert art.title == "Heel Pain"
    assert art.lead == [(6, "Heel pain is common.")]
    assert [i.explanation for i in art.sections[0].items] == ["Inflamed fascia.", "A small crack."]


def test_markdown_subheadings_become_groups(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("# Gout\n\nGout is arthritis.\n\n## Treatment\n\n### Medicines\n\nDrugs help.\n\n"
                    "- Colchicine: Eases a flare.\n- Allopurinol: Lowers urate.\n\n### Diet\n\n- Less beer\n"
                    "- Fewer sugary drinks\n", encoding="utf-8")
    art = parse_article(path)
    (sec,) = art.sections
    assert [(g.term, g.explanation, [c.term for c in g.children]) for g in sec.items] == [
        ("Medicines", "Drugs help.", ["Colchicine", "Allopurinol"]), ("Diet", "", ["Less beer", "Fewer sugary drinks"])]


def test_windows_line_endings_keep_line_numbers(tmp_path):
    text = SOURCE.read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    art = parse_article(path)
    assert [(s.name, s.line) for s in art.sections] == [(s.name, s.line) for s in parse_article(SOURCE).sections]
    assert art.sections[1].items[6].line == 24


def test_windows_1252_text_is_decoded(tmp_path):
    path = tmp_path / "cp.txt"
    path.write_bytes("Gout\n\nCauses of Gout:\n\n1. Beer: Raises urate \u2013 a lot.\n".encode("cp1252"))
    assert parse_article(path).sections[0].items[0].explanation == "Raises urate \u2013 a lot."


def _error(path: Path) -> str:
    with pytest.raises(ArticleError) as info:
        parse_article(path)
    return str(info.value)


def test_errors_are_clear_and_located(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n")
    assert _error(empty) == f"{empty}: file is empty"
    binary = tmp_path / "pic.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert _error(binary) == f"{binary}: not a text file (binary data); expected a plain-text or Markdown article"
    prose = tmp_path / "prose.txt"
    prose.write_text("Gout\n\n## Causes\n\nNone are known.\n")
    assert _error(prose).startswith(f"{prose}: no sections with list items found")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Gout\n\nCauses:\n\n1. Beer \x81\x8d\n")
    assert _error(bad) == f"{bad}:5: not UTF-8 text (byte 0x81); save the article as UTF-8"
    missing = tmp_path / "missing.txt"
    assert _error(missing).startswith(f"{missing}: cannot read")
    assert _error(tmp_path) == f"{tmp_path}: is a folder, not an article file"
