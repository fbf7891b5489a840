"""Writes of the evidence app: importing notices, spend files and grant lists; mapping buyers.

Every import reads and checks the whole file inside one transaction: when anything is wrong the
error names the problems and nothing of that file is stored.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO

import orjson
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maturity.evidence import bulk, csv_reading, files, grants, ocds, spend, spend_columns, staging
from maturity.evidence.models import (
    BuyerMapping,
    EvidenceImport,
    Notice,
    Procurement,
    SpendLine,
    SpendUpload,
    VcseOrganisation,
)
from maturity.evidence.normalise import organisation_key
from maturity.organisations.models import Organisation
from maturity.words import date_uk

BATCH_SIZE = 1000
MAX_SPEND_BYTES = 200 * 1024 * 1024
SPEND_SUFFIXES = (".csv", ".txt")
OCDS_SUFFIXES = (".json", ".jsonl", ".ndjson", ".jsonlines")
_GSS = re.compile(r"^[ENSWK]\d{8}$")
# Identifier schemes whose ids are the register's local authority codes (org-id.guide).
_REGISTER_SCHEMES = ("GB-LAE", "GB-LAS", "GB-LAW", "GB-LANI", "GB-PLA")


class AlreadyImported(Exception):
    def __init__(self, evidence_import: EvidenceImport):
        self.evidence_import = evidence_import
        super().__init__(
            _("This file was already imported on %(date)s; nothing changed.")
            % {"date": date_uk(evidence_import.imported_at)}
        )


# --- matching buyers to organisations ------------------------------------------------------------


@dataclass
class BuyerMatcher:
    """Buyers in notices matched to organisations: by identifier (GSS code, or a register code
    under the GB-LAE scheme), then by a decision of the national team, then by name against the
    register's names and alternative names (organisation_key)."""

    by_gss: dict[str, int]
    by_code: dict[str, int]
    by_name: dict[str, list[tuple[int, datetime.date | None, datetime.date | None]]]
    decisions: dict[str, tuple[str, int | None]]
    keys: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> BuyerMatcher:
        by_gss, by_code, by_name = {}, {}, {}
        for org in Organisation.objects.only(
            "pk", "name", "official_name", "alternative_names", "gss_code", "register_code", "start_date", "end_date"
        ):
            if org.gss_code:
                by_gss[org.gss_code.upper()] = org.pk
            if org.register_code:
                by_code[org.register_code.upper()] = org.pk
            for name in {org.name, org.official_name, *(org.alternative_names or [])}:
                key = organisation_key(name or "")
                if key and all(pk != org.pk for pk, _, _ in by_name.get(key, [])):
                    by_name.setdefault(key, []).append((org.pk, org.start_date, org.end_date))
        decisions = {m.key: (m.status, m.organisation_id) for m in BuyerMapping.objects.all()}
        return cls(by_gss, by_code, by_name, decisions)

    def match(self, name: str, ids: tuple[str, ...] | list[str], on: datetime.date) -> tuple[str, int | None, bool]:
        """(buyer key, organisation id or None, whether the buyer awaits a decision)."""
        for identifier in ids:
            _scheme, __, value = identifier.rpartition("-")
            if _GSS.match(value.upper()) and value.upper() in self.by_gss:
                return f"id:{identifier}"[:300], self.by_gss[value.upper()], False
            for register in _REGISTER_SCHEMES:
                if identifier.upper().startswith(register + "-"):
                    code = identifier[len(register) + 1 :].upper()
                    if code in self.by_code:
                        return f"id:{identifier}"[:300], self.by_code[code], False
            decision = self.decisions.get(f"id:{identifier}")
            if decision and decision[0] != BuyerMapping.Status.UNMATCHED:
                return f"id:{identifier}"[:300], decision[1], False
        name_key = self._key(name)
        key = f"name:{name_key}"[:300]
        decision = self.decisions.get(key)
        if decision and decision[0] != BuyerMapping.Status.UNMATCHED:
            return key, decision[1], False
        candidates = [
            pk
            for pk, start, end in self.by_name.get(name_key, [])
            if (start is None or start <= on) and (end is None or on < end)
        ]
        if len(candidates) == 1:
            return key, candidates[0], False
        return key, None, bool(name_key)

    def _key(self, name: str) -> str:
        known = self.keys.get(name)
        if known is None:
            known = self.keys[name] = organisation_key(name)
        return known


