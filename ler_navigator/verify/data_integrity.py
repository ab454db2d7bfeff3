"""Check (and, for tests and benchmarks, create) embedded Data Integrity proofs.

Suites: DataIntegrityProof with eddsa-rdfc-2022 (also under its draft name eddsa-2022) and
eddsa-jcs-2022, Ed25519Signature2020, and the detached-JWS suites Ed25519Signature2018 and
JsonWebSignature2020 (Ed25519). A proof set is checked proof by proof over the document
without its proofs. A suite we do not implement is "cannot check", never "invalid".
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from ler_navigator.errors import VerificationError
from ler_navigator.models.verification import ProofCheck, SignatureVerdict
from ler_navigator.verify.canonical import RdfCanonicalizer, SafeModeViolation, jcs
from ler_navigator.verify.did import KeyNotAuthorized, KeyResolver, ResolvedKey

RDFC_SUITES = frozenset({"eddsa-rdfc-2022", "eddsa-2022"})
JWS_PROOF_TYPES = frozenset({"Ed25519Signature2018", "JsonWebSignature2020"})
NON_SIGNED_MEMBERS = frozenset({"proofValue", "jws", "signatureValue"})


@dataclass(frozen=True)
class ProofOutcome:
    """One proof's check and, when found, the key it was checked with."""

    check: ProofCheck
    key: ResolvedKey | None


class _ProofFailed(Exception):
    def __init__(self, verdict: SignatureVerdict, reason: str) -> None:
        super().__init__(reason)
        self.verdict = verdict
        self.reason = reason


def proofs_of(document: dict[str, Any]) -> list[Any]:
    """The proofs embedded in a document (a proof set is a list)."""
    proof = document.get("proof")
    if proof is None:
        return []
    return proof if isinstance(proof, list) else [proof]


def proof_label(proof: Any) -> str:
    """'DataIntegrityProof/eddsa-rdfc-2022', 'Ed25519Signature2020', ..."""
    if not isinstance(proof, dict):
        return "malformed proof"
    label = str(proof.get("type", "untyped proof"))
    suite = proof.get("cryptosuite")
    return f"{label}/{suite}" if suite else label


class DataIntegrityVerifier:
    """Checks every embedded proof of a document."""

    def __init__(self, keys: KeyResolver, canonicalizer: RdfCanonicalizer) -> None:
        self._keys = keys
        self._canonicalizer = canonicalizer

    def verify(
        self, document: dict[str, Any], purposes: tuple[str, ...] = ("assertionMethod",)
    ) -> list[ProofOutcome]:
        """One outcome per proof, in document order."""
        unsecured = {k: v for k, v in document.items() if k != "proof"}
        digests: dict[str, bytes] = {}

        def document_digest(kind: str) -> bytes:
            if kind not in digests:
                digests[kind] = self._digest(unsecured, kind)
            return digests[kind]

        outcomes = []
        for proof in proofs_of(document):
            outcomes.append(self._verify_one(proof, unsecured, document_digest, purposes))
        return outcomes

    def _verify_one(
        self,
        proof: Any,
        unsecured: dict[str, Any],
        document_digest: Callable[[str], bytes],
        purposes: tuple[str, ...],
    ) -> ProofOutcome:
        label = proof_label(proof)
        method = proof.get("verificationMethod") if isinstance(proof, dict) else None
        key: ResolvedKey | None = None
        try:
            kind = _canonical_kind(proof)
            purpose = proof.get("proofPurpose")
            if purpose not in purposes:
                raise _ProofFailed(
                    SignatureVerdict.INVALID, f"the proof purpose is {purpose!r}, not {purposes[0]}"
                )
            key = self._resolve_key(method, purpose)
            config = {k: v for k, v in proof.items() if k not in NON_SIGNED_MEMBERS}
            if "@context" in unsecured:
                config["@context"] = unsecured["@context"]
            signed_hash = self._digest(config, kind) + document_digest(kind)
            _check_signature(proof, key, signed_hash)
        except _ProofFailed as failed:
            check = ProofCheck(
                proof_type=label,
                verdict=failed.verdict,
                reason=failed.reason,
                verification_method=method if isinstance(method, str) else None,
            )
            return ProofOutcome(check, key)
        except SafeModeViolation as exc:
            return _outcome(label, method, SignatureVerdict.INVALID, exc.user_message, key)
        except VerificationError as exc:
            verdict = SignatureVerdict.UNVERIFIABLE_OFFLINE
            return _outcome(label, method, verdict, exc.user_message, key)
        return _outcome(label, method, SignatureVerdict.VALID, None, key)

    def _resolve_key(self, method: Any, purpose: str) -> ResolvedKey:
        try:
            return self._keys.resolve(method, purpose)
        except KeyNotAuthorized as exc:
            raise _ProofFailed(SignatureVerdict.INVALID, exc.user_message) from exc

    def _digest(self, value: dict[str, Any], kind: str) -> bytes:
        if kind == "jcs":
            return hashlib.sha256(jcs(value)).digest()
        return hashlib.sha256(self._canonicalizer.canonize(value).encode("utf-8")).digest()


