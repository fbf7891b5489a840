"""What the token pages and the API's documentation page show, prepared here so that templates
stay dumb. The documentation is generated from the OpenAPI document itself, so it cannot drift
from what the API does."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maturity.api.models import ApiToken
from maturity.frameworks.text import in_english
from maturity.words import date_uk, when_uk

STATE_TAGS = {
    ApiToken.State.ACTIVE: "govuk-tag--green",
    ApiToken.State.EXPIRED: "govuk-tag--grey",
    ApiToken.State.REVOKED: "govuk-tag--red",
}
METHOD_ORDER = ("get", "post", "put", "patch", "delete")
STATUS_TEXT = {
    200: gettext_lazy("OK"),
    201: gettext_lazy("Created: the new item, its address in the Location header"),
    204: gettext_lazy("Done: no content"),
    400: gettext_lazy("Bad request: a query parameter or the body's JSON is not valid"),
    401: gettext_lazy("No token, or one that is not valid, expired or revoked"),
    403: gettext_lazy("The token is read only, or your role does not allow this"),
    404: gettext_lazy("Not found, or not yours to see"),
    409: gettext_lazy("Conflict: saved by someone else since the version you read, or not a draft"),
    422: gettext_lazy("Not valid: the messages of each field are in error.fields"),
    429: gettext_lazy("Too many requests: wait, then try again (see the Retry-After header)"),
}


# --- Token pages ---------------------------------------------------------------------------------


def _when(value: datetime.datetime | None) -> str:
    return when_uk(value) if value else _("Never")


def token_card(token: ApiToken, today: datetime.date) -> dict[str, Any]:
    state = token.state(today)
    actions = []
    if state == ApiToken.State.ACTIVE:
        actions.append({"href": reverse("api-tokens:revoke", args=[token.pk]), "text": _("Revoke")})
    status = f'<strong class="govuk-tag {STATE_TAGS[state]}">{ApiToken.State(state).label}</strong>'
    return {
        "card": {"title": {"text": token.name, "headingLevel": 2}, "actions": {"items": actions}},
        "rows": [
            {"key": {"text": _("Status")}, "value": {"html": status}},
            {"key": {"text": _("Organisation")}, "value": {"text": token.organisation.name}},
            {"key": {"text": _("Can")}, "value": {"text": token.get_scope_display()}},
            {"key": {"text": _("Starts with")}, "value": {"text": f"{token.prefix}…"}},
            {"key": {"text": _("Created")}, "value": {"text": _when(token.created_at)}},
            {
                "key": {"text": _("Revoked") if token.revoked_at else _("Expires")},
                "value": {"text": _when(token.revoked_at) if token.revoked_at else date_uk(token.expires_on)},
            },
            {"key": {"text": _("Last used")}, "value": {"text": _when(token.last_used_at)}},
        ],
    }


def tokens_page(tokens: list[ApiToken], today: datetime.date, *, has_organisations: bool) -> dict[str, Any]:
    active = [t for t in tokens if t.state(today) == ApiToken.State.ACTIVE]
    others = [t for t in tokens if t.state(today) != ApiToken.State.ACTIVE]
    return {
        "active": [token_card(t, today) for t in active],
        "others": [token_card(t, today) for t in others],
        "has_organisations": has_organisations,
        "new_url": reverse("api-tokens:new"),
        "docs_url": reverse("api:docs"),
    }


# --- The documentation page ----------------------------------------------------------------------


def rich(text: str) -> list[list[dict[str, Any]]]:
    """Text of the OpenAPI document as paragraphs, each a list of pieces, `code` in backticks."""
    paragraphs = [" ".join(line.strip() for line in block.splitlines()) for block in text.strip().split("\n\n")]
    return [
        [{"code": i % 2 == 1, "text": piece} for i, piece in enumerate(paragraph.split("`")) if piece]
        for paragraph in paragraphs
        if paragraph
    ]


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_of(schema: dict[str, Any] | None) -> dict[str, Any]:
    """A JSON schema in a few words, and the name of the schema it refers to (for a link)."""
    if not schema:
        return {"text": "any", "ref": None}
    if "$ref" in schema:
        return {"text": _ref_name(schema["$ref"]), "ref": _ref_name(schema["$ref"])}
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [type_of(option) for option in schema[key] if option.get("type") != "null"]
            nullable = any(option.get("type") == "null" for option in schema[key])
            text = " or ".join(option["text"] for option in options) + (" or null" if nullable else "")
            refs = [option["ref"] for option in options if option["ref"]]
            return {"text": text, "ref": refs[0] if len(refs) == 1 and len(options) == 1 else None}
    if "enum" in schema:
        return {"text": "one of " + ", ".join(json.dumps(v) for v in schema["enum"]), "ref": None}
    if "const" in schema:
        return {"text": json.dumps(schema["const"]), "ref": None}
    kind = schema.get("type", "any")
    if kind == "array":
        inner = type_of(schema.get("items"))
        return {"text": f"list of {inner['text']}", "ref": inner["ref"]}
    if kind == "object" and "additionalProperties" in schema and isinstance(schema["additionalProperties"], dict):
        inner = type_of(schema["additionalProperties"])
        return {"text": f"object of {inner['text']}", "ref": inner["ref"]}
    if schema.get("format"):
        return {"text": f"{kind} ({schema['format']})", "ref": None}
    return {"text": str(kind), "ref": None}


def _limits(schema: dict[str, Any]) -> str:
    words = []
    for key, text in (
        ("minimum", "at least"),
        ("maximum", "at most"),
        ("minLength", "at least"),
        ("maxLength", "at most"),
    ):
        if key in schema:
            unit = " characters" if "Length" in key else ""
            words.append(f"{text} {schema[key]}{unit}")
    if "default" in schema:
        words.append(f"default {json.dumps(schema['default'])}")
    return ", ".join(words)


def _parameter(parameter: dict[str, Any]) -> dict[str, Any]:
    schema = parameter.get("schema", {})
    return {
        "name": parameter["name"],
        "where": {"path": "in the address", "query": "query"}.get(parameter.get("in"), parameter.get("in")),
        "required": parameter.get("required", False),
        "type": type_of(schema),
        "description": rich(parameter.get("description") or schema.get("description", "")),
        "limits": _limits(schema),
    }


def _body(operation: dict[str, Any]) -> dict[str, Any] | None:
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    return type_of(schema) if schema else None


def _responses(operation: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for status, response in sorted(operation.get("responses", {}).items()):
        content = response.get("content", {})
        schema = content.get("application/json", {}).get("schema")
        # An answer that is a file (not JSON) says what it is in its own description.
        if (content and schema is None) or int(status) not in STATUS_TEXT:
            description = in_english(response.get("description", ""))  # the document's own words
        else:
            description = str(STATUS_TEXT[int(status)])
        rows.append({"status": status, "description": description, "type": type_of(schema) if schema else None})
    return rows


def _anchor(text: str) -> str:
    return "".join(c if c.isalnum() or c == "_" else "-" for c in text.lower()).strip("-")


def operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The operations by tag, in the document's order, each with its parameters and answers."""
    tags: dict[str, list[dict[str, Any]]] = {}
    for path, item in document.get("paths", {}).items():
        for method in METHOD_ORDER:
            operation = item.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["Other"])[0]
            tags.setdefault(tag, []).append(
                {
                    "id": _anchor(operation.get("operationId", f"{method}-{path}")),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": rich(operation.get("description", "")),
                    "secured": bool(operation.get("security")),
                    "parameters": [_parameter(p) for p in operation.get("parameters", [])],
                    "body": _body(operation),
                    "responses": _responses(operation),
                }
            )
    return [{"tag": tag, "id": _anchor(tag), "operations": ops} for tag, ops in tags.items()]


def schemas(document: dict[str, Any]) -> list[dict[str, Any]]:
    result = []
    for name, schema in sorted(document.get("components", {}).get("schemas", {}).items()):
        required = set(schema.get("required", []))
        result.append(
            {
                "name": name,
                "description": rich(schema.get("description", "")),
                "fields": [
                    {
                        "name": field,
                        "type": type_of(spec),
                        "required": field in required,
                        "description": rich(spec.get("description", "")),
                        "limits": _limits(spec),
                    }
                    for field, spec in schema.get("properties", {}).items()
                ],
            }
        )
    return result


def docs_page(document: dict[str, Any], *, base_url: str) -> dict[str, Any]:
    info = document.get("info", {})
    return {
        "title": info.get("title", "API"),
        "version": info.get("version", ""),
        "description": rich(info.get("description", "")),
        "groups": operations(document),
        "schemas": schemas(document),
        "openapi_url": reverse("api:v1:openapi-json"),
        "tokens_url": reverse("api-tokens:list"),
        "base_url": base_url,
        "example_path": "/api/v1/organisations/{slug}/assessments",
        "example_year": timezone.localdate().year + 2,
    }
