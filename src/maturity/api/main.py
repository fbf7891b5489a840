"""The JSON API, version 1: one django-ninja API whose operations are in routes/ (docs/adr/0014)."""

from __future__ import annotations

from ninja import NinjaAPI

from maturity.api import (
    converters,  # noqa: F401  (registers the path converters first)
    errors,
    throttling,
)
from maturity.api.auth import BearerToken
from maturity.api.routes import evidence, organisation_data, public, token

DESCRIPTION = """\
The data of the procurement maturity toolkit: the frameworks, the organisation register, the
published benchmarks of national rounds, the national figures from open data, and an
organisation's own assessments, answers, action plan, evidence from open data and the exemplars
suggested to it.

Public operations need no token. Everything of an organisation needs a personal access token,
created from your account, sent as `Authorization: Bearer <token>`: a token acts for one
organisation, with what its scope (read, or read and write) and your role there now both allow.

Every list is paged with `page` and `page_size` (at most 100). Every error is
`{"error": {"code": ..., "message": ...}}`, with `fields` for input that is not valid.
"""


class Api(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        """Short operation ids (`update_response`), which the documentation page uses as anchors."""
        return operation.view_func.__name__


api = Api(
    title="Procurement maturity toolkit API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api:v1",
    openapi_url="/openapi.json",
    docs_url=None,  # the documentation is our own page (/api/v1/docs/): no scripts from elsewhere
    auth=BearerToken(),
    throttle=throttling.THROTTLES,
)
errors.install(api)
api.add_router("", token.router)
api.add_router("", public.router)
api.add_router("", organisation_data.router)
api.add_router("", evidence.organisation_router)
api.add_router("", evidence.router)
