"""Verification results: what the verifier says about one credential."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SignatureVerdict(StrEnum):
    """Outcome of the cryptographic check alone."""

    VALID = "valid"
    INVALID = "invalid"
    NO_PROOF = "no_proof"
    UNVERIFIABLE_OFFLINE = "unverifiable_offline"


class ValidityVerdict(StrEnum):
    """Where the clock falls relative to the credential's validity window."""

    OK = "ok"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"


class StatusVerdict(StrEnum):
    """What the issuer's status list (or OB 2.0 revocation list) says."""

    OK = "ok"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    UNKNOWN = "unknown"


class TrustLevel(StrEnum):
    """How much weight evidence from this credential deserves."""

    VERIFIED = "verified"
    SIGNED_UNBOUND_KEY = "signed_unbound_key"
    UNSIGNED = "unsigned"
    FAILED = "failed"


class ProofCheck(_Model):
    """The check of one proof of a (possibly multi-proof) credential."""

    proof_type: str = Field(description="Proof type, with the cryptosuite when there is one.")
    verdict: SignatureVerdict
    reason: str | None = None
    verification_method: str | None = None


class SignatureCheck(_Model):
    """The combined verdict over every proof (a proof set is valid only if all are)."""

    verdict: SignatureVerdict
    reason: str | None = Field(None, description="Why, in words a learner understands.")
    proofs: list[ProofCheck] = Field(default_factory=list)


class IssuerInfo(_Model):
    """Who issued the credential and whether the signing key is theirs."""

    id: str | None = None
    name: str | None = None
    did_method: str | None = Field(None, description="'key', 'web', ... when the id is a DID.")
    key_bound: bool = Field(False, description="The signing key is confirmed to be the issuer's.")


class ValidityCheck(_Model):
    """The validity window and where the clock falls in it."""

    verdict: ValidityVerdict = ValidityVerdict.OK
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    checked_at: datetime


class StatusCheck(_Model):
    """Revocation or suspension as published by the issuer."""

    verdict: StatusVerdict = StatusVerdict.OK
    reason: str | None = None


class VerificationResult(_Model):
    """Everything the verifier found out about one credential."""

    source: str | None = Field(None, description="File the credential came from.")
    json_path: str = Field("$", description="Where a nested credential sits in that file.")
    format: str = Field(description="vc, vc-jwt, ob2, presentation ... (the envelope checked).")
    credential_id: str | None = None
    signature: SignatureCheck
    issuer: IssuerInfo
    validity: ValidityCheck
    status: StatusCheck
    warnings: list[str] = Field(default_factory=list)
    summary: str
    trust: TrustLevel


__all__ = [
    "IssuerInfo",
    "ProofCheck",
    "SignatureCheck",
    "SignatureVerdict",
    "StatusCheck",
    "StatusVerdict",
    "TrustLevel",
    "ValidityCheck",
    "ValidityVerdict",
    "VerificationResult",
]
