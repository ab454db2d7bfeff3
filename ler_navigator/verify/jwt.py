"""Compact JWS: VC-JWT (EdDSA, ES256, ES256K, RS256, PS256) and its key discovery.

The key comes from the ``kid`` (a DID URL or a trusted local key) or, failing that, from a
``jwk`` in the header. A header key proves only that the token is intact - anyone can sign
with a key they ship alongside - so it is reported as such.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any

import jwt as pyjwt

from ler_navigator.errors import VerificationError
from ler_navigator.models.verification import ProofCheck, SignatureVerdict
from ler_navigator.verify.did import (
    KeyResolver,
    KeyUnavailable,
    ResolvedKey,
    did_method,
    key_from_jwk,
)

ALGORITHMS = ("EdDSA", "ES256", "ES256K", "ES384", "RS256", "RS384", "RS512", "PS256", "PS384")
HEADER_KEY_WARNING = (
    "The signing key came inside the credential itself: this shows it was not changed, "
    "not who issued it."
)
# Claims are judged by our own validity and status checks, not by PyJWT (which would also
# reject a non-string 'sub' outright instead of reporting it).
_DECODE_OPTIONS = {
    "verify_signature": True,
    "verify_exp": False,
    "verify_nbf": False,
    "verify_iat": False,
    "verify_aud": False,
    "verify_iss": False,
    "verify_sub": False,
    "verify_jti": False,
    "require": [],
}


class MalformedToken(VerificationError):
    """The text is not a compact JWS."""


@dataclass(frozen=True)
class CompactJws:
    """A decoded compact JWS (signature not yet checked)."""

    token: str
    header: dict[str, Any]
    payload: Any


@dataclass(frozen=True)
class JwsOutcome:
    """A JWS signature check, the key used and any warnings."""

    check: ProofCheck
    key: ResolvedKey | None
    warnings: list[str] = field(default_factory=list)


def looks_like_jws(text: str) -> bool:
    """Three base64url segments separated by dots."""
    parts = text.strip().split(".")
    return len(parts) == 3 and all(_is_b64url(p) for p in parts) and bool(parts[0])


def decode_jws(token: str) -> CompactJws:
    """Header and payload of a compact JWS, without checking the signature."""
    token = token.strip()
    parts = token.split(".")
    if len(parts) != 3:
        raise MalformedToken("The text is not a compact JWT (three dot-separated parts).")
    try:
        header = json.loads(_b64url_decode(parts[0]))
        payload = json.loads(_b64url_decode(parts[1]))
    except ValueError as exc:
        raise MalformedToken("The JWT header or payload is not base64url-encoded JSON.") from exc
    if not isinstance(header, dict):
        raise MalformedToken("The JWT header is not a JSON object.")
    return CompactJws(token=token, header=header, payload=payload)


def credential_of(payload: Any) -> dict[str, Any] | None:
    """The credential a VC-JWT carries: the 'vc' (or 'vp') claim, or the payload itself."""
    if not isinstance(payload, dict):
        return None
    for claim in ("vc", "vp"):
        if isinstance(payload.get(claim), dict):
            return payload[claim]
    return payload


def check_jws(jws: CompactJws, key: ResolvedKey) -> SignatureVerdict | str:
    """VALID, or the reason the signature does not verify with ``key``."""
    alg = jws.header.get("alg")
    if alg not in ALGORITHMS:
        return f"the signing algorithm {alg!r} is not accepted"
    try:
        pyjwt.api_jws.decode_complete(jws.token, key=key.public_key, algorithms=[alg])
    except pyjwt.InvalidSignatureError:
        return "the signature does not match the signed content"
    except (pyjwt.InvalidKeyError, pyjwt.InvalidAlgorithmError, TypeError, ValueError):
        return f"the key does not fit the {alg} algorithm"
    except pyjwt.PyJWTError as exc:
        return f"the token cannot be checked ({exc})"
    return SignatureVerdict.VALID


class VcJwtVerifier:
    """Checks the signature of a VC-JWT and reports claim problems as warnings."""

    def __init__(self, keys: KeyResolver) -> None:
        self._keys = keys

    def verify(self, jws: CompactJws) -> JwsOutcome:
        """The signature outcome of one VC-JWT."""
        label = f"VC-JWT/{jws.header.get('alg')}"
        warnings = _claim_warnings(jws.payload)
        kid = jws.header.get("kid")
        try:
            key = self._find_key(jws)
        except KeyUnavailable as exc:
            check = ProofCheck(
                proof_type=label,
                verdict=SignatureVerdict.UNVERIFIABLE_OFFLINE,
                reason=exc.user_message,
                verification_method=kid if isinstance(kid, str) else None,
            )
            return JwsOutcome(check, None, warnings)
        if key.source == "jwt-header":
            warnings.append(HEADER_KEY_WARNING)
        result = check_jws(jws, key)
        verdict = SignatureVerdict.VALID if result == SignatureVerdict.VALID else None
        check = ProofCheck(
            proof_type=label,
            verdict=verdict or SignatureVerdict.INVALID,
            reason=None if verdict else str(result),
            verification_method=key.key_id,
        )
        return JwsOutcome(check, key, warnings)

    def _find_key(self, jws: CompactJws) -> ResolvedKey:
        kid = jws.header.get("kid")
        issuer = jws.payload.get("iss") if isinstance(jws.payload, dict) else None
        failure: KeyUnavailable | None = None
        if isinstance(kid, str) and kid:
            if kid.startswith("#") and isinstance(issuer, str):
                kid = issuer + kid
            try:
                return self._keys.resolve(kid)
            except KeyUnavailable as exc:
                failure = exc
        jwk = jws.header.get("jwk")
        if isinstance(jwk, dict):
            return ResolvedKey(key_from_jwk(jwk), "JOSE header jwk", "jwt-header")
        if failure is not None:
            raise failure
        if did_method(issuer) == "key" and isinstance(issuer, str):
            return self._keys.resolve(issuer)
        raise KeyUnavailable("the token names no key (neither 'kid' nor 'jwk' in its header)")


def _claim_warnings(payload: Any) -> list[str]:
    warnings = []
    if not isinstance(payload, dict):
        return ["The JWT payload is not a JSON object."]
    if "sub" in payload and not isinstance(payload["sub"], str):
        warnings.append("The JWT 'sub' claim is not a string as the JWT standard requires.")
    credential = credential_of(payload) or {}
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if isinstance(payload.get("iss"), str) and issuer_id and payload["iss"] != issuer_id:
        warnings.append("The JWT 'iss' claim differs from the credential's issuer.")
    return warnings


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _is_b64url(text: str) -> bool:
    return all(c.isalnum() or c in "-_" for c in text)