def other_organisations(
    organisation: Organisation, named: dict[str, list[str]], matcher: BuyerMatcher | None = None
) -> list[str]:
    """What a file says of its organisation (spend.organisations_named: a label, a URI, a code)
    that names another organisation of the register, each quoted: a Manchester lead uploading
    Trafford's file ("Trafford Council") is told so before anything is stored. A value that names
    no organisation we know is left alone."""
    matcher = matcher or BuyerMatcher.load()
    found = []
    for key, values in named.items():
        for value in values:
            named_pks = _organisations_named(matcher, key, value)
            if named_pks and organisation.pk not in named_pks:
                found.append(f"“{value}”")
    return found


def _organisations_named(matcher: BuyerMatcher, key: str, value: str) -> set[int]:
    text = value.strip()
    if key == "organisation_uri":  # .../metropolitan-district-council/trafford, or .../E08000009
        text = text.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
    code = text.upper()
    by_code = {pk for pk in (matcher.by_gss.get(code), matcher.by_code.get(code)) if pk}
    if by_code or key == "organisation_code":
        return by_code
    return {pk for pk, _, _ in matcher.by_name.get(organisation_key(text), [])}


def other_organisation_problem(organisation: Organisation, file_name: str, others: list[str], *, web: bool) -> str:
    values = {"file": file_name, "others": ", ".join(others), "organisation": organisation.name}
    if web:
        return (
            _(
                "%(file)s names another organisation: %(others)s, not %(organisation)s. Check that you chose the right "
                "file. If it is %(organisation)s's spend all the same, choose its columns again and confirm that it is."
            )
            % values
        )
    return (
        f"{file_name} names another organisation: {', '.join(others)}, not {organisation.name}. Check that you "
        f"chose the right file. If it is {organisation.name}'s spend all the same, run the command again with --other-organisation."
    )


def suggested_organisation(mapping: BuyerMapping) -> Organisation | None:
    """The organisation a buyer's name most likely is, to offer first: one whose name or
    alternative name has the same key (organisation_key), a current one before one that ended."""
    if mapping.organisation_id:
        return mapping.organisation
    key = organisation_key(mapping.name)
    if not key:
        return None
    matcher = BuyerMatcher.load()
    candidates = matcher.by_name.get(key, [])
    current = [pk for pk, _, end in candidates if end is None] or [pk for pk, _, _ in candidates]
    return Organisation.objects.filter(pk=current[0]).first() if current else None


def map_buyer(*, mapping: BuyerMapping, organisation: Organisation | None, user) -> int:
    """The national team's decision on a buyer: it is `organisation`, or (None) none of ours.
    Returns the number of procurements that moved."""
    with transaction.atomic():
        mapping.status = BuyerMapping.Status.MAPPED if organisation else BuyerMapping.Status.IGNORED
        mapping.organisation = organisation
        mapping.decided_by = user
        mapping.decided_at = timezone.now()
        mapping.save()
        return Procurement.objects.filter(buyer_key=mapping.key).update(organisation=organisation)


# --- procurement notices (OCDS) --------------------------------------------------------------------


@dataclass
class OcdsResult:
    file_name: str
    releases: int = 0
    stored: int = 0
    already: int = 0
    created: int = 0
    updated: int = 0
    other_buyers: Counter = field(default_factory=Counter)
    unmatched: Counter = field(default_factory=Counter)
    evidence_import: EvidenceImport | None = None


