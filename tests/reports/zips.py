"""Hostile and broken files for the upload tests."""

from __future__ import annotations

import io
import re
import zipfile

CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def zip_of(entries: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(megabytes: int = 60) -> bytes:
    """A small zip that looks like a workbook and expands to `megabytes` of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                entry.write(chunk)
    return buffer.getvalue()


def billion_laughs(workbook: bytes) -> bytes:
    """The workbook with an entity-expansion attack in front of its first sheet's XML."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    entities = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">' for i in range(9))
        + "]>"
    )
    out = {}
    for info in source.infolist():
        data = source.read(info)
        if info.filename == "xl/worksheets/sheet1.xml":
            data = b'<?xml version="1.0"?>' + entities.encode() + data.split(b"?>", 1)[-1]
        out[info.filename] = data
    return zip_of(out)


def with_bad_checksum(workbook: bytes) -> bytes:
    """The workbook with one byte of a compressed entry changed (its checksum no longer matches)."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    info = max(source.infolist(), key=lambda i: i.compress_size)
    data = bytearray(workbook)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    return bytes(data)


def utf16_entity(workbook: bytes, text: str = "Typed by an entity") -> bytes:
    """The workbook with its first sheet's XML in UTF-16, declaring an internal entity and using it
    as the first area's evidence: a byte scan for "<!DOCTYPE" finds nothing in UTF-16."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    out = {}
    for info in source.infolist():
        data = source.read(info)
        if info.filename == "xl/worksheets/sheet1.xml":
            body = data.decode("utf-8").split("?>", 1)[-1]
            body = re.sub(
                r'<c r="G2"([^>]*)><is><t[^>]*>.*?</t></is></c>',
                r'<c r="G2"\1><is><t>&e;</t></is></c>',
                body,
                flags=re.S,
            )
            assert "&e;" in body
            xml = f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE worksheet [<!ENTITY e "{text}">]>{body}'
            data = xml.encode("utf-16")
        out[info.filename] = data
    return zip_of(out)
