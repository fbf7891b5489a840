"""Reading spend files whatever their headings: the real files, and every kind of bad file."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
import yaml

from maturity.evidence import csv_reading, spend, spend_columns, spend_values
from tests.evidence.helpers import OXFORD, TRAFFORD_ZIP, is_redacted, name_key, needs, spend_rows, trafford_slice


def opener(data: bytes):
    return lambda: io.BytesIO(data)


def read(text: str | bytes, mapping: list[str] | None = None, name: str = "spend.csv") -> spend.SpendData:
    data = text.encode() if isinstance(text, str) else text
    header = csv_reading.read_header(opener(data), name=name)
    return spend.read_spend(
        opener(data), mapping or spend_columns.propose_mapping(header.columns), name=name, encoding=header.encoding
    )


def problems(text: str | bytes, mapping: list[str] | None = None) -> list[str]:
    with pytest.raises(csv_reading.SpendError) as caught:
        read(text, mapping)
    return caught.value.problems


HEADER = "Date,Amount,Supplier Name,Charity Number\n"


@needs(OXFORD)
def test_every_header_variant_of_oxford_is_read_without_help():
    variants = set()
    for path in sorted(OXFORD.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            columns = next(csv.reader(handle))
        variants.add(tuple(columns))
        mapping = spend_columns.propose_mapping(columns)
        chosen = {key: columns[i].strip() for i, key in enumerate(mapping) if key}
        assert spend_columns.check_mapping(mapping, columns) == [], path.name
        assert chosen["date"].lower().replace("_", " ") == "paid date", path.name
        assert chosen["amount"].lower() == "amount", path.name
        assert chosen["supplier_name"].lower().replace("_", " ") == "supplier name", path.name
    assert len(variants) >= 8


@needs(TRAFFORD_ZIP)
def test_the_lga_schema_of_trafford_is_read_without_help():
    columns = spend_rows(trafford_slice(1))[0].keys()
    mapping = dict(zip(spend_columns.propose_mapping(list(columns)), columns))
    assert (mapping["date"], mapping["amount"], mapping["supplier_name"], mapping["supplier_id"]) == (
        "PaymentDate",
        "Amount",
        "BeneficiaryName",
        "BeneficiaryOtherID",
    )
    assert "charity_number" not in mapping  # VATRegistrationNumber is not a charity number


@needs(OXFORD)
def test_an_oxford_quarter_adds_up_to_what_plain_csv_finds():
    path = OXFORD / "expenditure-over-500-jan-mar-2016.csv"
    data = read(path.read_bytes(), name=path.name)
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    amounts = [Decimal(r["amount"]) for r in rows if r["amount"].strip()]
    assert data.rows == len(amounts)
    assert data.total == sum(amounts)
    assert data.credit_notes == sum(1 for a in amounts if a < 0)
    assert data.under_threshold == sum(1 for a in amounts if 0 <= a < 500)
    assert data.redacted == sum(1 for r in rows if is_redacted(r["supplier_name"]))
    named = {
        name_key(r["supplier_name"]) for r in rows if r["supplier_name"].strip() and not is_redacted(r["supplier_name"])
    }
    assert {line.key for line in data.lines.values() if line.kind == spend.NAMED} == named


@needs(TRAFFORD_ZIP)
def test_a_trafford_slice_adds_up_per_supplier_and_month():
    raw = trafford_slice(2000)
    data = read(raw)
    expected: dict[tuple[str, datetime.date], Decimal] = {}
    for row in spend_rows(raw):
        if is_redacted(row["BeneficiaryName"]):
            continue
        day = datetime.date.fromisoformat(row["PaymentDate"])
        key = (name_key(row["BeneficiaryName"]), day.replace(day=1))
        expected[key] = expected.get(key, Decimal(0)) + Decimal(row["Amount"])
    found = {(line.key, line.month): line.amount for line in data.lines.values() if line.kind == spend.NAMED}
    assert found == expected


@needs(OXFORD)
def test_a_real_file_without_dates_is_refused_row_by_row():
    path = OXFORD / "expenditure-over-500-apr-jun-2014.csv"
    with pytest.raises(csv_reading.SpendError) as caught:
        read(path.read_bytes(), name=path.name)
    shown = caught.value.problems
    assert shown[0] == f"{path.name}, row 2: the Paid Date “00:00:00” is not a date."
    assert len(shown) == csv_reading.MAX_PROBLEMS + 1 and shown[-1].startswith("… and 3,816 more rows")


def test_dates_in_the_forms_councils_write_them():
    for text in (
        "2024-04-05",
        "05/04/2024",
        "05/04/24",
        "05-04-2024",
        "05.04.2024",
        "5 Apr 2024",
        "05-Apr-2024",
        "5 April 2024",
        "05-Apr-24",
        "2024-04-05T00:00:00",
        "05/04/2024 00:00",
        "05/04/2024 00:00:00",
    ):
        assert spend_values.parse_date(text) == datetime.date(2024, 4, 5), text
    for text in ("", "00:00:00", "31/02/2024", "Q1", "2024"):
        assert spend_values.parse_date(text) is None, text


def test_amounts_and_credit_notes_in_the_forms_councils_write_them():
    cases = {
        "1234.5": "1234.50",
        "£1,234.50": "1234.50",
        "-12": "-12",
        "(12.00)": "-12.00",
        "12.00 CR": "-12.00",
        "12.00-": "-12.00",
        " 7 ": "7",
    }
    for text, value in cases.items():
        assert spend_values.parse_amount(text) == Decimal(value), text
    for text in ("", "twelve", "NaN", "£"):
        assert spend_values.parse_amount(text) is None, text


def test_a_byte_order_mark_quotes_and_windows_line_ends_are_read():
    text = (
        '\ufeffPaid Date,Amount,Supplier Name\r\n01/05/2024,"1,000.00","Acme, Ltd"\r\n02/05/2024,50,"Multi\nline"\r\n'
    )
    data = read(text.encode("utf-8"))
    assert data.rows == 2 and data.total == Decimal("1050.00")
    assert sorted(line.name for line in data.lines.values()) == ["Acme, Ltd", "Multi line"]


def test_a_windows_1252_file_is_read_as_such():
    data = read("Date,Amount,Supplier Name\n01/05/2024,5,Caf\u00e9 \u2013 R\u00e9sum\u00e9\n".encode("cp1252"))
    assert data.encoding == "cp1252"
    assert [line.name for line in data.lines.values()] == ["Caf\u00e9 \u2013 R\u00e9sum\u00e9"]


def test_redacted_unnamed_credit_notes_small_payments_and_trailers_are_counted():
    data = read(
        HEADER + "01/05/2024,600,Acme\n02/05/2024,-50,Acme\n03/05/2024,20,Redacted personal data\n"
        "04/05/2024,700,\n,,,\n,,Total,\n05/06/2024,100,REDACTIVE MEDIA LTD\n"
    )
    assert (data.rows, data.credit_notes, data.under_threshold, data.redacted, data.unnamed, data.skipped) == (
        5,
        1,
        2,
        1,
        1,
        1,
    )
    assert data.total == Decimal("1370")
    assert {(line.kind, line.key) for line in data.lines.values()} == {
        (spend.NAMED, "acme"),
        (spend.REDACTED, ""),
        (spend.UNNAMED, ""),
        (spend.NAMED, "redactive media"),
    }
    assert data.months == [datetime.date(2024, 5, 1), datetime.date(2024, 6, 1)]


def test_charity_numbers_and_flags_are_kept_per_supplier():
    data = read(
        "Date,Amount,Supplier Name,Charity Number,VCSE,SME\n01/05/2024,600,Helpers,1146179,N,yes\n01/05/2024,6,Acme,N/A,Y,no\n"
    )
    lines = {line.key: line for line in data.lines.values()}
    assert (lines["helpers"].charity_number, lines["helpers"].vcse, lines["helpers"].sme) == ("1146179", False, True)
    assert (lines["acme"].charity_number, lines["acme"].vcse, lines["acme"].sme) == ("", True, False)


# --- bad files ------------------------------------------------------------------------------------


def test_an_empty_file_is_refused():
    assert problems(b"") == ["spend.csv is empty."]
    assert problems(b"\xef\xbb\xbf\r\n") == ["spend.csv is empty."]
    assert problems(HEADER) == ["spend.csv has a header but no payments."]


def test_the_wrong_encoding_is_refused():
    assert "wrong encoding" in problems((HEADER + "01/05/2024,5,Acme,\n").encode("utf-16"))[0]
    assert "workbook or an archive" in problems(b"PK\x03\x04rest-of-a-zip")[0]


def test_an_unknown_column_layout_says_what_is_missing():
    text = "When,How much,Who\n01/05/2024,5,Acme\n"
    header = csv_reading.read_header(opener(text.encode()))
    mapping = spend_columns.propose_mapping(header.columns)
    assert mapping == ["", "", ""]
    assert spend_columns.check_mapping(mapping, header.columns) == [
        "Choose the column that holds the payment date",
        "Choose the column that holds the amount (£)",
        "Choose the column that holds the supplier name",
    ]
    assert problems(text)[0] == "spend.csv: Choose the column that holds the payment date."
    assert read(text, ["date", "amount", "supplier_name"]).total == 5


def test_one_field_in_two_columns_is_refused():
    text = "Date,Paid Date,Amount,Supplier\n01/05/2024,01/05/2024,5,Acme\n"
    assert (
        "Choose only one column for the payment date: Date and Paid Date are both chosen"
        in problems(text, ["date", "date", "amount", "supplier_name"])[0]
    )


def test_faulty_rows_are_listed_by_row_and_nothing_is_returned():
    text = HEADER + "01/05/2024,5,Acme,\n31/02/2024,5,Acme,\n01/05/2024,five,Acme,\n01/05/2024,5,Acme,1,extra\n"
    assert problems(text) == [
        "spend.csv, row 3: the Date “31/02/2024” is not a date.",
        "spend.csv, row 4: the Amount “five” is not an amount of money.",
        "spend.csv, row 5: has 5 values but the header has 4 columns.",
    ]


def test_a_quote_never_closed_is_refused():
    assert "never closed" in problems(HEADER + '01/05/2024,5,"Acme,\n')[0]


def test_a_one_line_file_is_not_taken_for_a_header():
    assert "does not look like the header" in problems("just some text\n")[0]


def test_the_table_of_synonyms_is_valid_and_every_heading_names_one_field():
    document = yaml.safe_load(spend_columns.COLUMNS_FILE.read_text(encoding="utf-8"))
    headings = [spend_columns.heading_key(s) for f in document["fields"] for s in f["synonyms"]]
    assert len(headings) == len(set(headings))
    assert {f.key for f in spend_columns.fields() if f.required} == {"date", "amount", "supplier_name"}


def test_a_wide_row_deep_in_a_large_file_is_still_found():
    """Past the first megabyte, lines are split only up to the last column used; a line with too
    many values must still be caught."""
    header = "Paid Date,Amount,Supplier Name,Notes,A,B,C,D\n"
    row = "01/05/2024,10.00,Acme Ltd,some words here,a,b,c,d\n"
    count = 2_000_000 // len(row)
    text = header + row * count + "01/05/2024,10.00,Acme Ltd,more,a,b,c,d,e\n" + row * 10
    assert problems(text) == [f"spend.csv, row {count + 2}: has 9 values but the header has 8 columns."]
    data = read(header + row * count)
    assert (data.rows, data.total) == (count, Decimal(10) * count)


def test_a_blank_line_and_a_wide_line_in_one_megabyte_are_each_read_for_what_they_are():
    """Past the first megabyte a batch whose commas add up is read line by line without the csv
    module; a blank line (seven commas short) and a line with seven values too many, in columns
    not read, make the commas add up, and must not hide the wide line."""
    header = "Paid Date,Amount,Supplier Name,Notes,A,B,C,D\n"
    row = "01/05/2024,10.00,Acme Ltd,some words here,a,b,c,d\n"
    count = 1_500_000 // len(row)
    wide = "01/05/2024,10.00,Acme Ltd,more,a,b,c,d,e,f,g,h,i,j,k\n"
    short = "01/05/2024,10.00,Acme Ltd,more,a,b,c\n"  # a short line is padded, as a spreadsheet would
    assert problems(header + row * count + "\n" + wide + row * 10) == [
        f"spend.csv, row {count + 3}: has 15 values but the header has 8 columns."
    ]
    data = read(header + row * count + "\n" + short + row * 10)
    assert (data.rows, data.total) == (count + 11, Decimal(10) * (count + 11))


def test_rows_past_the_first_megabyte_keep_their_numbers_and_their_suppliers():
    header = "Paid Date,Amount,Supplier Name,Notes\n"
    rows = [f"0{1 + n % 9}/05/2024,{n % 700}.25,Supplier {n % 50},note {n}\n" for n in range(60_000)]
    text = header + "".join(rows)
    assert len(text) > 2 << 20
    data = read(text)
    expected: dict[str, Decimal] = {}
    for n in range(60_000):
        expected[f"supplier {n % 50}"] = expected.get(f"supplier {n % 50}", Decimal(0)) + Decimal(f"{n % 700}.25")
    assert {line.name.lower(): line.amount for line in data.lines.values()} == expected
    assert data.under_threshold == sum(1 for n in range(60_000) if n % 700 < 500)
    faulty = rows[:]
    faulty[45_000] = "01/05/2024,ten pounds,Supplier 1,note\n"
    assert problems(header + "".join(faulty)) == [
        "spend.csv, row 45002: the Amount “ten pounds” is not an amount of money."
    ]


@pytest.mark.parametrize("where", ["a supplier's name", "a column not read"])
def test_a_windows_1252_character_past_the_first_megabyte_is_read_as_such(where):
    """Lines past the first megabyte are split as bytes and only the fields read are decoded: a
    Windows-1252 "é" deep in the file must still turn the whole file to Windows-1252."""
    header = "Paid Date,Amount,Supplier Name,Notes\n"
    row = "01/05/2024,10.00,Acme Ltd,some words here\n"
    count = 1_500_000 // len(row)
    odd = "01/05/2024,10.00,Café Rouge,notes\n" if where == "a supplier's name" else "01/05/2024,10.00,Acme Ltd,café\n"
    data = read((header + row * count + odd + row * 10).encode("cp1252"))
    assert (data.rows, data.total) == (count + 11, Decimal(10) * (count + 11))
    names = {line.name for line in data.lines.values()}
    assert names == ({"Acme Ltd", "Café Rouge"} if where == "a supplier's name" else {"Acme Ltd"})
