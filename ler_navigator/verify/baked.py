"""Read what a file holds for verification: JSON, a compact JWT, or a baked PNG/SVG badge.

Only the embedded payload is extracted here (PNG iTXt/tEXt "openbadges" or
"openbadgecredential", SVG ``<openbadges:assertion>`` / ``<openbadges:credential>``); the full
parsing of badges into achievements belongs to ingestion.
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from pathlib import Path
from typing import Any

from ler_navigator.errors import CredentialParseError, UnsupportedFormatError
from ler_navigator.verify.jwt import looks_like_jws

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BADGE_KEYWORDS = (b"openbadges", b"openbadgecredential")
MAX_TEXT_CHUNK = 4 * 1024 * 1024
_SVG_ELEMENT = re.compile(
    r"<openbadges:(assertion|credential)\b([^>]*?)(?:/>|>(.*?)</openbadges:\1\s*>)", re.DOTALL
)
_CDATA = re.compile(r"^\s*<!\[CDATA\[(.*)\]\]>\s*$", re.DOTALL)
_VERIFY_ATTR = re.compile(r"""verify\s*=\s*["']([^"']+)["']""")


def read_payload(path: Path, *, max_bytes: int) -> Any:
    """The credential in a file: a dict (JSON) or a str (compact JWT)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise CredentialParseError(
                f"{path.name} is larger than the {max_bytes // (1024 * 1024)} MB limit."
            )
        data = path.read_bytes()
    except OSError as exc:
        raise CredentialParseError(f"{path.name} cannot be read: {exc.strerror}.") from exc
    return parse_bytes_payload(data, path.name)


def parse_bytes_payload(data: bytes, name: str) -> Any:
    """The credential in an upload's bytes: a dict (JSON) or a str (compact JWT)."""
    if data.startswith(PNG_SIGNATURE):
        return parse_text_payload(_png_payload(data, name), name)
    text = _decode(data, name)
    if name.lower().endswith(".svg") or "<svg" in text[:4096]:
        return parse_text_payload(_svg_payload(text, name), name)
    return parse_text_payload(text, name)


def parse_text_payload(text: str, name: str) -> Any:
    """JSON object or compact JWT from text."""
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            value = json.loads(stripped)
        except ValueError as exc:
            raise CredentialParseError(f"{name} holds JSON that cannot be read: {exc}.") from exc
        if isinstance(value, dict):
            return value
    elif looks_like_jws(stripped):
        return stripped
    raise UnsupportedFormatError(f"{name} is not a credential (neither JSON nor a JWT).")


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnsupportedFormatError(f"{name} is neither text nor a PNG badge.") from exc


def _png_payload(data: bytes, name: str) -> str:
    position = len(PNG_SIGNATURE)
    while position + 8 <= len(data):
        length, chunk_type = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if chunk_type == b"iTXt":
            text = _itxt_text(body)
        elif chunk_type == b"tEXt":
            keyword, _, raw = body.partition(b"\0")
            text = raw.decode("latin-1") if keyword in BADGE_KEYWORDS else None
        else:
            continue
        if text is not None:
            return text
    raise UnsupportedFormatError(f"{name} is a PNG image without a baked badge.")


def _itxt_text(body: bytes) -> str | None:
    keyword, _, rest = body.partition(b"\0")
    if keyword not in BADGE_KEYWORDS or len(rest) < 2:
        return None
    compressed, rest = rest[0], rest[2:]
    _language, _, rest = rest.partition(b"\0")
    _translated, _, text = rest.partition(b"\0")
    if compressed:
        decompressor = zlib.decompressobj()
        text = decompressor.decompress(text, MAX_TEXT_CHUNK)
    return text.decode("utf-8", errors="replace")


def _svg_payload(text: str, name: str) -> str:
    match = _SVG_ELEMENT.search(text)
    if match is None:
        raise UnsupportedFormatError(f"{name} is an image without a baked badge.")
    content = match.group(3) or ""
    cdata = _CDATA.match(content)
    payload = cdata.group(1) if cdata else content
    if payload.strip():
        return payload
    verify = _VERIFY_ATTR.search(match.group(2) or "")
    if verify:  # only a link to a hosted assertion: an incomplete, unverifiable badge
        return json.dumps({"verify": {"type": "hosted", "url": verify.group(1)}})
    raise CredentialParseError(f"{name} has an empty baked badge.")
