"""Upload inspection: an uploaded workbook is a zip file. Before openpyxl opens it, its directory
and its contents are checked against limits (size, number of entries, total uncompressed size,
compression ratio) so that a corrupted file or a "zip bomb" is refused with a clear message.

(Formula neutralisation, the guard on files leaving the product, is maturity.spreadsheets.)
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

# --- Uploads ---------------------------------------------------------------------------------

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_upload_bytes: int = 5 * MEGABYTE
    max_entries: int = 100
    max_total_uncompressed: int = 50 * MEGABYTE
    max_entry_uncompressed: int = 25 * MEGABYTE
    # XML compresses well (20:1 is common); a ratio past this on a large entry is a bomb.
    max_ratio: int = 100
    ratio_applies_above: int = 1 * MEGABYTE


LIMITS = Limits()
WORKBOOK_SUFFIX = ".xlsx"
REQUIRED_ENTRIES = ("[Content_Types].xml", "xl/workbook.xml")
# Byte order marks and how an XML part may begin: UTF-8, or UTF-16 either way round.
_XML_STARTS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"<", b"<\x00", b"\x00<")
# Excel saves a password-protected workbook as an OLE compound file, like the old .xls format.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class UploadRefused(Exception):
    """An uploaded file that is refused before it is read; the message says why, for the user."""


def check_workbook_upload(name: str, data: bytes, limits: Limits = LIMITS) -> None:
    """Refuse a file that is not a sound .xlsx within the limits, before anything parses it.

    Checks, in order: the name ends in .xlsx; the file is not empty or too large; it is a zip
    file whose directory can be read; it has few enough entries; the sizes it declares are within
    the limits; it looks like a workbook; and, decompressing each entry as a stream with a cap,
    the real sizes are within the limits, every checksum is right, and every XML part parses
    with a hardened parser (defusedxml) that refuses a DTD or an entity in any encoding.
    """
    if not name.lower().endswith(WORKBOOK_SUFFIX):
        raise UploadRefused(_("The selected file must be an Excel workbook (.xlsx)"))
    if not data:
        raise UploadRefused(_("The selected file is empty"))
    if len(data) > limits.max_upload_bytes:
        raise UploadRefused(
            _("The selected file must be smaller than %(size)s MB") % {"size": limits.max_upload_bytes // MEGABYTE}
        )
    if data.startswith(OLE_SIGNATURE):
        raise UploadRefused(
            _(
                "The selected file is password-protected or in the old Excel format (.xls): "
                "save it as an Excel Workbook (.xlsx) without a password"
            )
        )
    if not data.startswith(b"PK\x03\x04") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise UploadRefused(_("The selected file is not an Excel workbook (.xlsx), or it is corrupted"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise UploadRefused(_("The selected file is corrupted: download a new workbook and try again")) from None
    with archive:
        if len(entries) > limits.max_entries:
            raise UploadRefused(
                _("The selected file has too many parts (%(parts)s) to be one of our workbooks")
                % {"parts": len(entries)}
            )
        _check_declared_sizes(entries, limits)
        names = {entry.filename for entry in entries}
        if not all(required in names for required in REQUIRED_ENTRIES):
            raise UploadRefused(_("The selected file is not an Excel workbook (.xlsx)"))
        _check_contents(archive, entries, limits)


def _bomb() -> UploadRefused:
    return UploadRefused(_("The selected file expands to far more data than a workbook holds, so it was not opened"))


def _check_declared_sizes(entries: list[zipfile.ZipInfo], limits: Limits) -> None:
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise UploadRefused(_("The selected file is password-protected: save it without a password and try again"))
        total += entry.file_size
        if entry.file_size > limits.max_entry_uncompressed or total > limits.max_total_uncompressed:
            raise _bomb()
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > limits.ratio_applies_above and ratio > limits.max_ratio:
            raise _bomb()


def _check_contents(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Decompress every entry as a stream, stopping as soon as a limit is passed, and feed every
    XML part to a hardened parser as it comes.

    The sizes in a zip directory can lie; what comes out of the decompressor cannot. A DTD or an
    entity is refused wherever it is and in any encoding the XML declares. The parser stops at the
    first thing that is not well-formed XML and the part is left to openpyxl, which reports the
    file as unreadable (it parses with defusedxml too): an entity can only be declared in a DTD,
    before the first element, so nothing after that point can declare one.
    """
    total = 0
    for entry in entries:
        if entry.is_dir():
            continue
        size, parser, readable = 0, None, True
        try:
            with archive.open(entry) as stream:
                while chunk := stream.read(64 * 1024):
                    size += len(chunk)
                    total += len(chunk)
                    if (
                        size > entry.file_size
                        or size > limits.max_entry_uncompressed
                        or total > limits.max_total_uncompressed
                    ):
                        raise _bomb()
                    if parser is None and size == len(chunk) and chunk.lstrip(b" \t\r\n").startswith(_XML_STARTS):
                        parser = _hardened_parser()
                    if parser is not None and readable:
                        readable = _feed(parser, chunk)
            if parser is not None and readable:
                _feed(parser, b"", last=True)
        except UploadRefused:
            raise
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError):
            raise UploadRefused(_("The selected file is corrupted: download a new workbook and try again")) from None


def _hardened_parser():
    from xml.sax.handler import ContentHandler

    from defusedxml.expatreader import create_parser

    parser = create_parser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setContentHandler(ContentHandler())  # nothing is kept: the parts are only checked
    return parser


def _feed(parser, chunk: bytes, *, last: bool = False) -> bool:
    """Whether the part is well-formed so far; refuses a DTD or an entity at once."""
    from xml.sax import SAXException

    from defusedxml import DefusedXmlException

    try:
        parser.close() if last else parser.feed(chunk)
    except DefusedXmlException:
        raise UploadRefused(
            _("The selected file contains XML that a workbook never has, so it was not opened")
        ) from None
    except SAXException:
        return False
    return True
