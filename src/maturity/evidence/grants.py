"""Reading a 360Giving grants file: the voluntary, community and social enterprise organisations
(VCSEs) a council funds, so that spend with them can be counted as spend with VCSEs.

Pure functions, no Django. Only the recipients are kept: their names (as supplier keys), charity
numbers and company numbers. Rows are numbered as a spreadsheet shows them (the header is row 1).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from maturity.evidence.csv_reading import MAX_PROBLEMS, SpendError, check_text, csv_rows
from maturity.evidence.normalise import registration_number, supplier_key
from maturity.evidence.spend_columns import heading_key

NAME = heading_key("Recipient Org:Name")
CHARITY = heading_key("Recipient Org:Charity Number")
COMPANY = heading_key("Recipient Org:Company Number")
IDENTIFIER = heading_key("Recipient Org:Identifier")


class GrantsError(SpendError):
    """The file is not a 360Giving grants file this product can read."""


@dataclass(frozen=True)
class Recipient:
    key: str
    name: str
    charity_number: str
    company_number: str


def read_recipients(open_binary, *, name: str = "the file") -> list[Recipient]:
    """The grant recipients of a 360Giving CSV file, one per organisation."""
    try:
        check_text(open_binary, name=name)
    except SpendError as error:
        raise GrantsError(error.problems) from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            with open_binary() as raw:
                return _recipients(csv_rows(raw, encoding, name), name)
        except UnicodeDecodeError:
            continue
        except SpendError as error:
            raise GrantsError(error.problems) from None
    raise AssertionError("cp1252 decodes any text")  # pragma: no cover


def _recipients(rows, name: str) -> list[Recipient]:
    header = None
    for _number, row in rows:
        if any(cell.strip() for cell in row):
            header = [heading_key(cell) for cell in row]
            break
    if header is None:
        raise GrantsError([_("%(name)s is empty.") % {"name": name}])
    if NAME not in header:
        raise GrantsError(
            [_("%(name)s is not a 360Giving grants file: it has no “Recipient Org:Name” column.") % {"name": name}]
        )
    i_name = header.index(NAME)
    i_charity = header.index(CHARITY) if CHARITY in header else None
    i_company = header.index(COMPANY) if COMPANY in header else None
    found: dict[str, Recipient] = {}
    problems: list[str] = []
    for number, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            row = row + [""] * (len(header) - len(row))
        display = " ".join(row[i_name].split())
        if not display:
            if len(problems) < MAX_PROBLEMS:
                problems.append(_("%(name)s, row %(row)s: the recipient has no name.") % {"name": name, "row": number})
            continue
        key = supplier_key(display)[:200]
        charity = registration_number(row[i_charity])[:20] if i_charity is not None else ""
        company = registration_number(row[i_company])[:20] if i_company is not None else ""
        known = found.get(key)
        if known is None or (not known.charity_number and charity) or (not known.company_number and company):
            found[key] = Recipient(
                key=key,
                name=display[:300],
                charity_number=charity or (known.charity_number if known else ""),
                company_number=company or (known.company_number if known else ""),
            )
    if problems:
        raise GrantsError(problems)
    if not found:
        raise GrantsError([_("%(name)s has a header but no grants.") % {"name": name}])
    return list(found.values())
