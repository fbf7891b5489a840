"""The guards on files leaving the product (formulas) and entering it (uploads)."""

from __future__ import annotations

import os

import pytest

from maturity.reports.safety import LIMITS, Limits, UploadRefused, check_workbook_upload
from maturity.spreadsheets import neutralise, restore
from tests.reports.zips import CONTENT_TYPES, zip_bomb, zip_of


@pytest.mark.parametrize(
    "text",
    ["=SUM(A1:A9)", "+44 20 7946 0000", "-2+3", "@cmd", "\t=1", "\r=1", '=HYPERLINK("https://evil.example","Click")'],
)
def test_text_that_a_spreadsheet_could_run_gets_a_leading_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Cabinet report, March", "", " =1", "3 – Mature", 42, -3, None, 2.5])
def test_other_values_are_left_alone(value):
    assert neutralise(value) == value


@pytest.mark.parametrize("text", ["=1", "'=1", "''", "'quoted'", "'", "-", "plain", "'plain", "\t"])
def test_restore_undoes_neutralise_exactly(text):
    assert restore(neutralise(text)) == text


def test_an_apostrophe_typed_before_ordinary_text_is_kept():
    assert restore("'plain") == "'plain"


def xlsx_like(**extra: bytes) -> bytes:
    return zip_of({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": b"<workbook/>", **extra})


def refusal(name: str, data: bytes, limits: Limits = LIMITS) -> str:
    with pytest.raises(UploadRefused) as refused:
        check_workbook_upload(name, data, limits)
    return str(refused.value)


def test_a_small_sound_workbook_passes():
    check_workbook_upload("answers.xlsx", xlsx_like())


def test_only_xlsx_files_are_accepted():
    assert refusal("answers.csv", b"a,b\n1,2\n") == "The selected file must be an Excel workbook (.xlsx)"
    assert refusal("answers.xls", b"\xd0\xcf\x11\xe0") == "The selected file must be an Excel workbook (.xlsx)"


def test_a_file_that_is_not_a_zip_is_refused():
    assert "not an Excel workbook" in refusal("answers.xlsx", b"%PDF-1.7 not a workbook")


def test_a_password_protected_workbook_is_refused_with_advice():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000
    assert "password-protected or in the old Excel format" in refusal("answers.xlsx", data)


def test_an_empty_file_is_refused():
    assert refusal("answers.xlsx", b"") == "The selected file is empty"


def test_a_file_over_the_size_limit_is_refused_before_it_is_opened():
    data = b"PK\x03\x04" + os.urandom(LIMITS.max_upload_bytes)
    assert refusal("answers.xlsx", data) == "The selected file must be smaller than 5 MB"


def test_a_zip_that_is_not_a_workbook_is_refused():
    assert "not an Excel workbook" in refusal("answers.xlsx", zip_of({"readme.txt": b"hello"}))


def test_a_zip_bomb_is_refused_by_its_declared_size():
    assert "expands to far more data" in refusal("answers.xlsx", zip_bomb(60))


def test_a_zip_bomb_is_refused_by_its_compression_ratio():
    data = xlsx_like(**{"xl/worksheets/sheet1.xml": b"\0" * (2 * 1024 * 1024)})
    assert "expands to far more data" in refusal("answers.xlsx", data)


def test_a_zip_with_too_many_entries_is_refused():
    data = xlsx_like(**{f"xl/media/{i}.txt": b"x" for i in range(LIMITS.max_entries)})
    assert "too many parts" in refusal("answers.xlsx", data)


def test_the_real_uncompressed_size_is_capped_while_decompressing():
    limits = Limits(max_total_uncompressed=1000, max_entry_uncompressed=1000)
    data = xlsx_like(**{"xl/worksheets/sheet1.xml": b"<a>" + b"x" * 2000 + b"</a>"})
    assert "expands to far more data" in refusal("answers.xlsx", data, limits)


def test_xml_that_declares_entities_is_refused():
    data = xlsx_like(**{"xl/worksheets/sheet1.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'})
    assert "XML that a workbook never has" in refusal("answers.xlsx", data)


def test_openpyxl_itself_parses_with_defusedxml():
    """The second guard, behind check_workbook_upload's own parse of every XML part."""
    import openpyxl

    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize("bytes_as", ["utf-8", "utf-16", "utf-16-le", "utf-16-be"])
def test_a_dtd_is_refused_in_any_encoding(bytes_as):
    """Declared as UTF-16 (the attack), with or without a byte order mark, either way round."""
    declared = "UTF-8" if bytes_as == "utf-8" else "UTF-16"
    xml = f'<?xml version="1.0" encoding="{declared}"?><!DOCTYPE w [<!ENTITY e "x">]><w>&e;</w>'
    assert refusal("book.xlsx", xlsx_like(**{"xl/worksheets/sheet1.xml": xml.encode(bytes_as)})) == (
        "The selected file contains XML that a workbook never has, so it was not opened"
    )


def test_xml_in_an_encoding_the_parser_cannot_read_is_refused():
    xml = '<?xml version="1.0" encoding="UTF-16-LE"?><!DOCTYPE w [<!ENTITY e "x">]><w>&e;</w>'
    assert refusal("book.xlsx", xlsx_like(**{"xl/worksheets/sheet1.xml": xml.encode("utf-16-le")})) == (
        "The selected file is corrupted: download a new workbook and try again"
    )
