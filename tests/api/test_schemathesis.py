"""Schemathesis against the API's own OpenAPI document: for every operation, examples that fit
the document (on real data, and on addresses that lead nowhere) and examples that do not. None
may give a server error, a status or content type the document does not list, or a body that
breaks the document's schema; input that breaks the schema must be refused (4xx); and input that
fits it must not be refused as invalid (400 or 422) except by a rule no JSON Schema can state
(REFUSALS_THE_DOCUMENT_CANNOT_STATE): the document says exactly what the server accepts (issue
12: it allowed NUL characters, empty titles, any target year, and refused 1387.0 for an integer).

Bounded: a fixed seed (derandomized), 10 examples an operation, no example database; about
10 seconds for every operation together, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core import NotSet
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from maturity.api import throttling
from maturity.api.models import ApiToken
from maturity.assessments.services import add_action
from maturity.benchmarks import services as round_services
from maturity.documents.services import attach as attach_document
from tests.api.conftest import make_token
from tests.benchmarks.helpers import TODAY, bulk_councils, make_round, submit
from tests.documents import files as document_files
from tests.evidence.figures import awards_of, spend_of
from tests.exemplars.helpers import assess, offer
from tests.factories import make_member, make_organisation

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
EXAMPLES = 10
# Field messages a valid request may still get, each for a rule that depends on data or on
# another field, which a JSON Schema of the request cannot express.
REFUSALS_THE_DOCUMENT_CANNOT_STATE = [
    re.compile(r"Choose one of the areas of this assessment"),  # the assessment's own areas
    re.compile(r"Choose one of the levels for .*"),  # the levels of the assessment's framework
    re.compile(r"The level your council aims for must be the same as or higher than where it is now"),  # two fields
    re.compile(r"Link \d+ is not a web address: .*"),  # a real host and top-level domain (Django's URLValidator)
    re.compile(
        r"Enter an email address in the correct format, like name@example\.gov\.uk"
    ),  # "format: email" is looser
]
SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,  # the same examples on every run
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is reported as found
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def wsgi_app():
    """The real WSGI application, kept inside the test's transaction: like Django's test client,
    database connections are not closed at the end of each request (on PostgreSQL that would
    close the connection that holds the test's transaction)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def world(nps, camden, lead, contributor):
    """Something at every address: a draft assessment with an action, a published round, and an
    exemplar offer Camden may see; a write token of Camden's contributor."""
    from datetime import timedelta

    from maturity.assessments.models import Assessment
    from maturity.assessments.services import start_assessment

    assess(camden, nps, lead)  # signed off: Camden participates
    draft = start_assessment(organisation=camden, framework=nps, title="Self-assessment 2027", user=lead)
    area = draft.responses.select_related("area").first().area
    action = add_action(
        assessment=draft,
        area=area,
        user=lead,
        values={
            "title": "Brief cabinet",
            "description": "",
            "owner_name": "Ann Owner",
            "owner_email": "",
            "due_date": None,
            "status": "not-started",
        },
    )
    document = attach_document(
        response=draft.responses.get(area=area),
        title="Procurement strategy",
        evidence_date=TODAY,
        file=io.BytesIO(document_files.pdf()),
        name="strategy.pdf",
        size=len(document_files.pdf()),
        user=lead,
    )
    islington = make_organisation("Islington")
    islington_lead = make_member(islington, "lead")
    assess(islington, nps, islington_lead, {area.key: (5, 5)})
    offer(islington, area.key, islington_lead)
    councils = bulk_councils(nps, 6, prefix="Borough")
    round_ = make_round(
        nps,
        councils,
        name="Diagnostic review 2026",
        opens_on=TODAY - timedelta(days=30),
        closes_on=TODAY - timedelta(days=1),
    )
    for council in councils:
        submit(round_, council, Assessment.objects.get(organisation=council))
    round_services.publish_round(round_=round_, user=lead, today=TODAY)
    # Evidence from open data: Camden's own, and national figures with groups shown and withheld.
    for council in [camden, *councils]:
        spend_of(council, {"Acme": Decimal(900), "Helping Hands": Decimal(100)}, vcse={"Helping Hands"})
        awards_of(council, [(True, None), (False, True)])
    return {
        "token": make_token(contributor, camden, scope=ApiToken.Scope.WRITE),
        "path": {
            "slug": camden.slug,
            "assessment_id": draft.pk,
            "area_key": area.key,
            "action_id": action.pk,
            "document_id": document.pk,
            "round_id": round_.pk,
            "key": nps.key,
            "version": nps.version,
        },
    }


class Document:
    """The OpenAPI document, to tell whether a request fits it (schemathesis may substitute values
    of its own into a "positive" case, so its mode alone does not say)."""

    def __init__(self, document: dict):
        self.document = document
        self.validators: dict[str, Draft202012Validator] = {}

    def _valid(self, schema: dict, value) -> bool:
        key = json.dumps(schema, sort_keys=True)
        if key not in self.validators:
            self.validators[key] = Draft202012Validator(
                {**schema, "components": self.document["components"]},
                format_checker=Draft202012Validator.FORMAT_CHECKER,
            )
        return self.validators[key].is_valid(value)

    def fits(self, case) -> bool:
        operation = self.document["paths"][case.operation.path][case.method.lower()]
        for parameter in operation.get("parameters", []):
            source = {"path": case.path_parameters, "query": case.query}.get(parameter["in"]) or {}
            if parameter["name"] in source and not self._valid(parameter["schema"], _typed(source[parameter["name"]])):
                return False
            if parameter.get("required") and parameter["name"] not in source:
                return False
        body = operation.get("requestBody")
        if body is not None:
            if case.body is None or isinstance(case.body, NotSet):
                return not body.get("required")
            return self._valid(body["content"]["application/json"]["schema"], case.body)
        return True


def _typed(value):
    """A path or query value as the document types it: digits are a number."""
    return int(value) if isinstance(value, str) and re.fullmatch(r"-?\d+", value) else value


def valid_input_is_accepted(document: Document, case, response) -> None:
    """Input that fits the document is not refused as invalid, except by a rule it cannot state."""
    if response.status_code not in (400, 422) or not document.fits(case):
        return
    error = response.json()["error"]
    fields = error.get("fields") or {"": [error["message"]]}
    unstated = {
        name: [m for m in messages if not any(rule.fullmatch(m) for rule in REFUSALS_THE_DOCUMENT_CANNOT_STATE)]
        for name, messages in fields.items()
    }
    unstated = {name: messages for name, messages in unstated.items() if messages}
    assert not unstated, f"Valid by the document but refused ({response.status_code}): {unstated}; body {case.body!r}"


def test_every_operation_keeps_to_the_openapi_document(world, wsgi_app, monkeypatch):
    monkeypatch.setattr(throttling.TOKEN, "num_requests", 100_000)
    monkeypatch.setattr(throttling.ANONYMOUS, "num_requests", 100_000)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    document = Document(schema.raw_schema)  # as loaded: a test client would close the test's connection
    headers = {"Authorization": f"Bearer {world['token']}"}
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        names = {p.name for p in operation.path_parameters}
        real = {name: value for name, value in world["path"].items() if name in names}
        strategy = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE, path_parameters=real, headers=headers),
            operation.as_strategy(GenerationMode.POSITIVE, headers=headers),
            operation.as_strategy(GenerationMode.NEGATIVE, headers=headers),
        )

        @SETTINGS
        @given(case=strategy)
        def check(case):
            response = case.call()
            case.validate_response(response, checks=CHECKS)
            valid_input_is_accepted(document, case, response)

        try:
            check()
        except Exception as failure:
            failures.append(f"{operation.label}: {failure}")
    assert operations >= 20
    assert not failures, "\n\n".join(failures)
