"""Reading procurement notices published as open contracting data (OCDS 1.0 and 1.1).

Pure functions, no Django. `read_releases` streams a file whatever its size: a release package
(`{"releases": [...]}`), a record package (`{"records": [...]}`), a single release or record, an
array of releases, or JSON Lines with one release (or package) per line. Packages are read with
ijson, one release at a time, so memory stays flat; JSON Lines are read one line at a time.

Each release is reduced to a `Release`: the few fields the indicators need. `merge` folds the
releases of one procurement (one `ocid`) together, the latest release winning field by field.

A file that is not JSON, not UTF-8 or not OCDS raises `OcdsError` saying what was wrong and
where (a line, or a release's position); a release that lacks what every release must have
(`ocid`, `id`, `date`) is reported by position once the whole file has been read.
"""

from __future__ import annotations

import codecs
import datetime
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

import ijson
import orjson
from django.utils.translation import gettext as _

from maturity.evidence.limits import LIMITS, Limits, megabytes
from maturity.problems import Problems
from maturity.words import counted

MAX_PROBLEMS = 20
_FIRST_LINE_LIMIT = 1 << 20
_SME_SCALES = {"sme", "micro", "small", "medium"}
_KNOWN_SCALES = _SME_SCALES | {"large"}
_NOT_AWARDED = {"cancelled", "unsuccessful"}


class OcdsError(Problems):
    """The file cannot be imported; `problems` says what was wrong and where."""


# Plain slotted classes (not frozen): a frozen dataclass sets each field through
# object.__setattr__, which costs more than reading the release.
@dataclass(slots=True)
class Award:
    id: str
    date: datetime.date | None
    status: str | None
    amount: float | None  # in pounds; None when missing or in another currency
    sme: bool | None  # won by an SME; None when the suppliers' size is not published
    vcse: bool | None


@dataclass(slots=True)
class Release:
    ocid: str
    id: str
    date: datetime.datetime  # UTC
    buyer_name: str
    buyer_ids: tuple[str, ...]  # "SCHEME-ID", e.g. "GB-LAE-TRF"
    tender: dict[str, Any] = field(default_factory=dict)
    awards: tuple[Award, ...] = ()
    at: str = ""  # date.isoformat(), worked out once


# --- reading files -----------------------------------------------------------------------------


def read_releases(stream: IO[bytes], *, name: str = "the file", limits: Limits = LIMITS) -> Iterator[Release]:
    """Every release in a seekable binary stream, summarised. Raises OcdsError: at once when the
    file cannot be read as OCDS or passes a limit (limits.py), or after the last release when some
    releases were faulty."""
    problems: list[str] = []
    count = 0
    guarded = io.BufferedReader(Guard(stream, name=name, limits=limits), 1 << 20)
    for location, raw in raw_releases(guarded, name=name, limits=limits):
        if count >= limits.rows:
            raise OcdsError(
                [
                    _(
                        "%(name)s has more than %(count)s releases, the limit for one file: "
                        "split it (by year or quarter) and import each part."
                    )
                    % {"name": name, "count": f"{limits.rows:,}"}
                ]
            )
        try:
            release = summarise(raw)
        except ValueError as error:
            if len(problems) < MAX_PROBLEMS:
                problems.append(f"{name}, {location}: {error}")
            else:
                problems[-1] = _("... and more problems after %(count)s (correct those first)") % {
                    "count": MAX_PROBLEMS - 1
                }
            continue
        count += 1
        yield release
    if problems:
        raise OcdsError(problems)
    if count == 0:
        raise OcdsError(
            [_("%(name)s has no releases: an OCDS file needs at least one release with an ocid.") % {"name": name}]
        )


def raw_releases(stream: IO[bytes], *, name: str = "the file", limits: Limits = LIMITS) -> Iterator[tuple[str, dict]]:
    """(where, release) for every release in the file, as plain JSON objects."""
    start = _skip_bom(stream, name)
    first, blank_lines = _first_line(stream)
    if not first:
        raise OcdsError([_("%(name)s is empty.") % {"name": name}])
    opening = first.lstrip()[:1]
    if opening not in (b"{", b"["):
        shown = first.strip()[:30].decode("utf-8", "replace")
        raise OcdsError(
            [
                _("%(name)s is not JSON: line %(line)s starts with “%(start)s” rather than { or [.")
                % {"name": name, "line": blank_lines + 1, "start": shown}
            ]
        )
    if _is_json_line(first):
        stream.seek(start)
        yield from _json_lines(stream, name, limits.line_bytes)
    else:
        yield from _json_document(stream, start, name)