def import_ocds(
    *,
    stream: IO[bytes],
    name: str,
    organisation: Organisation | None = None,
    user=None,
    progress: files.Progress | None = None,
    batch_size: int = BATCH_SIZE,
    matcher: BuyerMatcher | None = None,
) -> OcdsResult:
    """Import the releases of one OCDS file (a seekable binary stream). A national import
    (organisation None) keeps every buyer's notices; an organisation's lead keeps only the
    notices whose buyer is that organisation. Raises ocds.OcdsError, having stored nothing, when
    the file is faulty. `progress(done, total)`: bytes read of the stream's size."""
    meter = files.Meter(progress, files.stream_size(stream))
    meter.next(meter.total, name)
    result = _import_ocds(
        stream=stream,
        name=name,
        organisation=organisation,
        user=user,
        meter=meter,
        batch_size=batch_size,
        matcher=matcher,
    )
    meter.finish()
    return result


def _import_ocds(
    *,
    stream: IO[bytes],
    name: str,
    organisation: Organisation | None,
    user,
    meter: files.Meter,
    batch_size: int = BATCH_SIZE,
    matcher: BuyerMatcher | None = None,
) -> OcdsResult:
    """Read the whole file into staging tables (no transaction, so no lock held on SQLite), then
    publish it in one short transaction (staging.py)."""
    result = OcdsResult(file_name=name)
    stream.seek(0)
    # The file's SHA-256, worked out as it is read, and the reading counted.
    hashing = files.Hashing(files.Counted(stream, meter))
    matcher = matcher or BuyerMatcher.load()
    writer = _OcdsWriter(result, matcher, organisation)
    with staging.staged():
        batch: list[ocds.Release] = []
        for release in ocds.read_releases(hashing, name=name, limits=meter.limits):
            result.releases += 1
            batch.append(release)
            if len(batch) >= batch_size:
                writer.write(batch)
                batch = []
        writer.write(batch)
        sha256 = hashing.hexdigest()
        counts = staging.counts()
        with transaction.atomic():
            writer.record_unmatched()
            if counts.notices:
                result.evidence_import = _publish(
                    result, counts, name=name, sha256=sha256, organisation=organisation, user=user
                )
    return result


def _publish(
    result: OcdsResult, counts: staging.Counts, *, name: str, sha256: str, organisation: Organisation | None, user
) -> EvidenceImport:
    result.stored, result.created, result.updated = counts.notices, counts.created, counts.updated
    record = EvidenceImport.objects.create(
        kind=EvidenceImport.Kind.OCDS,
        organisation=organisation,
        file_name=name[:255],
        imported_by=user,
        sha256=sha256,
        first_date=timezone.localtime(counts.first).date(),
        last_date=timezone.localtime(counts.last).date(),
        summary={
            "releases": result.releases,
            "stored": result.stored,
            "already": result.already,
            "procurements_created": result.created,
            "procurements_updated": result.updated,
            "other_buyers": sum(result.other_buyers.values()),
            "unmatched": sum(result.unmatched.values()),
        },
    )
    try:
        staging.publish(record.pk)
    except staging.Changed:
        raise ocds.OcdsError(
            [
                f"{name}: another import changed some of the same procurements while this file was "
                "read. Nothing was stored: import the file again."
            ]
        ) from None
    return record


