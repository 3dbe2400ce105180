"""CSV/TSV import and export: header detection, delimiter sniffing, BOM, errors, round trip."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from flashcards import Collection
from flashcards.core.interop import InteropError
from flashcards.core.interop.csv_io import read_csv, write_csv
from flashcards.core.interop.detect import import_paths


@pytest.fixture
def fresh(tmp_path: Path):
    with Collection.open(tmp_path / "data" / "collection.sqlite3") as col:
        yield col


def _write(tmp_path: Path, name: str, text: str, bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_headerless_comma_file_with_bom(tmp_path: Path) -> None:
    path = _write(tmp_path, "cardio.csv", 'Tachycardia?,HR > 100,cardio exam,Cardio::Rates\n"Two\nlines",b\n', bom=True)
    drafts = read_csv(path, "Default")
    assert [(d.deck, d.fields.front, d.fields.back, d.fields.tags, d.line) for d in drafts] == [
        ("Cardio::Rates", "Tachycardia?", "HR > 100", ("cardio", "exam"), 1),
        ("Default", "Two\nlines", "b", (), 2)]


@pytest.mark.parametrize("sep", ["\t", ";", "|"])
def test_header_and_sniffed_delimiter(tmp_path: Path, sep: str) -> None:
    text = sep.join(["Question", "Answer", "Deck"]) + "\n" + sep.join(["What, exactly?", "This, here", "D"]) + "\n"
    drafts = read_csv(_write(tmp_path, "x.txt", text), "Default")
    assert [(d.deck, d.fields.front, d.fields.back, d.line) for d in drafts] == [("D", "What, exactly?", "This, here", 2)]


def test_problems_name_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.csv", "front,back\nonly a front\nok,fine\n,empty front\n")
    with pytest.raises(InteropError) as info:
        read_csv(path, "D")
    assert info.value.problems[0].startswith(f"{path}:2: 1 column")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("a,b\ncaf\xe9,x\n".encode("latin-1"))
    with pytest.raises(InteropError, match=rf"{latin}:2: not UTF-8"):
        read_csv(latin, "D")


def test_bad_rows_import_nothing(fresh: Collection, tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.csv", "front,back\nok,fine\n,empty front\n")
    with pytest.raises(InteropError) as info:
        import_paths(fresh, [path])
    assert info.value.problems == [f"{path}:3: card 'item': 'front' is empty"]
    assert fresh.sched.cards() == []


def test_round_trip_csv_collection_csv(fresh: Collection, tmp_path: Path) -> None:
    text = ("front,back,tags,deck,type,id\n"
            "Tachycardia,HR > 100,cardio exam,Cardio,basic,tachy\n"
            "Bradycardia,HR < 60,,Cardio,reverse,brady\n"
            '"{{c1::Adenosine}} treats SVT",IV push,,Cardio::Drugs,cloze,adeno\n'
            '"Layers","Epicardium\nMyocardium\nEndocardium",,Cardio,list,layers\n')
    source = _write(tmp_path, "in.csv", text)
    summary = import_paths(fresh, [source])[0]
    assert len(summary.report.added) == 5          # the reverse note has two cards
    out = tmp_path / "out.csv"
    assert write_csv(fresh.db, "Cardio", out) == 4
    def rows(data: str) -> list[list[str]]:
        return sorted(csv.reader(io.StringIO(data)))

    assert rows(out.read_text(encoding="utf-8")) == rows(text)
    again = import_paths(fresh, [out])[0]
    assert (len(again.report.added), len(again.report.unchanged)) == (0, 5)


def test_rows_without_ids_match_on_reimport(fresh: Collection, tmp_path: Path) -> None:
    path = _write(tmp_path, "Pharm.tsv", "Dose of X\t5 mg\nDose of X\t10 mg\n")
    first = import_paths(fresh, [path])[0]
    assert sorted(c.key for c in fresh.sched.cards("Pharm")) == ["dose-of-x", "dose-of-x-2"]
    again = import_paths(fresh, [path])[0]
    assert (len(first.report.added), len(again.report.unchanged)) == (2, 2)