def _skip_bom(stream: IO[bytes], name: str) -> int:
    stream.seek(0)
    head = stream.read(4)
    if head.startswith(codecs.BOM_UTF8):
        stream.seek(3)
        return 3
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (len(head) >= 2 and 0 in head[:2]):
        raise OcdsError(
            [
                _(
                    "%(name)s is not UTF-8: it looks like UTF-16. OCDS data must be UTF-8: save it as UTF-8 and try again."
                )
                % {"name": name}
            ]
        )
    stream.seek(0)
    return 0


def _first_line(stream: IO[bytes]) -> tuple[bytes, int]:
    blank = 0
    while True:
        line = stream.readline(_FIRST_LINE_LIMIT)
        if not line:
            return b"", blank
        if line.strip():
            return line, blank
        blank += 1


def _is_json_line(line: bytes) -> bool:
    """A first line that is a whole JSON value on its own: JSON Lines (or a one-line file)."""
    if not line.endswith(b"\n") and len(line) >= _FIRST_LINE_LIMIT:
        return False
    try:
        orjson.loads(line)
    except orjson.JSONDecodeError:
        try:
            json.loads(line)  # NaN, or an integer beyond 64 bits: JSON that orjson refuses
        except ValueError:
            return False
    return True


_BLANK = frozenset(b" \t\r\n")


def _json_lines(stream: IO[bytes], name: str, line_bytes: int) -> Iterator[tuple[str, dict]]:
    number = 0
    while line := stream.readline(line_bytes + 1):
        number += 1
        if len(line) > line_bytes:
            raise OcdsError(
                [
                    f"{name}, line {number} is longer than {megabytes(line_bytes)}, the limit for one line "
                    "(one release). This is not the OCDS data we can import."
                ]
            )
        if line[0] in _BLANK and not line.strip():  # (strip copies the line: only when it may be blank)
            continue
        try:
            # orjson takes a third of the time of json. A line it refuses is parsed again by json,
            # which accepts what JSON allows beyond orjson (NaN, integers over 64 bits) and whose
            # errors say what is wrong.
            try:
                document = orjson.loads(line)
            except orjson.JSONDecodeError:
                document = json.loads(line)
        except UnicodeDecodeError:
            raise OcdsError(
                [f"{name}, line {number}: not UTF-8 text. OCDS data must be UTF-8: save it as UTF-8 and try again."]
            ) from None
        except json.JSONDecodeError as error:
            raise OcdsError(
                [f"{name}, line {number}, character {error.colno}: the JSON is malformed ({error.msg})."]
            ) from None
        if type(document) is dict and "ocid" in document and not _PACKAGE_KEYS & document.keys():
            yield f"line {number}", document  # a release, as nearly every line is
        else:
            yield from _releases_in(document, f"line {number}", name)


_PACKAGE_KEYS = frozenset({"records", "releases", "compiledRelease"})


def _releases_in(document: Any, where: str, name: str) -> Iterator[tuple[str, dict]]:
    """The releases in one JSON value: a release, a release package, a record or a record package."""
    if isinstance(document, list):
        for index, item in enumerate(document, 1):
            yield from _releases_in(item, f"{where}, item {index}", name)
        return
    if not isinstance(document, dict):
        raise OcdsError([f"{name}, {where}: expected a JSON object (a release or a package), found {_kind(document)}."])
    if "records" in document:
        for index, record in enumerate(document.get("records") or [], 1):
            yield from _record_releases(record, f"{where}, record {index}", name)
    elif "releases" in document or "compiledRelease" in document:
        yield from _record_releases(document, where, name)
    elif "ocid" in document:
        yield where, document
    else:
        raise OcdsError([_not_ocds(name, where)])


