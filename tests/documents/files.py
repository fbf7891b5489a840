"""Files for the tests of evidence documents, made here: real documents and hostile ones."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import openpyxl

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def pdf(text: str = "Procurement strategy") -> bytes:
    body = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n"
        b"4 0 obj << /Length " + str(len(body)).encode() + b" >> stream\n" + body + b"\nendstream endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def _zip(parts: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def docx(*, main_type: str = WORD_MAIN, extra: dict[str, bytes] | None = None) -> bytes:
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main_type}"/></Types>'
    )
    return _zip(
        {
            "[Content_Types].xml": types,
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": '<w:document xmlns:w="x"><w:body><w:p/></w:body></w:document>',
            **(extra or {}),
        }
    )


def docm_renamed() -> bytes:
    """A macro-enabled Word document, as it is when someone renames .docm to .docx."""
    return docx(main_type=WORD_MACRO_MAIN, extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 Attribute VB_Name"})


def docx_with_hidden_macros() -> bytes:
    """A zip that declares itself a plain .docx but carries vbaProject.bin."""
    return docx(extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 Attribute VB_Name"})


def xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Contract", "Value"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def odt() -> bytes:
    return _zip(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "content.xml": "<office:document-content/>",
            "META-INF/manifest.xml": "<manifest:manifest/>",
        }
    )


def odt_with_basic_macros() -> bytes:
    return _zip(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "content.xml": "<office:document-content/>",
            "Basic/Standard/Module1.xml": "<script:module>Sub Main</script:module>",
        }
    )


def plain_zip() -> bytes:
    return _zip({"report.pdf": pdf(), "notes.txt": "hello"})


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def csv_text() -> bytes:
    return b"Supplier,Value,Date\nAcme Ltd,1200,2026-01-31\nBuild Co,5400,2026-02-28\n"


def windows_program() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 200


def html_page() -> bytes:
    return b"<!DOCTYPE html><html><head><script>alert(document.cookie)</script></head><body></body></html>"


def legacy_word() -> bytes:
    """The start of an OLE compound file, as a .doc is."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + b"\x00" * 4000


def gzip_file() -> bytes:
    import gzip

    return gzip.compress(b"hello" * 100)