def _outcome(
    label: str, method: Any, verdict: SignatureVerdict, reason: str | None, key: ResolvedKey | None
) -> ProofOutcome:
    check = ProofCheck(
        proof_type=label,
        verdict=verdict,
        reason=reason,
        verification_method=method if isinstance(method, str) else None,
    )
    return ProofOutcome(check, key)


def _canonical_kind(proof: Any) -> str:
    if not isinstance(proof, dict):
        raise _ProofFailed(SignatureVerdict.INVALID, "the proof is not a JSON object")
    proof_type = proof.get("type")
    if proof_type == "DataIntegrityProof":
        suite = proof.get("cryptosuite")
        if suite in RDFC_SUITES:
            return "rdfc"
        if suite == "eddsa-jcs-2022":
            return "jcs"
        raise _ProofFailed(
            SignatureVerdict.UNVERIFIABLE_OFFLINE, f"the cryptosuite {suite!r} is not supported"
        )
    if proof_type == "Ed25519Signature2020" or proof_type in JWS_PROOF_TYPES:
        return "rdfc"
    raise _ProofFailed(
        SignatureVerdict.UNVERIFIABLE_OFFLINE, f"the proof type {proof_type!r} is not supported"
    )


def _check_signature(proof: dict[str, Any], key: ResolvedKey, signed_hash: bytes) -> None:
    public_key = key.public_key
    if not isinstance(public_key, ed25519.Ed25519PublicKey):
        raise _ProofFailed(SignatureVerdict.INVALID, "the key is not an Ed25519 key")
    if proof.get("type") in JWS_PROOF_TYPES:
        signature, signing_input = _detached_jws(proof, signed_hash)
    else:
        signature, signing_input = _multibase_signature(proof), signed_hash
    try:
        public_key.verify(signature, signing_input)
    except InvalidSignature as exc:
        raise _ProofFailed(
            SignatureVerdict.INVALID, "the signature does not match the signed content"
        ) from exc


def _multibase_signature(proof: dict[str, Any]) -> bytes:
    value = proof.get("proofValue")
    if not isinstance(value, str) or not value.startswith("z"):
        raise _ProofFailed(SignatureVerdict.INVALID, "the proof value is missing or not base58btc")
    try:
        return base58.b58decode(value[1:])
    except ValueError as exc:
        raise _ProofFailed(SignatureVerdict.INVALID, "the proof value is not valid base58") from exc


def _detached_jws(proof: dict[str, Any], signed_hash: bytes) -> tuple[bytes, bytes]:
    token = proof.get("jws")
    parts = token.split(".") if isinstance(token, str) else []
    if len(parts) != 3 or parts[1]:
        raise _ProofFailed(SignatureVerdict.INVALID, "the proof's JWS is not a detached JWS")
    try:
        header = json.loads(_b64url_decode(parts[0]))
        signature = _b64url_decode(parts[2])
    except ValueError as exc:
        raise _ProofFailed(SignatureVerdict.INVALID, "the proof's JWS cannot be decoded") from exc
    if header.get("alg") != "EdDSA":
        raise _ProofFailed(
            SignatureVerdict.UNVERIFIABLE_OFFLINE,
            f"the JWS algorithm {header.get('alg')!r} is not supported for this proof type",
        )
    if header.get("b64") is not False or "b64" not in header.get("crit", []):
        raise _ProofFailed(SignatureVerdict.INVALID, "the JWS header must use unencoded payload")
    return signature, parts[0].encode("ascii") + b"." + signed_hash


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_data_integrity(
    document: dict[str, Any],
    private_key: ed25519.Ed25519PrivateKey,
    verification_method: str,
    *,
    created: str,
    canonicalizer: RdfCanonicalizer,
    proof_type: str = "DataIntegrityProof",
    cryptosuite: str | None = "eddsa-rdfc-2022",
) -> dict[str, Any]:
    """A copy of ``document`` with one more proof (for tests and benchmarks, not issuing)."""
    proof: dict[str, Any] = {"type": proof_type}
    if proof_type == "DataIntegrityProof":
        proof["cryptosuite"] = cryptosuite
    proof.update(
        created=created, verificationMethod=verification_method, proofPurpose="assertionMethod"
    )
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    config = dict(proof)
    if "@context" in unsecured:
        config["@context"] = unsecured["@context"]
    if cryptosuite == "eddsa-jcs-2022" and proof_type == "DataIntegrityProof":
        signed = hashlib.sha256(jcs(config)).digest() + hashlib.sha256(jcs(unsecured)).digest()
    else:
        signed = hashlib.sha256(canonicalizer.canonize(config).encode()).digest()
        signed += hashlib.sha256(canonicalizer.canonize(unsecured).encode()).digest()
    proof["proofValue"] = "z" + base58.b58encode(private_key.sign(signed)).decode("ascii")
    existing = proofs_of(document)
    return {**document, "proof": [*existing, proof] if existing else proof}
