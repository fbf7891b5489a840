"""What an uploaded evidence document really is, decided from its content and never from its name.

`inspect` answers the kind of file (its stored type and extension) or raises `Refused` with the
message the person sees. The first bytes are read by libmagic (python-magic); a file that is a zip
package is then opened as one and judged by its parts, because an Office document, an OpenDocument
and a plain archive are all zips: a `.docx` that carries `vbaProject.bin` is a macro-enabled
document whatever its name says, and a zip that is neither is an archive. Nothing here writes.
"""

from __future__ import annotations

import csv
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO

import magic
from django.utils.translation import gettext, gettext_lazy
from django_stubs_ext import StrOrPromise

from maturity.spreadsheets import CSV_MEDIA_TYPE

HEAD_BYTES = 64 * 1024
# The parts read from inside a package are small XML or text; a bigger one is not what it claims.
PART_MAX_BYTES = 1024 * 1024
NAME_MAX = 150


@dataclass(frozen=True)
class Kind:
    label: StrOrPromise
    content_type: str
    extension: str


PDF = Kind(gettext_lazy("PDF"), "application/pdf", ".pdf")
DOCX = Kind(
    gettext_lazy("Word document"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"
)
XLSX = Kind(
    gettext_lazy("Excel workbook"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"
)
PPTX = Kind(
    gettext_lazy("PowerPoint presentation"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".pptx",
)
ODT = Kind(gettext_lazy("OpenDocument text"), "application/vnd.oasis.opendocument.text", ".odt")
ODS = Kind(gettext_lazy("OpenDocument spreadsheet"), "application/vnd.oasis.opendocument.spreadsheet", ".ods")
ODP = Kind(gettext_lazy("OpenDocument presentation"), "application/vnd.oasis.opendocument.presentation", ".odp")
PNG = Kind(gettext_lazy("PNG image"), "image/png", ".png")
JPEG = Kind(gettext_lazy("JPEG image"), "image/jpeg", ".jpg")
GIF = Kind(gettext_lazy("GIF image"), "image/gif", ".gif")
WEBP = Kind(gettext_lazy("WebP image"), "image/webp", ".webp")
CSV = Kind(gettext_lazy("CSV file"), CSV_MEDIA_TYPE, ".csv")
TEXT = Kind(gettext_lazy("text file"), "text/plain", ".txt")

KINDS = (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, PNG, JPEG, GIF, WEBP, CSV, TEXT)
SIMPLE = {kind.content_type: kind for kind in (PDF, PNG, JPEG, GIF, WEBP)}
OPEN_DOCUMENT = {kind.content_type: kind for kind in (ODT, ODS, ODP)}
# The main part of each Office Open XML document, which [Content_Types].xml must declare too.
OFFICE_MAIN_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
# Legacy Office binaries (OLE compound files) can carry macros that only a full parse would find.
OLE_TYPES = {
    "application/x-ole-storage",
    "application/cdfv2",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.ms-office",
}
ARCHIVE_TYPES = {
    "application/gzip",
    "application/x-gzip",
    "application/x-tar",
    "application/x-bzip2",
    "application/x-xz",
    "application/x-7z-compressed",
    "application/x-rar",
    "application/vnd.rar",
    "application/x-rar-compressed",
    "application/zstd",
    "application/x-lzma",
    "application/java-archive",
    "application/x-iso9660-image",
    "application/vnd.ms-cab-compressed",
}
ZIP_TYPES = {
    "application/zip",
    "application/x-zip-compressed",
    "application/octet-stream",
    *OPEN_DOCUMENT,
    *(kind.content_type for kind in OFFICE_MAIN_PARTS.values()),
}

ACCEPTED = gettext_lazy("a PDF, Word, Excel, PowerPoint, OpenDocument, image (PNG, JPEG, GIF or WebP) or CSV file")
MACROS = gettext_lazy(
    "The selected file contains macros: save it without them (for example as .docx, .xlsx or .pptx "
    "rather than .docm, .xlsm or .pptm) and upload it again"
)
ARCHIVE = gettext_lazy(
    "The selected file is a compressed archive (such as a .zip): upload the documents inside it one at a time"
)
LEGACY = gettext_lazy(
    "The selected file is in an older Office format (.doc, .xls or .ppt), which can hide macros: "
    "save it as .docx, .xlsx or .pptx and upload it again"
)
DAMAGED = gettext_lazy(
    "The selected file is damaged or only partly uploaded: open it to check it, then upload it again"
)


class Refused(Exception):
    """The file is not accepted; the message says why, in the words of the page."""

    def __init__(self, message: StrOrPromise):
        self.message = str(message)
        super().__init__(self.message)


def inspect(file: IO[bytes]) -> Kind:
    """The kind of `file` (a seekable binary file) from its content; `Refused` if not accepted."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    if not head:
        raise Refused(gettext("The selected file is empty"))
    found = magic.from_buffer(head, mime=True).lower()
    if head.startswith(b"PK\x03\x04") or (found in ZIP_TYPES and found != "application/octet-stream"):
        return _package(file)
    if found in SIMPLE:
        return SIMPLE[found]
    if found in OLE_TYPES:
        raise Refused(LEGACY)
    if found in ARCHIVE_TYPES:
        raise Refused(ARCHIVE)
    if found in {"text/plain", CSV_MEDIA_TYPE}:
        return _text(head)
    raise Refused(gettext("The selected file must be %(accepted)s") % {"accepted": ACCEPTED})


def _read_part(package: zipfile.ZipFile, name: str) -> bytes:
    with package.open(name) as part:
        data = part.read(PART_MAX_BYTES + 1)
    if len(data) > PART_MAX_BYTES:
        raise Refused(DAMAGED)
    return data


def _package(file: IO[bytes]) -> Kind:
    try:
        with zipfile.ZipFile(file) as package:
            names = package.namelist()
            lowered = [name.lower() for name in names]
            # Office keeps VBA in vbaProject.bin (any folder); OpenDocument keeps Basic and scripts in
            # its Basic/ and Scripts/ folders.
            if any(
                name.rsplit("/", 1)[-1] in {"vbaproject.bin", "vbaprojectsignature.bin", "vbadata.xml"}
                or name.startswith(("basic/", "scripts/"))
                for name in lowered
            ):
                raise Refused(MACROS)
            if "mimetype" in names:
                declared = _read_part(package, "mimetype").decode("ascii", "replace").strip()
                if declared in OPEN_DOCUMENT:
                    return OPEN_DOCUMENT[declared]
            if "[Content_Types].xml" in names:
                types = _read_part(package, "[Content_Types].xml").decode("utf-8", "replace")
                if "macroenabled" in types.lower():
                    raise Refused(MACROS)
                for part, kind in OFFICE_MAIN_PARTS.items():
                    if part in names and kind_declared(types, part):
                        return kind
    except zipfile.BadZipFile as error:
        raise Refused(DAMAGED) from error
    finally:
        file.seek(0)
    raise Refused(ARCHIVE)


def kind_declared(types: str, part: str) -> bool:
    """Whether [Content_Types].xml names `part` as a document's main part (not, say, a template's)."""
    main = re.search(rf'PartName="/{re.escape(part)}"\s+ContentType="([^"]+)"', types) or re.search(
        rf'ContentType="([^"]+)"\s+PartName="/{re.escape(part)}"', types
    )
    return bool(main) and main.group(1).endswith((".document.main+xml", ".sheet.main+xml", ".presentation.main+xml"))


def _text(head: bytes) -> Kind:
    if b"\x00" in head:
        raise Refused(gettext("The selected file must be %(accepted)s") % {"accepted": ACCEPTED})
    text = head.decode("utf-8-sig", errors="replace")
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t|")
    except csv.Error:
        return TEXT
    columns = {len(row) for row in csv.reader(lines, dialect)}
    return CSV if len(columns) == 1 and columns.pop() > 1 else TEXT


def safe_name(name: str, kind: Kind) -> str:
    """A file name that is safe to show and to offer for download: no folders, no control or
    reserved characters, at most NAME_MAX characters, ending with the extension of what it is."""
    name = unicodedata.normalize("NFKC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"|?*;%]', "-", name)
    name = re.sub(r"\s+", " ", name)
    stem = name.rsplit(".", 1)[0] if "." in name else name  # the extension given is replaced by the real one
    stem = stem.strip(" .-") or "document"
    return stem[: NAME_MAX - len(kind.extension)].rstrip(" .") + kind.extension
