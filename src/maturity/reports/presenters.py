"""How a refused workbook import is shown, on the import page and on an import job's page alike:
the error summary's list, a table comparing each conflict, and a table of the problems by sheet,
row and column. Plain data (govukTable parameters), so that a job can keep it as JSON."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maturity.reports.importer import Conflict, Problem, rows_of
from maturity.words import when_uk

# After "Nothing was saved." (the import page) or "Nothing was stored." (the job page).
CONFLICTS_ADVICE = gettext_lazy(
    "To keep what is saved now, put it back in your workbook (or leave the row "
    "as you downloaded it) and import it again. To replace it with yours, download a new "
    "workbook, make your change there and import that."
)


def conflict_table(conflict: Conflict) -> dict:
    """Each part of the answer or action, in the workbook and as saved now (shown in a block with
    the id `conflict-N`, which the error summary links to)."""

    if conflict.saved_at:
        saved = _("Saved now by %(who)s on %(when)s") % {"who": conflict.saved_by, "when": when_uk(conflict.saved_at)}
    else:
        saved = _("Saved now by %(who)s") % {"who": conflict.saved_by}

    def lines(text: str) -> dict:
        return {"text": text, "classes": "app-preserve-lines"}

    return {
        "caption": conflict.title,
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": [{"text": _("Part")}, {"text": _("In your workbook")}, {"text": saved}],
        "rows": [[{"text": what}, lines(yours), lines(theirs)] for what, yours, theirs in conflict.rows],
    }


def problems_table(problems: list[Problem], *, table_id: str) -> dict | None:
    """The problems found in the sheets (not the conflicts), by sheet, row and column."""
    found = [
        [{"text": p["sheet"]}, {"text": p["row"]}, {"text": p["column"]}, {"text": p["message"]}]
        for p in rows_of(problems)
    ]
    if not found:
        return None
    return {
        "caption": _("Problems found in the workbook (nothing was saved)"),
        "captionClasses": "govuk-table__caption--m",
        "attributes": {"id": table_id},
        "firstCellIsHeader": False,
        "head": [{"text": _("Sheet")}, {"text": _("Row")}, {"text": _("Column")}, {"text": _("Problem")}],
        "rows": found,
    }


def error_list(problems: list[Problem], *, other_href: str) -> list[dict]:
    """The error summary's items: a conflict links to its table, any other problem to `other_href`."""
    conflicts = iter(range(1, len(problems) + 1))
    return [
        {"text": str(problem), "href": f"#conflict-{next(conflicts)}" if problem.conflict else other_href}
        for problem in problems
    ]


def conflict_tables(problems: list[Problem]) -> list[dict]:
    return [conflict_table(problem.conflict) for problem in problems if problem.conflict is not None]
