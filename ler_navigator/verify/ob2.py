"""Open Badges 2.0 (and 1.0) assertions: signed (JWS) when the key is at hand, else unsigned.

A hosted assertion is checked by re-fetching it from the issuer's site, which an offline
verifier cannot do: it carries no cryptographic proof. Badge class, issuer profile, keys and
revocation lists are looked up by URL in the trusted local documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ler_navigator.models.verification import (
    ProofCheck,
    SignatureVerdict,
    StatusCheck,
    StatusVerdict,
)
from ler_navigator.verify.did import KeyUnavailable, ResolvedKey, key_from_method
from ler_navigator.verify.documents import LocalDocuments
from ler_navigator.verify.jwt import CompactJws, check_jws


def is_ob2_assertion(document: Any) -> bool:
    """Whether a JSON object is an OB 2.0 Assertion or an OB 1.0 badge assertion."""
    if not isinstance(document, dict):
        return False
    kind = document.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "Assertion" in kinds:
        return True
    if "VerifiableCredential" in kinds or "proof" in document:
        return False
    return "badge" in document or "recipient" in document or "verify" in document


@dataclass(frozen=True)
class BadgeContext:
    """The badge class and issuer profile an assertion points to, where available."""

    badge: dict[str, Any] | None
    issuer: dict[str, Any] | None
    warnings: list[str] = field(default_factory=list)


class Ob2Verifier:
    """Signature, issuer and revocation checks for OB 2.0 assertions."""

    def __init__(self, documents: LocalDocuments) -> None:
        self._documents = documents

    def resolve(self, assertion: dict[str, Any]) -> BadgeContext:
        """Badge class and issuer profile (embedded or from trusted documents)."""
        badge = self._linked(assertion.get("badge"))
        issuer = self._linked(badge.get("issuer")) if badge else None
        warnings = []
        if badge is None:
            warnings.append("The badge description is not available offline.")
        elif issuer is None:
            warnings.append("The issuer's profile is not available offline.")
        return BadgeContext(badge, issuer, warnings)

    def verify_signed(
        self, jws: CompactJws, context: BadgeContext
    ) -> tuple[ProofCheck, ResolvedKey | None]:
        """Check a signed assertion with the key its ``verification.creator`` names."""
        label = f"OB2 signed/{jws.header.get('alg')}"
        assertion = jws.payload if isinstance(jws.payload, dict) else {}
        verification = assertion.get("verification")
        creator = verification.get("creator") if isinstance(verification, dict) else None
        if not isinstance(creator, str) and context.issuer is not None:
            public_key = context.issuer.get("publicKey")
            creator = public_key if isinstance(public_key, str) else None
        key_document = self._documents.get(creator) if isinstance(creator, str) else None
        if not isinstance(key_document, dict):
            reason = "the issuer's signing key is not available offline"
            check = ProofCheck(
                proof_type=label,
                verdict=SignatureVerdict.UNVERIFIABLE_OFFLINE,
                reason=reason,
                verification_method=creator,
            )
            return check, None
        try:
            public_key = key_from_method(key_document)
        except KeyUnavailable as exc:
            check = ProofCheck(
                proof_type=label,
                verdict=SignatureVerdict.UNVERIFIABLE_OFFLINE,
                reason=exc.user_message,
                verification_method=creator,
            )
            return check, None
        owner = key_document.get("owner")
        key = ResolvedKey(
            public_key,
            str(creator),
            "local-key",
            controller=owner if isinstance(owner, str) else None,
        )
        result = check_jws(jws, key)
        valid = result == SignatureVerdict.VALID
        check = ProofCheck(
            proof_type=label,
            verdict=SignatureVerdict.VALID if valid else SignatureVerdict.INVALID,
            reason=None if valid else str(result),
            verification_method=creator,
        )
        return check, key

    def key_bound(self, key: ResolvedKey, context: BadgeContext) -> bool:
        """The key's owner is the issuer and the issuer's profile lists the key."""
        issuer = context.issuer
        if issuer is None:
            return False
        listed = issuer.get("publicKey")
        listed_ids = listed if isinstance(listed, list) else [listed]
        ids = {entry.get("id") if isinstance(entry, dict) else entry for entry in listed_ids}
        return key.controller == issuer.get("id") and key.key_id in ids

    def status(self, assertion: dict[str, Any], context: BadgeContext) -> StatusCheck:
        """Revoked when the assertion says so or the issuer's revocation list names it."""
        if assertion.get("revoked") is True:
            return StatusCheck(verdict=StatusVerdict.REVOKED, reason="the assertion is revoked")
        if context.issuer is None:
            return StatusCheck(
                verdict=StatusVerdict.UNKNOWN,
                reason="the badge or its issuer cannot be looked up offline",
            )
        list_ref = context.issuer.get("revocationList")
        if list_ref is None:
            return StatusCheck(verdict=StatusVerdict.OK)
        revocations = self._linked(list_ref)
        if revocations is None:
            return StatusCheck(
                verdict=StatusVerdict.UNKNOWN,
                reason="the issuer's revocation list is not available offline",
            )
        revoked = revocations.get("revokedAssertions")
        entries = revoked if isinstance(revoked, list) else []
        ids = {entry.get("id") if isinstance(entry, dict) else entry for entry in entries}
        if assertion.get("id") in ids or assertion.get("uid") in ids:
            return StatusCheck(
                verdict=StatusVerdict.REVOKED, reason="the issuer's revocation list names it"
            )
        return StatusCheck(verdict=StatusVerdict.OK)

    def _linked(self, reference: Any) -> dict[str, Any] | None:
        if isinstance(reference, dict):
            return reference
        if isinstance(reference, str):
            document = self._documents.get(reference)
            return document if isinstance(document, dict) else None
        return None