def _record_releases(record: Any, where: str, name: str) -> Iterator[tuple[str, dict]]:
    if not isinstance(record, dict):
        raise OcdsError([f"{name}, {where}: expected a JSON object, found {_kind(record)}."])
    embedded = [r for r in record.get("releases") or [] if isinstance(r, dict) and "ocid" in r]
    if embedded:
        for index, release in enumerate(embedded, 1):
            yield f"{where}, release {index}", release
    elif isinstance(record.get("compiledRelease"), dict):
        yield f"{where}, compiled release", record["compiledRelease"]
    elif record.get("releases"):
        raise OcdsError(
            [f"{name}, {where}: the releases are only linked (by url), not included, and there is no compiledRelease."]
        )


def _not_ocds(name: str, where: str | None = None) -> str:
    place = f"{name}, {where}" if where else name
    return (
        f"{place} is JSON but not OCDS: expected a release package (with “releases”), a record "
        "package (with “records”) or a release (with “ocid”)."
    )


def _kind(value: Any) -> str:
    return {list: "a list", str: "a string", bool: "true or false", type(None): "null"}.get(type(value), "a number")


def _json_document(stream: IO[bytes], start: int, name: str) -> Iterator[tuple[str, dict]]:
    """One JSON document, streamed: its shape is found from the first keys, then its releases are
    read one by one with ijson (built in C by the yajl2_c backend)."""
    stream.seek(start)
    shape = _guard(lambda: _shape(stream), stream, start, name)
    if shape is None:
        raise OcdsError([_not_ocds(name)])
    stream.seek(start)
    if shape == "release":
        for item in _guarded_items(stream, start, name, ""):
            yield "the release", item
        return
    if shape == "array":
        for index, item in _guarded_enumerate(stream, start, name, "item"):
            yield from _releases_in(item, f"item {index}", name)
        return
    if shape == "records":
        for index, record in _guarded_enumerate(stream, start, name, "records.item"):
            yield from _record_releases(record, f"record {index}", name)
        return
    # A release package, or a single record: releases under "releases", else a compiled release.
    found = linked = 0
    for index, item in _guarded_enumerate(stream, start, name, "releases.item"):
        if isinstance(item, dict) and "ocid" in item:
            found += 1
            yield f"release {index}", item
        elif isinstance(item, dict) and "url" in item:
            linked += 1
        else:
            raise OcdsError([f"{name}, release {index}: not a release (it has no “ocid”)."])
    if not found and (shape == "record" or linked):
        stream.seek(start)
        compiled = list(_guarded_items(stream, start, name, "compiledRelease"))
        if not compiled:
            raise OcdsError(
                [f"{name}: the releases are only linked (by url), not included, and there is no compiledRelease."]
            )
        yield "the compiled release", compiled[0]


def _shape(stream: IO[bytes]) -> str | None:
    """What the document is, from its first top-level keys (read as events, nothing built)."""
    saw_ocid = False
    for prefix, event, value in ijson.parse(stream):
        if prefix != "":
            continue
        if event == "start_array":
            return "array"
        if event == "map_key":
            if value == "records":
                return "records"
            if value in ("compiledRelease", "versionedRelease"):
                return "record"
            if value == "releases":
                return "record" if saw_ocid else "releases"
            if value == "ocid":
                saw_ocid = True
        elif event == "end_map":
            return "release" if saw_ocid else None
        elif event not in ("start_map",):
            return None
    return None


def _guarded_enumerate(stream, start, name, prefix) -> Iterator[tuple[int, Any]]:
    index = 0
    for item in _guarded_items(stream, start, name, prefix):
        index += 1
        yield index, item


def _guarded_items(stream, start, name, prefix) -> Iterator[Any]:
    items = ijson.items(stream, prefix, use_float=True)
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except ijson.JSONError as error:
            raise OcdsError([_syntax_problem(error, stream, start, name)]) from None
        yield item


def _guard(function, stream, start, name):
    try:
        return function()
    except ijson.JSONError as error:
        raise OcdsError([_syntax_problem(error, stream, start, name)]) from None


