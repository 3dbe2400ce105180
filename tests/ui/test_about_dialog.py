"""The About dialog shows each deck source's attribution and full disclaimer; the shortcuts list."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import textwrap

import pytest

import flashcards
from flashcards.core.collection import Collection
from flashcards.ui.about_dialog import AboutDialog, _paragraphs, deck_sources
from flashcards.ui.render import SafeTextBrowser
from flashcards.ui.shortcuts_dialog import ShortcutsDialog, split_keys

DISCLAIMER = textwrap.dedent("""\
    These cards summarise one educational article for study purposes only. They are
    not medical advice and do not replace clinical training or supervision.

    Always check facts against current guidelines. <img src="file:///etc/passwd"> stays text.
    - one listed caveat
    - another caveat""")


def _deck(path, name, title, attribution, disclaimer, source="hemifacial-spasm.txt"):
    body = textwrap.indent(disclaimer, "  ")
    path.write_text(
        f'deck: "{name}"\nsource: "{source}"\nsource_title: "{title}"\nattribution: "{attribution}"\n'
        f"disclaimer: |\n{body}\ncards:\n  - id: a\n    type: basic\n    front: \"Q\"\n    back: \"A\"\n",
        encoding="utf-8")
    return path


@pytest.fixture
def col(tmp_path):
    d1 = _deck(tmp_path / "causes.yaml", "Hemifacial Spasm::Causes", "Hemifacial Spasm: an overview",
               "Md Harun Ar Rashid", DISCLAIMER)
    d2 = _deck(tmp_path / "symptoms.yaml", "Hemifacial Spasm::Symptoms", "Hemifacial Spasm: an overview",
               "Md Harun Ar Rashid", DISCLAIMER)
    d3 = _deck(tmp_path / "other.yaml", "Knee::Ligaments", "Knee <b>ligaments</b>", "A. Author & co",
               "Second disclaimer, in full.", source="knee.txt")
    c = Collection.open(tmp_path / "c.sqlite3")
    c.import_decks([d1, d2, d3])
    yield c
    c.close()


def test_sources_are_grouped_and_parent_decks_skipped(col):
    groups = deck_sources(col)
    assert [g.decks for g in groups] == [["Hemifacial Spasm::Causes", "Hemifacial Spasm::Symptoms"],
                                         ["Knee::Ligaments"]]
    assert groups[0].source_title == "Hemifacial Spasm: an overview"


def test_about_shows_version_sources_and_full_disclaimers(qtbot, col):
    dlg = AboutDialog(col)
    qtbot.addWidget(dlg)
    dlg.show()
    assert flashcards.__version__ in dlg.version_label.text()
    assert isinstance(dlg.sources, SafeTextBrowser)
    assert dlg.sources.isReadOnly()
    text = " ".join(dlg.sources.toPlainText().split())
    assert "Hemifacial Spasm: an overview" in text
    assert "Md Harun Ar Rashid" in text
    assert "Hemifacial Spasm › Causes, Hemifacial Spasm › Symptoms" in text
    assert " ".join(DISCLAIMER.split()) in text  # every word of the disclaimer, in order
    assert text.count("These cards summarise") == 1  # one block per distinct source
    assert "Knee <b>ligaments</b>" in text and "A. Author & co" in text  # shown literally
    assert "Second disclaimer, in full." in text
    assert 'src="file:///etc/passwd"' in text
    assert not dlg.sources.resource_requests  # nothing in the panel asked for a resource
    licences = dlg.licences.text()
    assert "LGPL" in licences and "FSRS" in licences and "MIT" in licences


def test_about_with_no_decks(qtbot, tmp_path):
    with Collection.open(tmp_path / "empty.sqlite3") as c:
        dlg = AboutDialog(c)
        qtbot.addWidget(dlg)
        assert "No decks imported yet" in dlg.sources.toPlainText()


def test_disclaimer_paragraphs_reflow_but_keep_list_items():
    assert _paragraphs("a\nb\n\nc\n- d\n- e\n") == ["a b", "c\n- d\n- e"]
    assert _paragraphs("\n\n") == []


def test_close_button_has_focus_and_closes(qtbot, col):
    dlg = AboutDialog(col)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.close_button.hasFocus() or not dlg.isActiveWindow(), timeout=1000)
    dlg.close_button.click()
    assert dlg.result() == AboutDialog.DialogCode.Rejected


# ------------------------------------------------------------------ shortcuts
def test_shortcuts_dialog_lists_every_key(qtbot):
    dlg = ShortcutsDialog()
    qtbot.addWidget(dlg)
    rows = {action: keys for keys, action in dlg.shortcuts()}
    assert rows["Show the answer"] == "Space / Enter"
    assert rows["Again — forgot it"] == "1" and rows["Easy — recalled instantly"] == "4"
    assert rows["Undo the last answer, bury or suspend"] == "Ctrl+Z"
    assert rows["Bury: hide the card until tomorrow"] == "-"
    assert rows["Suspend: take the card out of study"] == "@"
    assert rows["Back to the decks"] == "Esc"
    assert rows["Study the selected deck"] == "Enter"
    assert rows["Settings"] == "Ctrl+,"
    assert rows["Quit"] == "Ctrl+Q"
    assert rows["This list of shortcuts"] == "F1"
    texts = [dlg.table.item(r, 1).text() for r in range(dlg.table.rowCount()) if dlg.table.item(r, 1)]
    assert "Good (once the answer is shown)" in texts


def test_split_keys():
    assert split_keys("Space / Enter") == [["Space"], ["Enter"]]
    assert split_keys("Ctrl+,") == [["Ctrl", ","]]
    assert split_keys("Ctrl+Z") == [["Ctrl", "Z"]]
    assert split_keys("-") == [["-"]] and split_keys("+") == [["+"]]
