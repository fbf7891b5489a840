"""The shapes of the API's requests and answers (pydantic, through django-ninja): the OpenAPI
document at /api/v1/openapi.json, and so the documentation page, are generated from them."""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal

from django.utils import timezone
from django.utils.functional import Promise
from ninja import Field, Schema
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    StrictStr,
    ValidationError,
    WithJsonSchema,
    WrapValidator,
    create_model,
)
from pydantic_core import PydanticCustomError

from maturity import scoring
from maturity.api.converters import KEY_PATTERN
from maturity.assessments.forms import (
    MAX_LINK_LENGTH,
    MAX_LINKS,
    NOT_A_LINK,
    TOO_MANY_LINKS,
    YEARS_AHEAD,
    ActionForm,
    ResponseForm,
)
from maturity.assessments.models import Action, Assessment, Confidence
from maturity.organisations.models import Organisation

MAX_INT = 2**31 - 1
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


def _text(value: Any) -> Any:
    """A text the product marks for translation (a lazy string) is written in the request's language."""
    return str(value) if isinstance(value, Promise) else value


# A text field of an answer: the same schema as `str`, and lazy texts (choices' labels) become strings.
Words = Annotated[str, BeforeValidator(_text)]


def _clean_text(value: str) -> str:
    """Text the database can store: no NUL character, no lone surrogate."""
    if "\x00" in value:
        raise ValueError("Text must not contain the NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("Text must be valid Unicode") from None
    return value


def _whole_number(value: Any) -> Any:
    """A JSON integer, or a number with nothing after the point (1387.0), which JSON Schema counts
    as an integer too; not text, not true or false."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("Input should be a whole number")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("Input should be a whole number")
        return int(value)
    return value


def _refuse(message: str):
    """A field refused with the web form's own words (no "Value error" before them)."""
    raise PydanticCustomError("web_form", message)


# The document states each rule the server applies to a field, so that what fits the document is
# accepted (docs/adr/0017). Where a web form has the rule, it is checked here with the form's
# message before the form sees the data, on the text as sent (the form counts it after taking
# spaces off the ends). The patterns: no NUL, no lone surrogate, and for a required field at least
# one character that is not white space.
_ANY_TEXT = "[^\\u0000\\ud800-\\udfff]"
TEXT_PATTERN = f"^{_ANY_TEXT}*$"
FILLED_PATTERN = f"^{_ANY_TEXT}*[^\\s\\u0000\\ud800-\\udfff]{_ANY_TEXT}*$"
LINK_PATTERN = "^https?://[^\\s\\u0000\\ud800-\\udfff]+$"


def text(max_length: int, field, *, required: bool = False, schema: dict[str, Any] | None = None) -> Any:
    """Text of at most `max_length` characters, and if `required` not only white space, refused
    with the messages of the web form's `field`."""
    messages = field.error_messages

    def check(value: str) -> str:
        _clean_text(value)
        if len(value) > max_length:
            _refuse(messages["max_length"])
        if required and not value.strip():
            _refuse(messages["required"])
        return value

    shape = {"maxLength": max_length, "pattern": FILLED_PATTERN if required else TEXT_PATTERN, **(schema or {})}
    return Annotated[StrictStr, AfterValidator(check), Field(json_schema_extra=shape)]


def _links(value: list[str]) -> list[str]:
    if len(value) > MAX_LINKS:
        _refuse(TOO_MANY_LINKS)
    for number, link in enumerate(value, start=1):
        if len(link) > MAX_LINK_LENGTH or not re.fullmatch(LINK_PATTERN, link):
            _refuse(NOT_A_LINK % {"number": number})
    return value


def _due_date(value: Any, handler: Any) -> Any:
    """A date as pydantic reads one; anything else refused with the web form's words."""
    try:
        return handler(value)
    except ValidationError:
        _refuse(str(ActionForm.base_fields["due_date"].error_messages["invalid"]))


class _YearWindow:
    """In the document: from this year to YEARS_AHEAD years ahead, as on the day it is read."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema = handler(core_schema)
        this_year = timezone.localdate().year
        schema.update(minimum=this_year, maximum=this_year + YEARS_AHEAD)
        return schema


def whole_number(minimum: int, maximum: int) -> Any:
    """An integer from `minimum` to `maximum`, 1387.0 included (the document says so plainly:
    pydantic would otherwise print the bounds of a validated type under names JSON Schema lacks)."""
    return Annotated[
        int,
        BeforeValidator(_whole_number),
        Field(ge=minimum, le=maximum),
        WithJsonSchema({"type": "integer", "minimum": minimum, "maximum": maximum}),
    ]


# A query's text: the document says what _clean_text refuses (NUL, lone surrogates), as for bodies.
QueryText = Annotated[
    str, AfterValidator(_clean_text), Field(max_length=200, json_schema_extra={"pattern": TEXT_PATTERN})
]
Version = Annotated[
    whole_number(0, MAX_INT),
    Field(description="The `version` you read: a save based on an older one is refused with 409."),
]
Level = whole_number(1, MAX_INT)
TargetYear = Annotated[int, BeforeValidator(_whole_number), WithJsonSchema({"type": "integer"}), _YearWindow()]
Links = Annotated[
    list[StrictStr],
    AfterValidator(_links),
    Field(
        json_schema_extra={
            "maxItems": MAX_LINKS,
            "items": {"type": "string", "maxLength": MAX_LINK_LENGTH, "pattern": LINK_PATTERN},
        }
    ),
]
Evidence = text(10_000, ResponseForm.base_fields["evidence"])
Title = text(200, ActionForm.base_fields["title"], required=True)
Description = text(5_000, ActionForm.base_fields["description"])
OwnerName = text(200, ActionForm.base_fields["owner_name"], required=True)
DueDate = Annotated[datetime.date, WrapValidator(_due_date)]
OwnerEmail = text(254, ActionForm.base_fields["owner_email"], schema={"anyOf": [{"const": ""}, {"format": "email"}]})


AreaStatus = Literal[tuple(scoring.STATUS_LABELS)]  # type: ignore[valid-type]
ConfidenceValue = Literal[tuple(Confidence.values)]  # type: ignore[valid-type]
ActionStatus = Literal[tuple(Action.Status.values)]  # type: ignore[valid-type]
AssessmentStatus = Literal[tuple(Assessment.Status.values)]  # type: ignore[valid-type]
OrganisationType = Literal[tuple(Organisation.Type.values)]  # type: ignore[valid-type]


class Input(Schema):
    model_config = ConfigDict(extra="forbid")


# --- Errors and pages ----------------------------------------------------------------------------


class ErrorDetail(Schema):
    code: Words = Field(description="A stable code: not_found, validation_failed, stale_version…")
    message: Words = Field(description="What went wrong, in words for people.")
    fields: dict[str, list[str]] | None = Field(None, description="For 400 and 422: the messages of each field.")


class ErrorOut(Schema):
    error: ErrorDetail


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="The page to return, from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"Items per page, at most {MAX_PAGE_SIZE}."
    )


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """{"items": [...], "count": total, "next": url or null, "previous": url or null}."""
    return create_model(
        name,
        __base__=Schema,
        items=(list[item], ...),
        count=(int, Field(..., description="The number of items on every page together.")),
        next=(str | None, Field(..., description="The address of the next page, or null on the last.")),
        previous=(str | None, Field(..., description="The address of the previous page, or null on the first.")),
    )


# --- Frameworks ----------------------------------------------------------------------------------


class Bullets(Schema):
    bullets: list[str]


Blocks = str | list[str | Bullets]


class LevelName(Schema):
    number: int
    name: Words


class LevelDescriptor(Schema):
    number: int
    descriptor: Blocks


class FrameworkArea(Schema):
    key: Words
    title: Words
    short_title: str | None = None
    description: Blocks | None = None
    what_it_is: Blocks | None = None
    why_it_matters: Blocks | None = None
    replaces: list[str] | None = None
    not_applicable_to: list[str] | None = None
    levels: list[LevelDescriptor]


class FrameworkSection(Schema):
    key: Words
    title: Words
    kind: Literal["theme", "enablers"]
    description: Blocks | None = None
    areas: list[FrameworkArea]


class FrameworkDocument(Schema):
    """A framework in the shape of its data file (the same as the JSON download): it loads back."""

    key: Words
    version: Words
    follows: str | None = None
    title: Words
    source: str | None = None
    levels: list[LevelName]
    sections: list[FrameworkSection]


class FrameworkRef(Schema):
    key: Words
    version: Words
    title: Words


class FrameworkOut(FrameworkRef):
    status: Literal["published", "retired"]
    follows: str | None = Field(None, description="The version this one follows.")
    published_at: datetime.datetime | None
    retired_at: datetime.datetime | None
    url: Words


# --- Organisations ---------------------------------------------------------------------------------


class OrganisationQuery(PageQuery):
    type: OrganisationType | None = Field(None, description="Only organisations of this type.")
    region: QueryText | None = Field(None, description="Only organisations of this region, e.g. London.")
    q: QueryText | None = Field(None, description="Only organisations whose name contains this text.")


class OrganisationOut(Schema):
    slug: Words
    name: Words
    gss_code: str | None = Field(description="The GSS code (E06000001…), or null if it has none.")
    type: OrganisationType
    region: Words
    start_date: datetime.date | None
    end_date: datetime.date | None


class OrganisationRef(Schema):
    slug: Words
    name: Words


# --- Assessments, responses, actions -------------------------------------------------------------


class AreaRef(Schema):
    key: Words
    title: Words
    section: Words


class AssessmentOut(Schema):
    id: int
    title: Words
    status: AssessmentStatus
    framework: FrameworkRef
    created_at: datetime.datetime
    submitted_at: datetime.datetime | None
    signed_off_at: datetime.datetime | None
    url: Words


class AssessmentDetail(AssessmentOut):
    is_draft: bool = Field(description="Answers and actions can change only while it is a draft.")
    areas_total: int
    areas_completed: int
    responses_url: Words
    actions_url: Words


class ResponseOut(Schema):
    area: AreaRef
    status: AreaStatus = Field(
        description="As the task list shows it: "
        + "; ".join(f"{key}: {label}" for key, label in scoring.STATUS_LABELS.items())
        + "."
    )
    carried_over: bool = Field(description="Copied from the last signed-off assessment and not confirmed yet.")
    current_level: int | None
    target_level: int | None
    target_year: int | None
    evidence: Words
    evidence_links: list[str]
    confidence: ConfidenceValue | None
    version: int
    updated_at: datetime.datetime | None
    updated_by: str | None
    url: Words
    documents_url: Words = Field(description="The evidence documents attached to this answer.")


class DocumentOut(Schema):
    """An evidence document attached to an answer; its file is at `download_url`."""

    id: int
    area: AreaRef
    title: Words
    evidence_date: datetime.date = Field(description="The date the evidence is from (not when it was uploaded).")
    filename: Words = Field(description="A safe file name, ending with the extension of what the file really is.")
    content_type: Words = Field(description="The file's type, decided from its content when it was uploaded.")
    size: int = Field(description="In bytes.")
    sha256: str = Field(description="The SHA-256 digest of the file, in hexadecimal.")
    uploaded_at: datetime.datetime
    uploaded_by: str | None
    carried_over: bool = Field(description="Carried forward with the answer from the last signed-off assessment.")
    download_url: Words


_EXAMPLE_YEAR = datetime.date.today().year + 2  # noqa: DTZ011 - an example in the API's document, any zone will do


class ResponsePatch(Input):
    """Only the fields sent change; `version` is required. Validated like the web form."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "version": 0,
                    "current_level": 2,
                    "target_level": 3,
                    "target_year": _EXAMPLE_YEAR,
                    "confidence": "medium",
                    "evidence": "Minutes of the procurement board",
                    "evidence_links": ["https://www.example.gov.uk/minutes"],
                },
            ]
        },
    )

    version: Version
    current_level: Level | None = Field(None, description="A level number of the assessment's framework, or null.")
    target_level: Level | None = Field(
        None, description="A level number of the framework at or above current_level, or null."
    )
    target_year: TargetYear | None = Field(
        None, description="From this year to ten years ahead (or the year already saved), or null."
    )
    evidence: Evidence | None = Field(None, description="At most 10,000 characters.")  # type: ignore[valid-type]
    evidence_links: Links | None = Field(None, description=f"Up to {MAX_LINKS} web addresses (http or https).")
    confidence: Literal[*Confidence.values, ""] | None = Field(
        None, description="low, medium or high; null or an empty string clears it."
    )  # type: ignore[valid-type]