def _syntax_problem(error: Exception, stream: IO[bytes], start: int, name: str) -> str:
    message = str(error)
    if message.startswith(("b'", 'b"')):
        message = message[2:]
    reason = message.split("\\n")[0].split("\n")[0].replace("parse error: ", "").replace("lexical error: ", "")
    line, column = _locate(stream, start)
    where = f"line {line}" + (f", near character {column}" if column else "")
    if "UTF8" in reason or "utf-8" in reason.lower():
        return f"{name}, {where}: not UTF-8 text. OCDS data must be UTF-8: save it as UTF-8 and try again."
    if "premature EOF" in reason:
        return f"{name}, {where}: the JSON ends too early: the file is cut short or a bracket is not closed."
    return f"{name}, {where}: the JSON is malformed ({reason.rstrip('.')})."


def _locate(stream: IO[bytes], start: int) -> tuple[int, int | None]:
    """The line (and rough character) of the first JSON error, found by feeding the parser a
    little at a time: only done once a file has failed, and in flat memory."""
    stream.seek(start)
    coro = ijson.parse_coro(_Discard())
    line, column = 1, 0
    while True:
        piece = stream.readline(256)
        if not piece:
            break
        try:
            coro.send(piece)
        except ijson.JSONError:
            return line, (column + 1) if column else None
        if piece.endswith(b"\n"):
            line, column = line + 1, 0
        else:
            column += len(piece)
    try:
        coro.close()
    except ijson.JSONError:
        pass
    return line, None


class _Discard:
    def send(self, value) -> None:
        pass


# --- holding JSON to the limits as it is read ---------------------------------------------------

_NOT_SKELETON = bytes(c for c in range(256) if c not in b'"[]{}')
_PAIR = re.compile(rb"\{\}|\[\]")
_STRUCTURE = b" \t\r\n[]{},:"


