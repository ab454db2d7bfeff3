"""Revocation and suspension: BitstringStatusList and StatusList2021, when the list is at hand.

A status list is read from the trusted local documents (or fetched when network use is on).
Its own signature must check out before its bits are believed; otherwise the status is
"unknown", never "ok".
"""

from __future__ import annotations

import base64
import binascii
import gzip
import zlib
from collections.abc import Callable
from typing import Any

from ler_navigator.models.verification import StatusCheck, StatusVerdict
from ler_navigator.verify.documents import LocalDocuments

LIST_ENTRY_TYPES = frozenset({"BitstringStatusListEntry", "StatusList2021Entry"})
MAX_LIST_BYTES = 16 * 1024 * 1024  # 128 million entries: far beyond any published list

ListSignatureCheck = Callable[[dict[str, Any]], bool]

_SEVERITY = {
    StatusVerdict.OK: 0,
    StatusVerdict.UNKNOWN: 1,
    StatusVerdict.SUSPENDED: 2,
    StatusVerdict.REVOKED: 3,
}


class StatusChecker:
    """Reads ``credentialStatus`` entries against status lists from trusted documents."""

    def __init__(self, documents: LocalDocuments, list_signature_ok: ListSignatureCheck) -> None:
        self._documents = documents
        self._list_signature_ok = list_signature_ok
        self._bits: dict[str, tuple[bytes, str] | str] = {}

    def check(self, credential: dict[str, Any]) -> StatusCheck:
        """The most severe verdict over all status entries (none at all means ok)."""
        entries = credential.get("credentialStatus")
        if entries is None:
            return StatusCheck(verdict=StatusVerdict.OK)
        checks = [
            self._check_entry(e) for e in (entries if isinstance(entries, list) else [entries])
        ]
        if not checks:
            return StatusCheck(verdict=StatusVerdict.OK)
        return max(checks, key=lambda c: _SEVERITY[c.verdict])

    def _check_entry(self, entry: Any) -> StatusCheck:
        if not isinstance(entry, dict):
            return _unknown("the status entry is not a JSON object")
        entry_type = entry.get("type")
        types = entry_type if isinstance(entry_type, list) else [entry_type]
        if not LIST_ENTRY_TYPES.intersection(t for t in types if isinstance(t, str)):
            return _unknown(f"the status type {entry_type!r} cannot be checked offline")
        url = entry.get("statusListCredential")
        try:
            index = int(entry.get("statusListIndex"))
        except (TypeError, ValueError):
            return _unknown("the status entry has no list index")
        if not isinstance(url, str) or index < 0:
            return _unknown("the status entry does not name its status list")
        listing = self._load_list(url)
        if isinstance(listing, str):
            return _unknown(listing)
        bits, purpose = listing
        entry_purpose = entry.get("statusPurpose", purpose)
        if entry_purpose != purpose:
            return _unknown(f"the status list is for {purpose!r}, not {entry_purpose!r}")
        if index >= len(bits) * 8:
            return _unknown("the status index lies outside the status list")
        if not bits[index // 8] >> (7 - index % 8) & 1:
            return StatusCheck(verdict=StatusVerdict.OK)
        if purpose == "revocation":
            return StatusCheck(verdict=StatusVerdict.REVOKED, reason="the issuer revoked it")
        if purpose == "suspension":
            return StatusCheck(verdict=StatusVerdict.SUSPENDED, reason="the issuer suspended it")
        return StatusCheck(verdict=StatusVerdict.OK, reason=f"status message set ({purpose})")

    def _load_list(self, url: str) -> tuple[bytes, str] | str:
        if url not in self._bits:
            self._bits[url] = self._read_list(url)
        return self._bits[url]

    def _read_list(self, url: str) -> tuple[bytes, str] | str:
        document = self._documents.get(url.split("#", 1)[0])
        if not isinstance(document, dict):
            return "its status list is not available offline"
        if not self._list_signature_ok(document):
            return "the status list's own signature could not be confirmed"
        subject = document.get("credentialSubject")
        if not isinstance(subject, dict) or not isinstance(subject.get("encodedList"), str):
            return "the status list has no encoded list"
        try:
            bits = decode_status_list(subject["encodedList"])
        except ValueError:
            return "the status list cannot be decoded"
        return bits, str(subject.get("statusPurpose", "revocation"))


def decode_status_list(encoded: str) -> bytes:
    """The raw bitstring of an encodedList (multibase 'u' base64url or plain base64, gzipped)."""
    text = encoded[1:] if encoded.startswith("uH4s") else encoded
    text = text.replace("+", "-").replace("/", "_").rstrip("=")
    try:
        compressed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not base64") from exc
    try:
        decompressor = zlib.decompressobj(wbits=31)
        bits = decompressor.decompress(compressed, MAX_LIST_BYTES)
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise ValueError("not gzip") from exc
    if decompressor.unconsumed_tail:
        raise ValueError("status list too large")
    return bits


def _unknown(reason: str) -> StatusCheck:
    return StatusCheck(verdict=StatusVerdict.UNKNOWN, reason=reason)