class _OcdsWriter:
    """Merges each batch of releases with what is stored (or staged earlier in the same file) and
    stages the result."""

    def __init__(self, result: OcdsResult, matcher: BuyerMatcher, organisation: Organisation | None):
        self.result = result
        self.matcher = matcher
        self.organisation = organisation
        self.unmatched_names: dict[str, str] = {}

    def write(self, batch: list[ocds.Release]) -> None:
        ocids = list({r.ocid for r in batch})
        known = staging.procurements(ocids)
        stored, seen = _stored_releases(ocids)
        seen |= staging.notices(list(known))
        by_ocid = self._new_releases(batch, seen)
        if not by_ocid:
            return
        known.update(_stored_procurements([ocid for ocid in by_ocid if ocid in stored and ocid not in known]))
        merged: list[_Merged] = []
        for ocid, releases in by_ocid.items():
            procurement = known.get(ocid)
            if (
                procurement is not None
                and self.organisation is not None
                and procurement.organisation_id not in (None, self.organisation.pk)
            ):
                self.result.other_buyers[releases[0][0].buyer_name] += len(releases)
                continue
            merged.append(_merge(ocid, releases, procurement))
        self._stage(merged)

    def _new_releases(
        self, batch: list[ocds.Release], seen: set
    ) -> dict[str, list[tuple[ocds.Release, str, int | None]]]:
        """The releases not stored before (not in `seen`), with their buyer's key and
        organisation, by ocid; an organisation's upload keeps only its own."""
        result = self.result
        by_ocid: dict[str, list[tuple[ocds.Release, str, int | None]]] = {}
        for release in batch:
            known = (release.ocid, release.id[:200], release.date)
            if known in seen:
                result.already += 1
                continue
            seen.add(known)
            key, org_id, undecided = self.matcher.match(release.buyer_name, release.buyer_ids, release.date.date())
            if undecided:
                self.unmatched_names.setdefault(key, release.buyer_name)
            if self.organisation is not None and org_id != self.organisation.pk:
                (result.unmatched if undecided else result.other_buyers)[release.buyer_name or "(no buyer named)"] += 1
                continue
            if self.organisation is None and undecided:
                result.unmatched[release.buyer_name] += 1
            by_ocid.setdefault(release.ocid, []).append((release, key, org_id))
        return by_ocid

    def _stage(self, merged: list[_Merged]) -> None:
        staging.stage(
            [[m.pk, m.ocid, m.organisation_id, m.buyer_key, *m.values, bulk.json_text(m.state), m.was] for m in merged],
            [m.ocid for m in merged if m.staged],
            [[m.ocid, release.id[:200], release.date] for m in merged for release, _, _ in m.releases],
            [
                [
                    m.ocid,
                    row["award_id"],
                    row["date"],
                    row["status"],
                    _pounds(row["amount"]),
                    row["won_by_sme"],
                    row["won_by_vcse"],
                ]
                for m in merged
                for row in ocds.award_fields(m.state)
            ],
        )

    def record_unmatched(self) -> None:
        known = set(BuyerMapping.objects.filter(key__in=list(self.unmatched_names)).values_list("key", flat=True))
        BuyerMapping.objects.bulk_create(
            [
                BuyerMapping(key=key, name=name[:300] or key)
                for key, name in self.unmatched_names.items()
                if key not in known
            ]
        )


def _stored_releases(ocids: list[str]) -> tuple[set[str], set[tuple[str, str, datetime.datetime]]]:
    """Of these procurements, those stored, and (ocid, release id, date) of each of their notices.
    Two plain look-ups by key, not a join: a join's plan, made from statistics that a large import
    leaves behind, reads the whole notice table for every batch."""
    procurements = bulk.ids(Procurement, "ocid", ocids)
    if not procurements:
        return set(), set()
    ocid_of = {pk: ocid for ocid, pk in procurements.items()}
    quote = connection.ops.quote_name
    where, params = bulk.is_in(quote("procurement_id"), list(ocid_of))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('procurement_id')}, {quote('release_id')}, {quote('date')} "
            f"FROM {quote(Notice._meta.db_table)} WHERE {where}",
            params,
        )
        notices = cursor.fetchall()
    return set(procurements), {(ocid_of[pk], release_id, bulk.aware(date)) for pk, release_id, date in notices}


def _stored_procurements(ocids: list[str]) -> dict[str, staging.Known]:
    if not ocids:
        return {}
    rows = Procurement.objects.filter(ocid__in=ocids).values_list(
        "ocid", "pk", "merged", "last_updated", "buyer_key", "organisation_id"
    )
    return {
        ocid: staging.Known(pk, merged, updated, key, org, merged, False)
        for ocid, pk, merged, updated, key, org in rows
    }


_PROCUREMENT_VALUES = ocds.PROCUREMENT_FIELDS


@dataclass(slots=True)
class _Merged:
    """A procurement as it will be stored: its releases merged into its state and columns."""

    ocid: str
    pk: int | None
    buyer_key: str
    organisation_id: int | None
    state: dict
    values: list  # the columns named in ocds.PROCUREMENT_FIELDS, in that order
    releases: list[tuple[ocds.Release, str, int | None]]
    was: str | None  # the stored state it was merged with
    staged: bool  # staged before, by an earlier batch of the same file


