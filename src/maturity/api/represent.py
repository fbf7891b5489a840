"""Models as the API shows them: plain dicts in the shapes of schemas.py, with absolute links."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from maturity import scoring
from maturity.api.models import ApiToken
from maturity.assessments.models import Action, Assessment, Response
from maturity.assessments.services import answer_of
from maturity.documents.models import Document
from maturity.evidence import presenters as evidence_presenters
from maturity.evidence.indicators import SOURCES, Figure, year_label
from maturity.evidence.selectors import YearFigures
from maturity.frameworks.models import Area, Framework
from maturity.organisations.models import Organisation


def link(request: HttpRequest, name: str, **kwargs: Any) -> str:
    return request.build_absolute_uri(reverse(f"api:v1:{name}", kwargs=kwargs))


def framework_ref(framework: Framework) -> dict[str, Any]:
    return {"key": framework.key, "version": framework.version, "title": framework.title}


def framework(request: HttpRequest, f: Framework) -> dict[str, Any]:
    return {
        **framework_ref(f),
        "status": f.status,
        "follows": f.follows.version if f.follows_id else None,
        "published_at": f.published_at,
        "retired_at": f.retired_at,
        "url": link(request, "framework", key=f.key, version=f.version),
    }


def organisation(o: Organisation) -> dict[str, Any]:
    return {
        "slug": o.slug,
        "name": o.name,
        "gss_code": o.gss_code or None,
        "type": o.type,
        "region": o.region,
        "start_date": o.start_date,
        "end_date": o.end_date,
    }


def organisation_ref(o: Organisation) -> dict[str, str]:
    return {"slug": o.slug, "name": o.name}


def area(a: Area) -> dict[str, str]:
    return {"key": a.key, "title": a.label, "section": a.section.title}


def assessment(request: HttpRequest, a: Assessment) -> dict[str, Any]:
    return {
        "id": a.pk,
        "title": a.title,
        "status": a.status,
        "framework": framework_ref(a.framework),
        "created_at": a.created_at,
        "submitted_at": a.submitted_at,
        "signed_off_at": a.signed_off_at,
        "url": link(request, "assessment", slug=a.organisation.slug, assessment_id=a.pk),
    }


def assessment_detail(request: HttpRequest, a: Assessment, responses: list[Response]) -> dict[str, Any]:
    statuses = [scoring.area_status(answer_of(r)) for r in responses]
    kwargs = {"slug": a.organisation.slug, "assessment_id": a.pk}
    return {
        **assessment(request, a),
        "is_draft": a.is_editable,
        "areas_total": len(responses),
        "areas_completed": statuses.count(scoring.COMPLETED),
        "responses_url": link(request, "responses", **kwargs),
        "actions_url": link(request, "actions", **kwargs),
    }


def response(request: HttpRequest, a: Assessment, r: Response) -> dict[str, Any]:
    return {
        "area": area(r.area),
        "status": scoring.area_status(answer_of(r)),
        "carried_over": r.carried_over,
        "current_level": r.current_level,
        "target_level": r.target_level,
        "target_year": r.target_year,
        "evidence": r.evidence,
        "evidence_links": list(r.evidence_links or []),
        "confidence": r.confidence or None,
        "version": r.version,
        "updated_at": r.updated_at,
        "updated_by": (r.updated_by.full_name or r.updated_by.email) if r.updated_by_id and r.updated_by else None,
        "url": link(request, "response", slug=a.organisation.slug, assessment_id=a.pk, area_key=r.area.key),
        "documents_url": link(request, "documents", slug=a.organisation.slug, assessment_id=a.pk, area_key=r.area.key),
    }


def document(request: HttpRequest, a: Assessment, d: Document) -> dict[str, Any]:
    return {
        "id": d.pk,
        "area": area(d.response.area),
        "title": d.title,
        "evidence_date": d.evidence_date,
        "filename": d.filename,
        "content_type": d.content_type,
        "size": d.size,
        "sha256": d.sha256,
        "uploaded_at": d.uploaded_at,
        "uploaded_by": (d.uploaded_by.full_name or d.uploaded_by.email) if d.uploaded_by_id and d.uploaded_by else None,
        "carried_over": d.carried_from_id is not None,
        "download_url": link(request, "document-file", slug=a.organisation.slug, assessment_id=a.pk, document_id=d.pk),
    }


def action(request: HttpRequest, a: Assessment, act: Action) -> dict[str, Any]:
    return {
        "id": act.pk,
        "area": area(act.area),
        "title": act.title,
        "description": act.description,
        "owner_name": act.owner_name,
        "owner_email": act.owner_email,
        "due_date": act.due_date,
        "status": act.status,
        "version": act.version,
        "created_at": act.created_at,
        "updated_at": act.updated_at,
        "url": link(request, "action", slug=a.organisation.slug, assessment_id=a.pk, action_id=act.pk),
    }


def token(t: ApiToken, *, role: str | None, can_write: bool) -> dict[str, Any]:
    return {
        "name": t.name,
        "prefix": t.prefix,
        "scope": t.scope,
        "expires_on": t.expires_on,
        "last_used_at": t.last_used_at,
        "organisation": organisation_ref(t.organisation),
        "role": role,
        "can_write": can_write,
    }


def indicator(year: YearFigures, figure: Figure) -> dict[str, Any]:
    """One indicator of an organisation's evidence from open data, for one financial year."""
    definition = figure.definition
    value = figure.value if figure.enough else None
    if value is not None and not isinstance(value, int):
        value = round(float(value), 6)
    return {
        "key": figure.key,
        "title": definition.title,
        "definition": definition.definition,
        "source": year.source,
        "source_text": SOURCES[year.source],
        "year": year.year,
        "year_label": year_label(year.year),
        "period": evidence_presenters.period_text(year),
        "months": year.months,
        "unit": definition.unit,
        "value": value,
        "text": figure.text,
        "enough": figure.enough,
        "count": figure.count,
        "note": figure.note,
        "areas": evidence_presenters.indicator_area_keys(figure.key),
    }
