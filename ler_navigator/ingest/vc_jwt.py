"""Compact JWS / JWT: VC-JWT credentials and presentations, and signed Open Badges 2.0.

Only decoding happens here; signatures are checked by the verification step.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Any

from ler_navigator.ingest.errors import MalformedTokenError
from ler_navigator.ingest.fields import JsonObject, plain_text
from ler_navigator.ingest.json_input import load_json
from ler_navigator.ingest.limits import IngestLimits

COMPACT_JWS_RE = re.compile(r"^[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class DecodedToken:
    """The header and payload of a compact JWS, and the credential it carries, if any."""

    header: JsonObject
    payload: JsonObject

    @property
    def credential(self) -> JsonObject | None:
        """The credential: the ``vc`` (or ``vp``) claim, else the payload itself if it is one.

        Registered claims fill what the credential leaves out (``jti`` → id, ``iss`` → issuer),
        as the VC-JWT encoding rules describe.
        """
        for claim in ("vc", "vp"):
            inner = self.payload.get(claim)
            if isinstance(inner, dict):
                merged = dict(inner)
                if "id" not in merged and plain_text(self.payload.get("jti")):
                    merged["id"] = self.payload["jti"]
                if claim == "vc" and "issuer" not in merged and plain_text(self.payload.get("iss")):
                    merged["issuer"] = self.payload["iss"]
                return merged
        if "@context" in self.payload or "credentialSubject" in self.payload:
            return self.payload
        return None


def looks_like_jws(text: str) -> bool:
    """True when ``text`` has the shape of a compact JWS (three base64url parts)."""
    return bool(COMPACT_JWS_RE.match(text))


def decode_jws(token: str, limits: IngestLimits) -> DecodedToken:
    """Decode header and payload of a compact JWS without checking its signature."""
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise MalformedTokenError(
            "This token does not have the three parts of a signed credential (JWT)."
        )
    header = _decode_part(parts[0], limits, "header")
    payload = _decode_part(parts[1], limits, "content")
    return DecodedToken(header=header, payload=payload)


def _decode_part(part: str, limits: IngestLimits, name: str) -> JsonObject:
    try:
        raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise MalformedTokenError(
            f"The {name} of this signed credential (JWT) is not readable.",
            hint="Download the credential again from its issuer.",
        ) from exc
    value: Any = load_json(raw, limits, what=f"The {name} of this signed credential (JWT)")
    if not isinstance(value, dict):
        raise MalformedTokenError(f"The {name} of this signed credential (JWT) is not an object.")
    return value