def _merge(
    ocid: str, releases: list[tuple[ocds.Release, str, int | None]], procurement: staging.Known | None
) -> _Merged:
    """Fold new releases into a procurement, stored (or staged) or not. Its buyer is the latest
    release's, unless the procurement was updated later than any of them."""
    if len(releases) > 1:
        releases.sort(key=lambda item: item[0].date)
    state = orjson.loads(procurement.merged) if procurement is not None else None
    for release, __, ___ in releases:
        state = ocds.merge(state, release)
    latest, key, org_id = releases[-1]
    if procurement is not None and procurement.last_updated and procurement.last_updated > latest.date:
        key, org_id = procurement.buyer_key, procurement.organisation_id
    values = ocds.procurement_fields(state)
    return _Merged(
        ocid,
        procurement.pk if procurement is not None else None,
        key,
        org_id,
        state,
        [values[name] for name in _PROCUREMENT_VALUES],
        releases,
        procurement.was if procurement is not None else None,
        procurement.staged if procurement is not None else False,
    )


def _pounds(amount: float | None) -> Decimal | None:
    if amount is None or abs(amount) >= 1e15:
        return None
    return Decimal(f"{amount:.2f}")


def import_ocds_path(
    *, path: str | Path, organisation: Organisation | None = None, user=None, progress: files.Progress | None = None
) -> list[tuple[str, OcdsResult | ocds.OcdsError | files.FileProblem]]:
    """Import an OCDS file, or every OCDS file in a folder (and its subfolders), each in its own
    transaction: a faulty file is reported and stores nothing; the others are imported.
    `progress(done, total)`: bytes read of all the files' sizes (unpacked, for zip archives)."""
    path = Path(path)
    if path.is_dir():
        paths = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (*OCDS_SUFFIXES, ".zip"))
    else:
        paths = [path]
    outcomes: list[tuple[str, OcdsResult | ocds.OcdsError | files.FileProblem]] = []
    openers: list[tuple[str, files.Opener | files.FileProblem]] = []
    for each in paths:
        shown = str(each.relative_to(path)) if path.is_dir() else each.name
        try:
            openers.append((shown, files.path_opener(each, OCDS_SUFFIXES)[0]))
        except files.FileProblem as error:
            openers.append((shown, error))
    meter = files.Meter(progress, sum(o.size or 0 for _, o in openers if isinstance(o, files.Opener)))
    matcher = BuyerMatcher.load()
    for shown, opener in openers:
        if isinstance(opener, files.FileProblem):
            outcomes.append((shown, opener))
            continue
        meter.next(opener.size, shown)
        try:
            with opener() as stream:
                outcomes.append(
                    (
                        shown,
                        _import_ocds(
                            stream=stream,
                            name=shown,
                            organisation=organisation,
                            user=user,
                            meter=meter,
                            matcher=matcher,
                        ),
                    )
                )
        except (ocds.OcdsError, files.FileProblem) as error:
            outcomes.append((shown, error))
    meter.next(None)
    meter.finish()
    return outcomes


# --- spend files ---------------------------------------------------------------------------------


def start_spend_upload(*, organisation: Organisation, source: IO[bytes], file_name: str, user) -> SpendUpload:
    """Keep an uploaded spend file (compressed) with its header read and its columns proposed,
    for the lead to confirm. Raises csv_reading.SpendError, files.FileProblem or AlreadyImported."""
    content, digest, size, _inner_name = files.compress(
        source, name=file_name, suffixes=SPEND_SUFFIXES, max_bytes=MAX_SPEND_BYTES
    )
    header = csv_reading.read_header(files.gzip_opener(content), name=file_name)
    _refuse_repeat(organisation, EvidenceImport.Kind.SPEND, digest)
    with transaction.atomic():
        organisation.spend_uploads.filter(status=SpendUpload.Status.PENDING).update(
            status=SpendUpload.Status.DISCARDED, content=b""
        )
        return SpendUpload.objects.create(
            organisation=organisation,
            file_name=file_name[:255],
            sha256=digest,
            size=size,
            content=content,
            encoding=header.encoding,
            columns=header.columns,
            mapping=spend_columns.propose_mapping(header.columns),
            samples=[row[: len(header.columns)] for row in header.samples],
            uploaded_by=user,
        )