class Guard(io.RawIOBase):
    """A JSON stream held to the limits on one value's length and on nesting depth, checked on the
    bytes as they are read, in time linear in them, before any parser holds them: a parser would
    take time quadratic in a long string (it reads it again with each new piece) and memory
    quadratic in the depth.

    Each piece read is split at its quotes (a quote escaped by a backslash does not count): the
    pieces in turn lie outside and inside strings, and none may be longer than
    `limits.value_bytes`, so a string, or blank space, or a number, is bounded. What lies outside
    the strings is reduced to its brackets; removing the innermost pairs again and again (each
    round one level) gives how deep the piece nests, which with the depth it started at and the
    brackets left unclosed bounds the depth reached. Going back to the start of the file starts
    afresh."""

    def __init__(self, stream: IO[bytes], *, name: str, limits: Limits = LIMITS):
        self._stream = stream
        self._name = name
        self._limits = limits
        self._restart(0)

    def _restart(self, position: int) -> None:
        self._position = position  # of the next byte read
        self._lines = 0  # line breaks before the next byte held back or read
        self._inside = False  # inside a string, at the start of what is held back
        self._run = 0  # bytes since the last quote
        self._run_line = 1  # the line of the last quote
        self._depth = 0
        self._carry = b""  # a backslash at the end of a piece, escaping the next one's first byte

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._stream.seekable()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        position = self._stream.seek(offset, whence)
        self._restart(position)
        return position

    def tell(self) -> int:
        return self._position

    def readinto(self, buffer) -> int:
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        self._position += len(data)
        step = self._limits.value_bytes
        if len(data) <= step:
            self._check(self._carry + data, final=not data)
        else:  # in pieces no longer than one value may be: only a stretch across pieces can be too long
            for start in range(0, len(data), step):
                self._check(self._carry + data[start : start + step], final=False)
        return len(data)

    def _check(self, data: bytes, *, final: bool) -> None:
        self._carry = b""
        if not final and data.endswith(b"\\") and (len(data) - len(data.rstrip(b"\\"))) % 2:
            data, self._carry = data[:-1], b"\\"
        # Escaped backslashes, then escaped quotes, become two other bytes: what is left of the
        # quotes opens or closes a string. (The same length: places in `plain` are places in `data`.)
        # Most pieces hold no quote after a backslash, and need neither.
        plain = data
        if b'\\"' in data:
            plain = data.replace(b"\\\\", b"..") if b"\\\\" in data else data
            plain = plain.replace(b'\\"', b"..")
        # What matters of the bytes: the quotes and the brackets (a fraction of them, split cheaply).
        pieces = plain.translate(None, _NOT_SKELETON).split(b'"')
        # A stretch between two quotes is no longer than `data`, itself no longer than one value
        # may be (readinto cuts what it reads to that size): only the first, which goes on from the
        # last stretch of what came before, can be too long.
        first = plain.find(b'"') if len(pieces) > 1 else len(plain)
        if self._run + first > self._limits.value_bytes:
            self._too_long(plain)
        lines = plain.count(b"\n")
        if len(pieces) == 1:
            self._run += len(plain)
        else:
            last = plain.rfind(b'"') + 1
            self._run = len(plain) - last
            self._run_line = self._lines + lines - plain.count(b"\n", last) + 1
        outside = pieces[1::2] if self._inside else pieces[0::2]
        self._nesting(b"".join(outside), plain)
        self._inside ^= len(pieces) % 2 == 0
        self._lines += lines

    def _nesting(self, brackets: bytes, plain: bytes) -> None:
        """Bound the depth reached in `plain`, whose brackets outside strings are `brackets`."""
        height = 0
        while brackets:
            reduced = _PAIR.sub(b"", brackets)
            if len(reduced) == len(brackets):
                break
            brackets, height = reduced, height + 1
            if height > self._limits.depth:
                break
        closes = brackets.count(b"]") + brackets.count(b"}")
        after = max(self._depth - closes, 0) + len(brackets) - closes
        if max(self._depth, after) + height > self._limits.depth:
            self._too_deep(plain)
        self._depth = after

    def _line_at(self, plain: bytes, offset: int) -> int:
        return self._lines + plain.count(b"\n", 0, offset) + 1

    def _too_long(self, plain: bytes) -> None:
        """Say what is too long, and the line it starts on (only once a file has failed)."""
        limit, start, inside = self._limits.value_bytes, self._run_line, self._inside
        end = plain.find(b'"')
        stretch = plain[: end if end >= 0 else len(plain)]
        if inside:
            problem = f"line {start}: a text value is longer than {megabytes(limit)}, the limit for one value"
        elif not stretch.translate(None, _STRUCTURE):
            problem = f"after line {start}: more than {megabytes(limit)} of blank space (or blank lines) in a row"
        else:
            problem = (
                f"line {start}: a value (such as a number) is longer than {megabytes(limit)}, the limit for one value"
            )
        raise OcdsError([f"{self._name}, {problem}. This is not the OCDS data we can import."])

    def _too_deep(self, plain: bytes) -> None:
        """Find where the nesting passes the limit, byte by byte (only once a file has failed)."""
        depth, inside = self._depth, self._inside
        offset = len(plain)
        for index, byte in enumerate(plain):
            if inside:
                inside = byte != 0x22
            elif byte == 0x22:
                inside = True
            elif byte in (0x5B, 0x7B):
                depth += 1
                if depth > self._limits.depth:
                    offset = index
                    break
            elif byte in (0x5D, 0x7D):
                depth -= 1
        raise OcdsError(
            [
                _(
                    "%(name)s, line %(line)s: the JSON is nested more than %(levels)s deep, the limit (OCDS data "
                    "nests about ten deep). This is not the OCDS data we can import."
                )
                % {
                    "name": self._name,
                    "line": self._line_at(plain, offset),
                    "levels": counted(self._limits.depth, "%(num)s level", "%(num)s levels"),
                }
            ]
        )


# --- one release -------------------------------------------------------------------------------


