"""The committee report: an A4 PDF for councillors, made with WeasyPrint as tagged PDF/UA-1.

`committee_report` prepares what the report shows (the templates stay dumb); `render_html`
renders `reports/committee.html` with the product's Jinja environment; `render_pdf` turns that
HTML into PDF. The text is set in Liberation Sans (Arial's metrics), embedded as a subset.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from maturity.assessments import presenters
from maturity.assessments.models import AREA_ORDER, Assessment
from maturity.assessments.services import meeting_text
from maturity.benchmarks import presenters as benchmark_presenters
from maturity.documents import presenters as document_presenters
from maturity.evidence import presenters as evidence_presenters
from maturity.evidence.indicators import DEFINITIONS, MINIMUM_COUNT
from maturity.reports.summary import summary
from maturity.words import counted, date_uk

TOP_GAPS = 5

# WeasyPrint logs each step of its work at INFO level: keep its warnings and errors only.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def sign_off_details(assessment: Assessment) -> dict[str, str] | None:
    if not assessment.is_signed_off:
        return None
    return {
        "name": assessment.signer_name or _("Not recorded"),
        "role": assessment.signer_role or _("Not recorded"),
        "date": date_uk(assessment.signed_off_at) or _("Not recorded"),
        "meeting": meeting_text(assessment),
    }


def action_rows(assessment: Assessment, today: datetime.date) -> list[dict[str, Any]]:
    actions = assessment.actions.select_related("area").order_by(*AREA_ORDER, "due_date", "pk")
    rows = []
    for action in actions:
        overdue = action.is_overdue(today)
        status = action.get_status_display()
        rows.append(
            {
                "area": action.area.label,
                "title": action.title,
                "description": action.description,
                "owner": action.owner_name,
                "due": date_uk(action.due_date) or _("No date set"),
                "status": _("%(status)s (overdue)") % {"status": status} if overdue else status,
                "overdue": overdue,
            }
        )
    return rows


def evidence_tables(assessment: Assessment) -> list[dict[str, Any]]:
    """The evidence from open data, one table per source (notices, spend) for its latest year:
    each indicator with its figure and the areas of this assessment it speaks to. Empty when the
    organisation has none. The figures sit beside the self-assessment; they never change a level."""
    framework = assessment.framework
    extends = framework.extends.key if framework.extends_id else None
    items = evidence_presenters.report_evidence(assessment.organisation, framework.key, extends=extends)
    titles = {area.key: area.label for area in framework.areas.order_by("position")}
    tables: dict[str, dict[str, Any]] = {}
    for item in items:
        source = DEFINITIONS[item["key"]].source
        table = tables.setdefault(
            source,
            {
                "title": evidence_presenters.SOURCE_TITLES[source],
                "year": item["year"],
                "period": item["period"],
                "source": item["source"],
                "rows": [],
            },
        )
        areas = [titles[key] for key in titles if key in item["areas"]]  # in the framework's order
        table["rows"].append({**item, "areas": "; ".join(areas) or _("None in this framework")})
    return list(tables.values())


def document_rows(assessment: Assessment) -> list[dict[str, str]]:
    """The evidence documents, area by area in the framework's order."""
    documents = document_presenters.report_documents(assessment)
    return [
        {"area": response.area.label, **row}
        for response in presenters.responses_in_order(assessment)
        for row in documents.get(response.area_id, [])
    ]


def committee_report(assessment: Assessment, *, today: datetime.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    framework = assessment.framework
    organisation = assessment.organisation
    page = presenters.results(assessment)
    results = [row["result"] for row in page.table]
    actions = action_rows(assessment, today)
    overdue = sum(1 for row in actions if row["overdue"])
    documents = document_rows(assessment)
    return {
        "page": page,
        "organisation": organisation,
        "assessment": assessment,
        "framework": framework,
        "title": _("%(organisation)s: %(assessment)s – procurement maturity report")
        % {"organisation": organisation.name, "assessment": assessment.title},
        "status": assessment.get_status_display(),
        "sign_off": sign_off_details(assessment),
        "submitted": date_uk(assessment.submitted_at),
        "summary": summary(organisation=organisation.name, results=results, level_names=framework.level_names),
        "top_gaps": [
            {
                "title": item["result"].title,
                "section": item["result"].section_title,
                "current": presenters.level_label(assessment, item["result"].current),
                "target": presenters.level_label(assessment, item["result"].target),
                "gap": item["gap"],
            }
            for item in page.ranked[:TOP_GAPS]
        ],
        "comparison": benchmark_presenters.results_comparison(assessment),
        "over_time": presenters.progress_over_time(assessment),
        "documents": documents,
        "documents_count": counted(len(documents), "%(num)s document", "%(num)s documents"),
        "evidence": evidence_tables(assessment),
        "evidence_minimum": MINIMUM_COUNT,
        "actions": actions,
        "actions_count": counted(len(actions), "%(num)s action", "%(num)s actions"),
        "actions_total": len(actions),
        "overdue_count": counted(overdue, "%(num)s action", "%(num)s actions") if overdue else "",
        "overdue_total": overdue,
        "levels": [{"number": n, "name": name} for n, name in sorted(framework.level_names.items())],
        "today": date_uk(today),
        "product_name": settings.PRODUCT_NAME,
    }


def render_html(assessment: Assessment, *, today: datetime.date | None = None) -> str:
    return render_to_string("reports/committee.html", committee_report(assessment, today=today))


def render_pdf(assessment: Assessment, *, today: datetime.date | None = None) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which only reports need

    html = render_html(assessment, today=today)
    return HTML(string=html, base_url=str(settings.PACKAGE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