def pending_spend_upload(organisation: Organisation) -> SpendUpload | None:
    return organisation.spend_uploads.filter(status=SpendUpload.Status.PENDING).first()


def discard_spend_upload(*, upload: SpendUpload) -> None:
    upload.status = SpendUpload.Status.DISCARDED
    upload.content = b""
    upload.save(update_fields=["status", "content"])


def import_spend_upload(
    *,
    upload: SpendUpload,
    mapping: list[str],
    user=None,
    other_organisation: bool = False,
    progress: files.Progress | None = None,
) -> EvidenceImport:
    """Read the pending upload with the columns the lead confirmed and store it. Raises
    csv_reading.SpendError (nothing stored) or AlreadyImported; the file names another organisation
    is an error unless `other_organisation` (the lead confirmed it). `progress(done, total)`:
    bytes read of the file's size."""
    opener = files.gzip_opener(bytes(upload.content), upload.size or None)
    meter = files.Meter(progress, opener.size)
    meter.next(opener.size, upload.file_name)
    data = spend.read_spend(meter.opener(opener), mapping, name=upload.file_name, encoding=upload.encoding)
    _refuse_other_organisation(upload.organisation, data, upload.file_name, other_organisation, web=True)
    with transaction.atomic():
        record = store_spend(
            organisation=upload.organisation, data=data, file_name=upload.file_name, sha256=upload.sha256, user=user
        )
        upload.status = SpendUpload.Status.IMPORTED
        upload.mapping = mapping
        upload.content = b""
        upload.evidence_import = record
        upload.save(update_fields=["status", "mapping", "content", "evidence_import"])
    meter.finish()
    return record


def import_spend_path(
    *,
    organisation: Organisation,
    path: str | Path,
    user=None,
    mapping: list[str] | None = None,
    other_organisation: bool = False,
    progress: files.Progress | None = None,
) -> EvidenceImport:
    """The command line's import: the columns are read from the headings (or given), and a file
    whose headings are not recognised is refused with the headings found and the fields missing;
    so is a file that names another organisation, unless `other_organisation`.
    `progress(done, total)`: bytes read of the file's size (unpacked, for a zip archive)."""
    opener, shown = files.path_opener(path, SPEND_SUFFIXES)
    meter = files.Meter(progress, opener.size)
    meter.next(opener.size, shown)
    digest = files.sha256_of(meter.opener(opener, counted=False))
    _refuse_repeat(organisation, EvidenceImport.Kind.SPEND, digest)
    opener = meter.opener(opener)
    header = csv_reading.read_header(opener, name=shown)
    mapping = mapping or spend_columns.propose_mapping(header.columns)
    problems = spend_columns.check_mapping(mapping, header.columns)
    if problems:
        raise csv_reading.SpendError(
            [
                _("%(name)s: the column layout is not recognised. Headings found: %(headings)s.")
                % {"name": shown, "headings": ", ".join(header.columns)},
                *(_("%(name)s: %(problem)s.") % {"name": shown, "problem": p} for p in problems),
            ]
        )
    data = spend.read_spend(opener, mapping, name=shown, encoding=header.encoding)
    _refuse_other_organisation(organisation, data, shown, other_organisation, web=False)
    with transaction.atomic():
        record = store_spend(organisation=organisation, data=data, file_name=shown, sha256=digest, user=user)
    meter.finish()
    return record


def _refuse_other_organisation(
    organisation: Organisation, data: spend.SpendData, file_name: str, confirmed: bool, *, web: bool
) -> None:
    others = [] if confirmed else other_organisations(organisation, data.organisations)
    if others:
        raise csv_reading.SpendError([other_organisation_problem(organisation, file_name, others, web=web)])