def summarise(release: dict) -> Release:
    """The fields of a release that the indicators use. Raises ValueError naming what is missing."""
    ocid = release.get("ocid")
    if not isinstance(ocid, str) or not ocid.strip():
        raise ValueError("the release has no ocid")
    release_id = release.get("id")
    if release_id in (None, ""):
        raise ValueError(f"the release of {ocid} has no id")
    date = parse_datetime(release.get("date"))
    if date is None:
        raise ValueError(f"the release {release_id} of {ocid} has no valid date ({release.get('date')!r})")
    listed = release.get("parties")
    parties = {str(p.get("id")): p for p in listed if isinstance(p, dict) and p.get("id") is not None} if listed else {}
    buyer_name, buyer_ids = _buyer(release, parties)
    ocid, release_id, at = ocid.strip(), str(release_id), date.isoformat()
    return Release(
        ocid=ocid,
        id=release_id,
        date=date,
        at=at,
        buyer_name=buyer_name,
        buyer_ids=buyer_ids,
        tender=_tender(release.get("tender")),
        awards=tuple(_awards(awards, parties)) if (awards := release.get("awards")) else (),
    )


def parse_datetime(value: Any) -> datetime.datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC)


def _buyer(release: dict, parties: dict[str, dict]) -> tuple[str, tuple[str, ...]]:
    """The buyer's name and identifiers ("SCHEME-ID"), from the buyer and its party."""
    buyer = release.get("buyer")
    buyer = buyer if type(buyer) is dict else {}
    buyer_id = buyer.get("id")
    party = parties.get(str(buyer_id)) if buyer_id is not None else None
    if party is None:
        party = next((p for p in parties.values() if "buyer" in (p.get("roles") or [])), None) or {}
    name = _text(buyer.get("name")) or _text(party.get("name"))
    ids: list[str] = []
    for organisation in (buyer, party):
        identifier, more = organisation.get("identifier"), organisation.get("additionalIdentifiers")
        for each in (identifier, *more) if more and type(more) is list else (identifier,):
            if type(each) is dict:
                scheme, value = each.get("scheme"), each.get("id")
                if scheme and value:  # most buyers have an empty identifier: nothing more to do
                    scheme, value = _text(scheme), _text(str(value))
                    if scheme and value:
                        ids.append(f"{scheme}-{value}")
    return name, tuple(dict.fromkeys(ids)) if ids else ()


_TENDER_TEXTS = (("title", "title"), ("status", "status"), ("procurementMethod", "method"))
_TENDER_FLAGS = (("sme", "isSuitableForSme"), ("vcse", "isSuitableForVco"))


def _tender(tender: Any) -> dict[str, Any]:
    """The tender's fields that the indicators use (only those given). Written out plainly, as
    it runs for every release."""
    if type(tender) is not dict:
        return {}
    values: dict[str, Any] = {}
    for source, key in _TENDER_TEXTS:
        text = tender.get(source)
        if text and type(text) is str:
            text = " ".join(text.split())
            if text:
                values[key] = text
    tenderers = tender.get("numberOfTenderers")
    if tenderers is not None and (tenderers := _count(tenderers)) is not None:
        values["tenderers"] = tenderers
    suitability, flags = tender.get("suitability"), tender.get("xClassifications")
    if suitability or flags:
        suitability = suitability if type(suitability) is dict else {}
        flags = flags if type(flags) is dict else {}
        for key, old in _TENDER_FLAGS:
            flag = suitability.get(key)
            if type(flag) is not bool:
                flag = flags.get(old)
            if type(flag) is bool:
                values[key] = flag
    return values


def _awards(awards: Any, parties: dict[str, dict]) -> Iterator[Award]:
    if not isinstance(awards, list):
        return
    for index, award in enumerate(awards, 1):
        if not isinstance(award, dict):
            continue
        value = award.get("value") if isinstance(award.get("value"), dict) else {}
        amount = value.get("amount")
        in_pounds = (
            value.get("currency") in (None, "GBP") and isinstance(amount, (int, float)) and not isinstance(amount, bool)
        )
        moment = parse_datetime(award.get("date"))
        sizes, vcses = [], []
        for supplier in award.get("suppliers") or []:
            if not isinstance(supplier, dict):
                continue
            party = parties.get(str(supplier.get("id"))) if supplier.get("id") is not None else None
            details = (party or supplier).get("details")
            details = details if isinstance(details, dict) else {}
            scale = details.get("scale")
            sizes.append(scale if scale in _KNOWN_SCALES else None)
            vcse = details.get("vcse")
            vcses.append(vcse if isinstance(vcse, bool) else None)
        yield Award(
            id=str(award.get("id") if award.get("id") not in (None, "") else f"award-{index}"),
            date=moment.date() if moment else None,
            status=_text(award.get("status")) or None,
            amount=float(amount) if in_pounds else None,
            sme=_any_known(sizes, lambda s: s in _SME_SCALES),
            vcse=_any_known(vcses, lambda v: v is True),
        )


