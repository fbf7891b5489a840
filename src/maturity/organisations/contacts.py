"""Contacts in bulk: a CSV file of people to invite, checked whole before anyone is invited.

`check` reads the file (organisation code or name, person's name, email, role) and returns every
row it understood and every problem, each naming its row (the header is row 1). `invite_all`
invites the rows in one transaction, after checking each again: if anything changed meanwhile,
nothing is saved and no email is queued (emails are background jobs written in the same
transaction, maturity/mail.py). The web page and `maturity organisations invite` both use these.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext, ngettext

from maturity import audit
from maturity.organisations import services
from maturity.organisations.models import Membership, Organisation, Role
from maturity.problems import Problems
from maturity.words import counted
from maturity.words import number as written_number

COLUMNS = ("organisation", "name", "email", "role")
MAX_BYTES = 1024 * 1024
MAX_ROWS = 2_000
_REPORT_AT_MOST = 100
ROLE_WORDS = {**{role.value: role.value for role in Role}, **{role.label.lower(): role.value for role in Role}}


class ContactsError(Problems):
    """The contacts file cannot be imported; `problems` says what was wrong and where."""


@dataclass(frozen=True)
class ContactRow:
    row: int
    organisation: Organisation
    full_name: str
    email: str
    role: str

    @property
    def role_label(self) -> str:
        return Role(self.role).label


@dataclass
class Checked:
    rows: list[ContactRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def is_good(self) -> bool:
        return bool(self.rows) and not self.problems


def check(data: bytes) -> Checked:
    """Every row of the file checked against the database; nothing is written."""
    text, problem = _text(data)
    if problem:
        return Checked(problems=[problem])
    reader = csv.reader(io.StringIO(text))
    header = [cell.strip().lower() for cell in next(reader, [])]
    missing = [name for name in COLUMNS if name not in header]
    if not any(header):
        return Checked(
            problems=[
                gettext("The file is empty: the first row must name the columns %(columns)s")
                % {"columns": ", ".join(COLUMNS)}
            ]
        )
    if missing:
        return Checked(
            problems=[
                ngettext(
                    "Row 1 (the header) is missing the column %(missing)s: the columns must be %(columns)s",
                    "Row 1 (the header) is missing the columns %(missing)s: the columns must be %(columns)s",
                    len(missing),
                )
                % {"missing": ", ".join(missing), "columns": ", ".join(COLUMNS)}
            ]
        )
    index = {name: header.index(name) for name in COLUMNS}
    records = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, as spreadsheets often leave at the end
        if len(records) >= MAX_ROWS:
            return Checked(
                problems=[
                    gettext("The file has more than %(num)s contacts: split it into smaller files")
                    % {"num": f"{MAX_ROWS:,}"}
                ]
            )
        values = {name: (cells[i].strip() if i < len(cells) else "") for name, i in index.items()}
        records.append((number, values))
    if not records:
        return Checked(problems=[gettext("The file has a header but no contacts")])
    return _check_rows(records)


def _text(data: bytes) -> tuple[str, str]:
    if len(data) > MAX_BYTES:
        return "", gettext("The file is larger than %(size)s MB: split it into smaller files") % {
            "size": MAX_BYTES // 1024 // 1024
        }
    if b"\x00" in data:
        return "", gettext("The file is not a CSV file: save it from your spreadsheet as CSV UTF-8")
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as error:
        return "", (
            gettext(
                "The file is not UTF-8 text (byte %(byte)s cannot be read): save it from your spreadsheet as CSV UTF-8"
            )
            % {"byte": error.start + 1}
        )


def _check_rows(records: list[tuple[int, dict[str, str]]]) -> Checked:
    organisations = _organisations({values["organisation"] for _, values in records if values["organisation"]})
    emails = {values["email"].lower() for _, values in records if values["email"]}
    members = set(Membership.objects.filter(user__email__in=emails).values_list("organisation_id", "user__email"))
    members = {(org, email.lower()) for org, email in members}
    invited = set()
    for organisation in {o for found in organisations.values() for o in found}:
        for email in services.open_invitations(organisation).values_list("email", flat=True):
            invited.add((organisation.pk, email.lower()))

    checked = Checked()
    seen: dict[tuple[int, str], int] = {}
    for number, values in records:
        problems: list[str] = []
        organisation = _organisation(values["organisation"], organisations, problems)
        name = " ".join(values["name"].split())
        if not name:
            problems.append(gettext("enter the person's name"))
        elif len(name) > 200:
            problems.append(gettext("the name must be 200 characters or fewer"))
        email = values["email"].lower()
        if not email:
            problems.append(gettext("enter the person's email address"))
        else:
            try:
                validate_email(email)
            except ValidationError:
                problems.append(
                    gettext("%(email)s is not an email address in the correct format, like name@example.gov.uk")
                    % {"email": repr(values["email"])}
                )
                email = ""
        role = ROLE_WORDS.get(values["role"].lower())
        if role is None:
            problems.append(
                gettext("the role must be lead, contributor or viewer, not %(role)s") % {"role": repr(values["role"])}
                if values["role"]
                else gettext("enter the role: lead, contributor or viewer")
            )
        if organisation is not None and email:
            key = (organisation.pk, email)
            if key in seen:
                problems.append(
                    gettext("%(email)s is also on row %(row)s for %(organisation)s")
                    % {"email": email, "row": seen[key], "organisation": organisation.name}
                )
            else:
                seen[key] = number
            if key in members:
                problems.append(
                    gettext("%(email)s is already a member of %(organisation)s")
                    % {"email": email, "organisation": organisation.name}
                )
            elif key in invited:
                problems.append(
                    gettext("%(email)s has already been invited to %(organisation)s: resend that invitation instead")
                    % {"email": email, "organisation": organisation.name}
                )
        if problems:
            checked.problems.append(
                gettext("Row %(row)s: %(problems)s") % {"row": number, "problems": "; ".join(problems)}
            )
        else:
            checked.rows.append(
                ContactRow(row=number, organisation=organisation, full_name=name, email=email, role=role)
            )
    if len(checked.problems) > _REPORT_AT_MOST:
        more = len(checked.problems) - _REPORT_AT_MOST
        checked.problems = [
            *checked.problems[:_REPORT_AT_MOST],
            counted(more, "... and %(num)s more row with problems", "... and %(num)s more rows with problems"),
        ]
    return checked


def _organisations(keys: set[str]) -> dict[str, list[Organisation]]:
    """Each organisation key of the file (a GSS code, register code or name) and what it matches."""
    if not keys:
        return {}
    query = Q()
    for key in keys:
        query |= (
            Q(gss_code__iexact=key) | Q(register_code__iexact=key) | Q(name__iexact=key) | Q(official_name__iexact=key)
        )
    candidates = list(Organisation.objects.filter(query))
    found: dict[str, list[Organisation]] = {}
    for key in keys:
        k = key.lower()
        by_code = [o for o in candidates if k in (o.gss_code.lower(), o.register_code.lower()) and k]
        by_name = [o for o in candidates if k in (o.name.lower(), o.official_name.lower())]
        matches = by_code or by_name
        current = [o for o in matches if o.is_current]
        found[key] = current or matches
    return found


def _organisation(key: str, organisations: dict[str, list[Organisation]], problems: list[str]) -> Organisation | None:
    if not key:
        problems.append(gettext("enter the organisation's GSS code or name"))
        return None
    matches = organisations.get(key, [])
    if not matches:
        problems.append(gettext("no organisation has the code or name %(key)s") % {"key": repr(key)})
        return None
    if len(matches) > 1:
        problems.append(
            ngettext(
                "%(key)s matches %(num)s organisation: use its GSS code",
                "%(key)s matches %(num)s organisations: use its GSS code",
                len(matches),
            )
            % {"key": repr(key), "num": written_number(len(matches))}
        )
        return None
    return matches[0]


def invite_all(*, rows: list[ContactRow], invited_by) -> int:
    """Invite every row, or nobody: any row refused now (someone joined or was invited since the
    check) rolls everything back, emails included. Returns how many were invited."""
    problems: list[str] = []
    with transaction.atomic():
        for row in rows:
            try:
                services.invite_colleague(
                    organisation=row.organisation,
                    email=row.email,
                    role=row.role,
                    invited_by=invited_by,
                    full_name=row.full_name,
                )
            except services.Refused as refusal:
                problems.append(gettext("Row %(row)s: %(problems)s") % {"row": row.row, "problems": refusal.message})
        if problems:
            transaction.set_rollback(True)
        else:
            audit.record(
                kind="contacts-invited",
                actor=invited_by,
                subject=f"{len(rows)} contacts",
                details={"organisations": len({row.organisation.pk for row in rows})},
            )
    if problems:
        raise ContactsError(problems)
    return len(rows)
