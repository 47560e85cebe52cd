"""The MSEL as a spreadsheet: ``simtrain msel`` out, ``simtrain import`` back in, hostile files."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from simtrain.cli import main
from simtrain.scenario.loader import load_scenario

SHIPPED = ("field-to-fork", "central-mediterranean", "online-recruitment")


def rows_of(path: Path) -> list[list[str]]:
    if path.suffix == ".csv":
        return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    book = load_workbook(path, read_only=True)
    sheet = book.worksheets[0]
    out = [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return out


def run(*args: str) -> int:
    return main(["--ui-lang", "en", *args])


def sheet(path: Path, rows: Sequence[Sequence[object]], title: str = "Injects") -> Path:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = title
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


HEADER = ["Time", "Id", "Phase", "From", "To", "Channel", "Title", "Message"]


@pytest.mark.parametrize("scenario", SHIPPED)
def test_round_trip_of_every_shipped_scenario(tmp_path: Path, scenario: str) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run("msel", scenario, "-o", str(first)) == 0
    assert run("import", str(first), "-o", str(tmp_path / "imported")) == 0
    loaded = load_scenario(tmp_path / "imported")  # validates (warnings allowed)
    original = load_scenario(Path("scenarios") / scenario).scenario
    assert [i.id for i in loaded.scenario.injects] == [i.id for i in original.injects]
    assert [i.after for i in loaded.scenario.injects] == [i.after for i in original.injects]
    assert [i.when for i in loaded.scenario.injects] == [i.when for i in original.injects]
    assert run("msel", str(tmp_path / "imported"), "-o", str(second)) == 0
    assert rows_of(first) == rows_of(second)


@pytest.mark.parametrize("lang", ["ru", "it"])
def test_round_trip_with_headers_in_russian_and_italian(tmp_path: Path, lang: str) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert run("msel", "field-to-fork", "-o", str(first), "--lang", lang) == 0
    header = rows_of(first)[0]
    assert header[0] == {"ru": "День·время или условие", "it": "Giorno·ora o condizione"}[lang]
    assert run("import", str(first), "-o", str(tmp_path / "imp")) == 0  # language from headers
    assert load_scenario(tmp_path / "imp").scenario.language == lang
    assert run("msel", str(tmp_path / "imp"), "-o", str(second)) == 0
    assert rows_of(first) == rows_of(second)


def test_xlsx_is_frozen_filtered_wrapped_and_printable(tmp_path: Path) -> None:
    out = tmp_path / "m.xlsx"
    assert run("msel", "field-to-fork", "-o", str(out)) == 0
    ws = load_workbook(out).worksheets[0]
    assert ws.title == "Injects"
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:M{ws.max_row}"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$1:$1"
    assert ws["I2"].alignment.wrap_text
    assert ws.column_dimensions["I"].width == 70
    assert ws["A2"].value == "1·0:15"


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    grid = sheet(
        tmp_path / "in.xlsx", [HEADER, ["1·0:10", "x", "Day 1", "", "", "email", "T", "M"]]
    )
    assert run("import", str(grid), "-o", str(folder)) == 0
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    (folder / "scenario.yaml").write_text(
        text.replace("message: M", "message: '=HYPERLINK(\"http://x\")'"), encoding="utf-8"
    )
    assert run("msel", str(folder), "-o", str(tmp_path / "o.xlsx")) == 0
    cell = load_workbook(tmp_path / "o.xlsx").worksheets[0]["I2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'
    assert run("msel", str(folder), "-o", str(tmp_path / "o.csv")) == 0
    data = (tmp_path / "o.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "'=HYPERLINK" in data.decode("utf-8-sig")
    assert run("import", str(tmp_path / "o.csv"), "-o", str(tmp_path / "back")) == 0
    back = load_scenario(tmp_path / "back").scenario.injects[0].message
    assert back == '=HYPERLINK("http://x")'


def test_a_planners_sheet_in_russian_without_ids(tmp_path: Path) -> None:
    rows: list[Sequence[object]] = [
        ["MSEL учения «Порт»"],
        [
            "Время",
            "Этап",
            "От кого",
            "Кому",
            "Канал",
            "Тема",
            "Сообщение",
            "Ожидаемые действия",
            "Ответственный",
        ],
        ["Д1 09:30", "День 1", "Дежурный", "Следователь, Прокурор", "телефон", "Звонок", "Текст"],
        ["10:00", "", "", "все роли", "почта", "Письмо", "Текст 2", "Проверяет адрес", "Прокурор"],
    ]
    assert run("import", str(sheet(tmp_path / "m.xlsx", rows)), "-o", str(tmp_path / "s")) == 0
    s = load_scenario(tmp_path / "s").scenario
    assert s.language == "ru"
    assert [i.id for i in s.injects] == ["zvonok", "pismo"]
    assert [r.id for r in s.roles] == ["sledovatel", "prokuror"]
    assert s.injects[1].phase == s.injects[0].phase == "den-1"
    assert s.injects[1].at == 10 * 3600 and s.injects[1].to == "all"
    assert s.injects[1].expect[0].by == "prokuror"
    assert s.injects[0].from_ == "dezhurnyi" and s.characters[0].name == "Дежурный"


def test_map_names_headers_no_language_knows(tmp_path: Path) -> None:
    rows: list[Sequence[object]] = [
        ["Quando", "Oggetto breve", "Corpo", "Via"],
        ["1·0:05", "Avviso", "Testo", "email"],
    ]
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "Quando: when\nOggetto breve: title\nCorpo: message\nVia: channel\n", encoding="utf-8"
    )
    source = sheet(tmp_path / "m.xlsx", rows)
    assert run("import", str(source), "-o", str(tmp_path / "s"), "--map", str(mapping)) == 0
    assert load_scenario(tmp_path / "s").scenario.injects[0].title == "Avviso"
    mapping.write_text("Corpo: body\n", encoding="utf-8")
    assert run("import", str(source), "-o", str(tmp_path / "t"), "--map", str(mapping)) == 2


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def test_formulas_are_read_as_their_saved_value_never_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows: list[Sequence[object]] = [HEADER, ["1·0:10", "a", "Day 1", "", "", "email", "=1+1", "M"]]
    source = sheet(tmp_path / "f.xlsx", rows)
    assert run("import", str(source), "-o", str(tmp_path / "s")) == 0
    err = capsys.readouterr().err
    assert "f.xlsx:Injects!G2: warning: formula cell" in err
    # openpyxl saves no cached value: the title falls back to the message, never to "2"
    assert load_scenario(tmp_path / "s").scenario.injects[0].title == "M"


def test_merged_phase_cells_carry_down_and_a_merged_message_names_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows: list[Sequence[object]] = [
        HEADER,
        ["1·0:10", "a", "Arrival", "", "", "email", "T1", "M1"],
        ["1·0:20", "b", None, "", "", "email", "T2", "M2"],
    ]
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Injects"
    for row in rows:
        ws.append(list(row))
    ws.merge_cells("C2:C3")
    book.save(tmp_path / "m.xlsx")
    assert run("import", str(tmp_path / "m.xlsx"), "-o", str(tmp_path / "s")) == 0
    injects = load_scenario(tmp_path / "s").scenario.injects
    assert injects[0].phase == injects[1].phase == "arrival"
    capsys.readouterr()
    ws.unmerge_cells("C2:C3")
    ws["G3"], ws["H3"] = None, None
    ws.merge_cells("G2:H3")
    book.save(tmp_path / "m2.xlsx")
    assert run("import", str(tmp_path / "m2.xlsx"), "-o", str(tmp_path / "t")) == 2
    err = capsys.readouterr().err
    assert "m2.xlsx:Injects!G3: error: the row has neither a title nor a message" in err
    assert "unmerge" in err
    assert not (tmp_path / "t").exists()


def test_hundred_thousand_rows_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = Workbook(write_only=True)
    ws = book.create_sheet("Injects")
    ws.append(HEADER)
    for n in range(100_000):
        ws.append(["1·0:10", f"i{n}", "D", "", "", "email", "T", "M"])
    book.save(tmp_path / "big.xlsx")
    assert run("import", str(tmp_path / "big.xlsx"), "-o", str(tmp_path / "s")) == 2
    assert "has more than 5000 rows" in one_line(capsys)


def test_a_sheet_that_is_no_msel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows: list[Sequence[object]] = [["Name", "Amount"], ["Rent", 300], ["Food", 120]]
    assert run("import", str(sheet(tmp_path / "b.xlsx", rows, "Budget")), "-o", "x") == 2
    assert "b.xlsx:Budget!1: no MSEL header found" in one_line(capsys)


def test_a_text_file_renamed_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "fake.xlsx").write_text("Time,Title\n1:00,x\n", encoding="utf-8")
    assert run("import", str(tmp_path / "fake.xlsx"), "-o", str(tmp_path / "s")) == 2
    assert "is not an Excel workbook" in one_line(capsys)
    with zipfile.ZipFile(tmp_path / "other.xlsx", "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert run("import", str(tmp_path / "other.xlsx"), "-o", str(tmp_path / "s")) == 2
    assert "is not an Excel workbook" in one_line(capsys)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (150 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    assert run("import", str(bomb), "-o", str(tmp_path / "s")) == 2
    assert "unpacks to more than" in one_line(capsys)


def test_a_folder_that_is_not_empty_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = sheet(tmp_path / "m.xlsx", [HEADER, ["1·0:10", "a", "D", "", "", "email", "T", "M"]])
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "keep.txt").write_text("mine", encoding="utf-8")
    assert run("import", str(source), "-o", str(tmp_path / "s")) == 2
    assert "is not an empty folder" in one_line(capsys)
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == ["keep.txt"]


def test_a_condition_in_words_that_cannot_be_read_goes_to_the_control_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows: list[Sequence[object]] = [
        HEADER,
        ["1·0:10", "a", "D", "", "", "email", "T", "M"],
        ["when the team calls the embassy", "b", "D", "", "", "phone", "T2", "M2"],
    ]
    assert run("import", str(sheet(tmp_path / "m.xlsx", rows)), "-o", str(tmp_path / "s")) == 0
    assert "m.xlsx:Injects!A3: warning: the condition" in capsys.readouterr().err
    inject = load_scenario(tmp_path / "s").scenario.injects[1]
    assert inject.at == 0 and "when the team calls the embassy" in str(inject.control_note)


def test_cli_in_a_subprocess_speaks_the_interface_language(tmp_path: Path) -> None:
    out = tmp_path / "m.xlsx"
    command = [sys.executable, "-m", "simtrain", "--ui-lang", "ru"]
    done = subprocess.run([*command, "msel", "online-recruitment", "-o", str(out)], text=True,
                          capture_output=True, check=False)  # fmt: skip
    assert done.returncode == 0 and "записано" in done.stdout
    (tmp_path / "bad.xlsx").write_bytes(b"\x00not a workbook")
    bad = [*command, "import", str(tmp_path / "bad.xlsx"), "-o", str(tmp_path / "s")]
    done = subprocess.run(bad, text=True, capture_output=True, check=False)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "это не книга Excel" in done.stderr
    done = subprocess.run([*command, "import", str(out), "-o", str(tmp_path / "s")], text=True,
                          capture_output=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "s" / "scenario.yaml").is_file()


def test_a_problem_speaks_the_interface_language_whatever_the_sheet_speaks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "p.csv"
    source.write_text("Time;Title;Message;Channel\n1·0:10;Call;Hello;fax\n", encoding="utf-8")
    assert main(["--ui-lang", "it", "import", str(source), "-o", str(tmp_path / "s")]) == 2
    err = capsys.readouterr().err
    assert "p.csv:D2: errore: «fax» non è un canale" in err
    assert "telefono, e-mail, documento" in err
    assert not (tmp_path / "s").exists()