def _any_known(values: list, test) -> bool | None:
    """True if any value passes, False if every value is known and none does, else None."""
    if any(v is not None and test(v) for v in values):
        return True
    if values and all(v is not None for v in values):
        return False
    return None


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _count(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and value >= 0 and float(value).is_integer():
        return int(value)
    return None


# --- merging the releases of one procurement ---------------------------------------------------


def merge(state: dict | None, release: Release) -> dict:
    """Fold a release into a procurement's state: the latest release (by date) wins field by
    field; awards are merged by their id. The state is plain JSON, kept with the procurement."""
    at = release.at or release.date.isoformat()
    buyer = (
        {"name": release.buyer_name, "ids": list(release.buyer_ids), "at": at}
        if release.buyer_name or release.buyer_ids
        else None
    )
    if not state:  # the first release of a procurement, as most are: nothing to compare with
        state = {
            "first": at,
            "last": at,
            "buyer": buyer,
            "tender": {key: [value, at] for key, value in release.tender.items()},
            "awards": {},
        }
    else:
        state["first"] = min(filter(None, [state["first"], at]))
        state["last"] = max(filter(None, [state["last"], at]))
        if buyer and (state["buyer"] is None or at >= state["buyer"]["at"]):
            state["buyer"] = buyer
        for key, value in release.tender.items():
            _put(state["tender"], key, value, at)
    for award in release.awards:
        entry = state["awards"].setdefault(award.id, {"seen": at})
        entry["seen"] = min(entry["seen"], at)
        for key in ("date", "status", "amount", "sme", "vcse"):
            value = getattr(award, key)
            if value is not None:
                _put(entry, key, value.isoformat() if key == "date" else value, at)
    return state


def _put(fields: dict, key: str, value: Any, at: str) -> None:
    current = fields.get(key)
    if current is None or at >= current[1]:
        fields[key] = [value, at]


def _value(fields: dict, key: str) -> Any:
    entry = fields.get(key)
    return entry[0] if entry else None


PROCUREMENT_FIELDS = (
    "buyer_name",
    "first_published",
    "last_updated",
    "title",
    "tender_status",
    "procurement_method",
    "number_of_tenderers",
    "suitable_for_smes",
    "suitable_for_vcses",
)


def procurement_fields(state: dict) -> dict[str, Any]:
    """The procurement's columns, from its merged state."""
    tender = state["tender"]
    buyer = state["buyer"] or {"name": "", "ids": []}
    return {
        "buyer_name": buyer["name"][:300],
        "first_published": datetime.datetime.fromisoformat(state["first"]),  # as merge wrote it, in UTC
        "last_updated": datetime.datetime.fromisoformat(state["last"]),
        "title": (_value(tender, "title") or "")[:500],
        "tender_status": (_value(tender, "status") or "")[:30],
        "procurement_method": (_value(tender, "method") or "")[:30],
        "number_of_tenderers": _value(tender, "tenderers"),
        "suitable_for_smes": _value(tender, "sme"),
        "suitable_for_vcses": _value(tender, "vcse"),
    }


def award_fields(state: dict) -> list[dict[str, Any]]:
    """One row per award that was made (not cancelled or unsuccessful), dated by the award date,
    or by the first notice that carried it when it has none."""
    rows = []
    for award_id, entry in state["awards"].items():
        status = _value(entry, "status")
        if status in _NOT_AWARDED:
            continue
        date = _value(entry, "date")
        rows.append(
            {
                "award_id": award_id[:200],
                "date": datetime.date.fromisoformat(date) if date else parse_datetime(entry["seen"]).date(),
                "status": (status or "")[:30],
                "amount": _value(entry, "amount"),
                "won_by_sme": _value(entry, "sme"),
                "won_by_vcse": _value(entry, "vcse"),
            }
        )
    return rows