class ActionOut(Schema):
    id: int
    area: AreaRef
    title: Words
    description: Words
    owner_name: Words
    owner_email: Words
    due_date: datetime.date | None
    status: ActionStatus
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    url: Words


class ActionIn(Input):
    area_key: Annotated[StrictStr, Field(max_length=100, pattern=KEY_PATTERN)] = Field(
        description="The key of one of the assessment's areas."
    )
    title: Title  # type: ignore[valid-type]
    description: Description = ""  # type: ignore[valid-type]
    owner_name: OwnerName  # type: ignore[valid-type]
    owner_email: OwnerEmail = ""
    due_date: DueDate | None = None
    status: ActionStatus = "not-started"


class ActionPatch(Input):
    """Only the fields sent change; `version` is required. Once the assessment is no longer a
    draft only `status` can change, as on the web."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"version": 0, "status": "in-progress"}]})

    version: Version
    title: Title = None  # type: ignore[valid-type]
    description: Description | None = None  # type: ignore[valid-type]
    owner_name: OwnerName = None  # type: ignore[valid-type]
    owner_email: OwnerEmail | None = None
    due_date: DueDate | None = None
    status: ActionStatus = None  # type: ignore[assignment]


class ResponseConflict(ErrorDetail):
    current: ResponseOut | None = Field(None, description="The answer as saved now (on stale_version).")


class ResponseConflictOut(Schema):
    error: ResponseConflict


class ActionConflict(ErrorDetail):
    current: ActionOut | None = Field(None, description="The action as saved now (on stale_version).")


class ActionConflictOut(Schema):
    error: ActionConflict


# --- Rounds and benchmarks -------------------------------------------------------------------


class Threshold(Schema):
    level: int
    name: Words


class Suppression(Schema):
    minimum: int = Field(description="The smallest number of organisations a figure may describe.")
    withheld_value: None = Field(description="A withheld figure is null.")
    rule: Words


class RoundOut(Schema):
    id: int
    name: Words
    framework: FrameworkRef
    opens_on: datetime.date
    closes_on: datetime.date
    published_at: datetime.datetime | None
    organisations_invited: int
    url: Words
    benchmarks_url: Words


class RoundDetail(RoundOut):
    respondents: int | None = Field(description="The most respondents of any area; null when withheld.")
    levels: list[LevelName]
    threshold: Threshold
    suppression: Suppression
    quantiles: Words
    previous_round: str | None
    named_respondents: list[str]


class Measure(Schema):
    counts: dict[str, int | None] = Field(
        description="Organisations at each level (by level number); null when withheld."
    )
    at_or_above_threshold: int | None
    percent_at_or_above_threshold: int | None
    median: int | None
    lower_quartile: int | None
    upper_quartile: int | None


class Population(Schema):
    dimension: Literal["all", "region", "type", "group"]
    key: Words
    label: Words
    respondents: int | None
    current: Measure
    target: Measure


class Change(Schema):
    previous_area_key: Words
    median_current: float | None
    percent_points_at_or_above_threshold: int | None


class AreaBenchmarkOut(Schema):
    key: Words
    title: Words
    section: Words
    change: Change | None
    populations: list[Population]


# --- Exemplars -------------------------------------------------------------------------------------


class ExemplarLevel(Schema):
    number: int | None
    name: Words


class ExemplarQuery(PageQuery):
    area: QueryText | None = Field(None, description="Only offers in the area with this key.")


class ExemplarOfferOut(Schema):
    id: int
    organisation: OrganisationRef
    area: AreaRef
    level: ExemplarLevel
    shares: list[str] = Field(description="What the exemplar can share: case-study, policy, call.")
    note: Words
    reason: Words = Field(description="Why it is suggested: how alike the two organisations are.")
    asked: bool = Field(description="The token's organisation has an open request with this exemplar.")


# --- Evidence from open data -----------------------------------------------------------------------

EvidenceSource = Literal["ocds", "spend"]
GroupedBy = Literal["all", "type", "region"]
WithheldBecause = Literal["fewer-organisations", "protects-another-group"]
FinancialYear = Annotated[int, Field(ge=1900, le=2999)]


class AreaKeyOut(Schema):
    framework: Words = Field(description="The framework's key, e.g. nps.")
    area: Words = Field(description="The area's key, the same in every version of the framework.")


class IndicatorOut(Schema):
    key: Words = Field(description="The indicator, e.g. awards-to-smes.")
    title: Words
    definition: Words = Field(description="How the figure is worked out, in words.")
    source: EvidenceSource = Field(
        description="ocds: the procurement notices the organisation published; spend: its spend over £500 files."
    )
    source_text: Words = Field(description="The source, in words.")
    year: int = Field(description="The financial year by the year it starts: 2024 is April 2024 to March 2025.")
    year_label: Words = Field(description="The financial year in words: 2024 to 2025.")
    period: Words = Field(description="The months of the year, and those the data covers when it covers fewer than 12.")
    months: int = Field(
        description="How many months of the year the data covers (spend files often cover part of one)."
    )
    unit: Literal["count", "money", "percent", "average"] = Field(
        description="count: a number of things; money: pounds; percent: a share between 0 and 1; average: a mean."
    )
    value: int | float | None = Field(description="The figure in its unit, or null when there is too little data.")
    text: Words = Field(description="The figure as the pages show it (12.5%, £1.2 million), or “Too little data”.")
    enough: bool = Field(description="False when a share or an average is over fewer than `minimum_count` items.")
    count: int | None = Field(description="What a share or an average is worked out over (awards, suppliers…).")
    note: Words = Field(description="What the count counts, or why there is too little data.")
    areas: list[AreaKeyOut] = Field(
        description="The areas the indicator speaks to, beside their self-assessed level. It never changes a level."
    )


class IndicatorQuery(PageQuery):
    year: FinancialYear | None = Field(
        None, description="Only this financial year (2024 for April 2024 to March 2025)."
    )
    source: EvidenceSource | None = Field(None, description="Only the indicators of this source.")


class OpenDataQuery(PageQuery):
    year: FinancialYear | None = Field(
        None, description="Only this financial year (2024 for April 2024 to March 2025)."
    )
    grouped_by: GroupedBy | None = Field(
        None, description="Only all organisations, or the groups by council type, or by region."
    )


class OpenDataGroup(Schema):
    year: int = Field(description="The financial year by the year it starts.")
    year_label: Words
    grouped_by: GroupedBy = Field(
        description="all: every organisation with data; type: by council type; region: by region."
    )
    group: Words = Field(description="The council type's key or the region's name; empty for all organisations.")
    label: Words
    organisations: int = Field(description="Organisations with data in the group: given even when its figures are not.")
    suppressed: bool = Field(description="True when the group's figures are withheld (null).")
    suppressed_because: WithheldBecause | None = Field(
        description="fewer-organisations: fewer than the minimum; protects-another-group: with the figures shown, "
        "its own would give away those of a withheld group."
    )


class AwardGroupOut(OpenDataGroup):
    awards: int | None = Field(description="Contracts awarded in the year.")
    sme_known: int | None = Field(description="Awards whose supplier's size is published.")
    sme_won: int | None = Field(description="Of those, awards won by an SME.")
    sme_share: float | None = Field(
        description="sme_won / sme_known, between 0 and 1; null over fewer than `minimum_count` awards."
    )
    vcse_known: int | None = Field(description="Awards saying whether the supplier is a VCSE.")
    vcse_won: int | None = Field(description="Of those, awards won by a VCSE.")
    vcse_share: float | None = Field(
        description="vcse_won / vcse_known, between 0 and 1; null over fewer than `minimum_count` awards."
    )


class SpendGroupOut(OpenDataGroup):
    total: float | None = Field(description="Total spend in pounds, net of credit notes.")
    vcse_amount: float | None = Field(description="Spend with VCSEs in pounds.")
    vcse_share: float | None = Field(description="vcse_amount / total, between 0 and 1.")


class OpenDataYear(Schema):
    year: int
    label: Words
    period: Words


class OpenDataSources(Schema):
    awards: Words
    spend: Words


class OpenDataDefinitions(Schema):
    awards: Words
    sme_share: Words
    vcse_share: Words
    total: Words
    spend_vcse_share: Words


class OpenDataOut(Schema):
    title: Words
    years: list[OpenDataYear] = Field(description="The financial years with data, latest first.")
    sources: OpenDataSources
    definitions: OpenDataDefinitions
    suppression: Suppression
    minimum_count: int = Field(description="The fewest awards a share is given over.")
    awards_url: Words
    spend_url: Words


# --- The token itself -------------------------------------------------------------------------------


class TokenOut(Schema):
    name: Words
    prefix: Words
    scope: Literal["read", "write"]
    expires_on: datetime.date
    last_used_at: datetime.datetime | None
    organisation: OrganisationRef
    role: Literal["viewer", "contributor", "lead"] | None = Field(
        description="The user's role in the organisation now."
    )
    can_write: bool = Field(description="The token's scope and the user's role now both allow writing.")


def errors(*statuses: int) -> dict[int, Any]:
    return dict.fromkeys(statuses, ErrorOut)
