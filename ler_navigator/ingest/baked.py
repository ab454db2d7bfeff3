"""Badges baked into images: PNG text chunks and SVG ``openbadges`` elements.

PNG: Open Badges 2.0 bakes into an ``iTXt`` chunk with keyword ``openbadges`` (1.0 used
``tEXt``), Open Badges 3.0 into ``iTXt`` with keyword ``openbadgecredential``. SVG: an
``<openbadges:assertion>`` (1.0 / 2.0) or ``<openbadges:credential>`` (3.0) element holds the
JSON in CDATA, or a URL / compact JWS in its ``verify`` attribute.

The PNG chunks are read directly, without decoding pixels; compressed text is inflated with a
hard output limit, so a small file cannot expand into a huge one.
"""

from __future__ import annotations

import html
import re
import struct
import zlib
from dataclasses import dataclass

from ler_navigator.ingest.errors import (
    BadgeImageError,
    ImageWithoutBadgeError,
    InputTooComplexError,
)
from ler_navigator.ingest.limits import IngestLimits

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BADGE_KEYWORDS = ("openbadgecredential", "openbadges")
_TEXT_CHUNKS = (b"iTXt", b"tEXt", b"zTXt")

_SVG_ELEMENT_RE = re.compile(
    r"<(?P<prefix>[A-Za-z_][\w.-]*):(?P<name>assertion|credential)\b(?P<attrs>[^>]*?)"
    r"(?:/>|>(?P<body>.*?)</(?P=prefix):(?P=name)\s*>)",
    re.DOTALL,
)
_VERIFY_ATTR_RE = re.compile(r"""\bverify\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CDATA_RE = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)

NO_BADGE_HINT = (
    "Download the badge image again from the platform that issued it, or upload the badge's "
    "JSON file instead."
)


@dataclass(frozen=True)
class BakedPayload:
    """What an image carried: the keyword / element name and the text inside."""

    container: str  # "png" or "svg"
    keyword: str  # "openbadges" / "openbadgecredential" / "assertion" / "credential"
    payload: str


def read_png_badge(data: bytes, limits: IngestLimits) -> BakedPayload:
    """The badge text baked into a PNG, or a typed error."""
    if not data.startswith(PNG_SIGNATURE):
        raise BadgeImageError("This file is not a valid PNG image.")
    offset = len(PNG_SIGNATURE)
    found: BakedPayload | None = None
    first = True
    while offset + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        start, end = offset + 8, offset + 8 + length
        if end + 4 > len(data):
            raise BadgeImageError(
                "This PNG image is cut off or damaged, so its badge data cannot be read.",
                hint=NO_BADGE_HINT,
            )
        if first:
            _check_header(kind, data[start:end], limits)
            first = False
        if kind in _TEXT_CHUNKS:
            if length > limits.max_chunk_bytes:
                raise InputTooComplexError(
                    "This image holds an unusually large block of embedded text; it was not read."
                )
            parsed = _text_chunk(kind, data[start:end], limits)
            if parsed and parsed[0] in BADGE_KEYWORDS and found is None:
                found = BakedPayload("png", parsed[0], parsed[1])
        if kind == b"IEND":
            break
        offset = end + 4
    if found is None:
        raise ImageWithoutBadgeError(
            "This image has no badge data baked into it, so there is no credential to read.",
            hint=NO_BADGE_HINT,
        )
    return found


def _check_header(kind: bytes, body: bytes, limits: IngestLimits) -> None:
    if kind != b"IHDR" or len(body) < 8:
        raise BadgeImageError("This PNG image is damaged (its header is missing).")
    width, height = struct.unpack(">II", body[:8])
    if width * height > limits.max_image_pixels:
        raise InputTooComplexError(
            "This image is far larger than a badge image; it was not read.",
            hint="Badge images are usually a few hundred pixels wide.",
        )


def _text_chunk(kind: bytes, body: bytes, limits: IngestLimits) -> tuple[str, str] | None:
    keyword, sep, rest = body.partition(b"\x00")
    if not sep:
        return None
    name = keyword.decode("latin-1").strip().lower()
    if name not in BADGE_KEYWORDS:
        return None
    try:
        if kind == b"tEXt":
            return name, rest.decode("latin-1")
        if kind == b"zTXt":
            return name, _inflate(rest[1:], limits).decode("latin-1")
        compressed, _method = rest[0], rest[1]
        _language, _, rest = rest[2:].partition(b"\x00")
        _translated, _, value = rest.partition(b"\x00")
        raw = _inflate(value, limits) if compressed else value
        return name, raw.decode("utf-8")
    except (IndexError, UnicodeDecodeError, zlib.error) as exc:
        raise BadgeImageError(
            "The badge data inside this image is damaged.", hint=NO_BADGE_HINT
        ) from exc


def _inflate(data: bytes, limits: IngestLimits) -> bytes:
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, limits.max_chunk_bytes)
    if inflater.unconsumed_tail:
        raise InputTooComplexError(
            "The badge data inside this image expands to an unreasonable size; it was not read."
        )
    return out


def read_svg_badge(svg: str) -> BakedPayload:
    """The badge text baked into an SVG, or a typed error."""
    match = _SVG_ELEMENT_RE.search(svg)
    if match is None:
        raise ImageWithoutBadgeError(
            "This SVG image has no badge data baked into it, so there is no credential to read.",
            hint=NO_BADGE_HINT,
        )
    body = match.group("body") or ""
    cdata = _CDATA_RE.search(body)
    payload = cdata.group(1) if cdata else html.unescape(body)
    if not payload.strip():
        verify = _VERIFY_ATTR_RE.search(match.group("attrs") or "")
        payload = html.unescape(next((g for g in verify.groups() if g), "")) if verify else ""
    if not payload.strip():
        raise BadgeImageError("The badge element in this SVG image is empty.", hint=NO_BADGE_HINT)
    return BakedPayload("svg", match.group("name"), payload.strip())