def _refuse_repeat(organisation: Organisation, kind: str, digest: str) -> None:
    earlier = organisation.evidence_imports.filter(kind=kind, sha256=digest).first()
    if earlier is not None:
        raise AlreadyImported(earlier)


def store_spend(
    *, organisation: Organisation, data: spend.SpendData, file_name: str, sha256: str, user
) -> EvidenceImport:
    """Store the supplier-month totals of a spend file. Months the file covers replace what an
    earlier file said about the same months, so a corrected file does not count twice."""
    months = data.months
    replaced, __ = organisation.spend_lines.filter(month__in=months).delete()
    suppliers = len({line.key for line in data.lines.values() if line.kind == spend.NAMED})
    record = EvidenceImport.objects.create(
        kind=EvidenceImport.Kind.SPEND,
        organisation=organisation,
        file_name=file_name[:255],
        sha256=sha256,
        imported_by=user,
        first_date=data.first_date,
        last_date=data.last_date,
        summary={
            "payments": data.payments,
            "credit_notes": data.credit_notes,
            "credit_total": str(data.credit_total),
            "under_threshold": data.under_threshold,
            "redacted": data.redacted,
            "unnamed": data.unnamed,
            "skipped": data.skipped,
            "suppliers": suppliers,
            "months": len(months),
            "total": str(data.total),
            "replaced_lines": replaced,
            "encoding": data.encoding,
            "lines": len(data.lines),
        },
    )
    _insert_spend_lines(organisation, record, data.lines.values())
    return record


def _insert_spend_lines(organisation: Organisation, record: EvidenceImport, lines) -> None:
    bulk.insert(
        SpendLine,
        [
            "organisation",
            "evidence_import",
            "month",
            "kind",
            "supplier_key",
            "supplier_name",
            "supplier_id",
            "amount",
            "payments",
            "credit_notes",
            "vcse",
            "sme",
            "charity_number",
            "company_number",
        ],
        [
            [
                organisation.pk,
                record.pk,
                line.month,
                line.kind,
                line.key[:200],
                line.name[:300],
                line.supplier_id[:100],
                line.amount,
                line.payments,
                line.credit_notes,
                line.vcse,
                line.sme,
                line.charity_number[:20],
                line.company_number[:20],
            ]
            for line in lines
        ],
    )


# --- grant lists (360Giving) ---------------------------------------------------------------------


def import_grants(
    *,
    organisation: Organisation,
    opener: files.Opener,
    file_name: str,
    sha256: str | None = None,
    user=None,
    progress: files.Progress | None = None,
) -> EvidenceImport:
    """Replace the organisation's list of VCSEs with the recipients of a 360Giving grants file
    (its SHA-256 worked out here unless given). Raises grants.GrantsError (nothing stored) or
    AlreadyImported. `progress(done, total)`: bytes read of the file's size, when known."""
    sha256 = sha256 or files.sha256_of(opener)
    _refuse_repeat(organisation, EvidenceImport.Kind.GRANTS, sha256)
    meter = files.Meter(progress, opener.size)
    meter.next(opener.size, file_name)
    recipients = grants.read_recipients(meter.opener(opener), name=file_name)
    with transaction.atomic():
        organisation.vcse_organisations.all().delete()
        record = EvidenceImport.objects.create(
            kind=EvidenceImport.Kind.GRANTS,
            organisation=organisation,
            file_name=file_name[:255],
            sha256=sha256,
            imported_by=user,
            summary={
                "recipients": len(recipients),
                "charity_numbers": sum(1 for r in recipients if r.charity_number),
                "company_numbers": sum(1 for r in recipients if r.company_number),
            },
        )
        VcseOrganisation.objects.bulk_create(
            [
                VcseOrganisation(
                    organisation=organisation,
                    evidence_import=record,
                    key=r.key,
                    name=r.name,
                    charity_number=r.charity_number,
                    company_number=r.company_number,
                )
                for r in recipients
            ]
        )
    meter.finish()
    return record
