"""Find the public key a proof names: did:key locally, other DIDs from trusted documents.

did:web is looked up in the local documents first and fetched only when network use is
enabled. A key reference that is not a DID but ends in ``#z6Mk...`` carries its own key (a
convention of the 1EdTech validator); such a key proves integrity, not who signed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import unquote

import base58
import jwt
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from ler_navigator.errors import VerificationError
from ler_navigator.verify.documents import LocalDocuments

KeySource = Literal["did:key", "did-document", "local-key", "key-reference", "jwt-header"]
PublicKey = Any  # a cryptography public key object (Ed25519, EC or RSA)

# Multicodec prefixes (unsigned varints) of the public key types a did:key may carry.
_ED25519_PREFIX = b"\xed\x01"
_P256_PREFIX = b"\x80\x24"
_SECP256K1_PREFIX = b"\xe7\x01"


@dataclass(frozen=True)
class ResolvedKey:
    """A public key and what vouches for it."""

    public_key: PublicKey
    key_id: str
    source: KeySource
    controller: str | None = None  # set only when a trusted document names the controller

    def bound_to(self, issuer_id: str | None) -> bool:
        """Whether a trusted source says this key belongs to ``issuer_id``."""
        return issuer_id is not None and self.controller == issuer_id


class KeyUnavailable(VerificationError):
    """No key could be found for a verification method (the proof cannot be checked)."""


class KeyNotAuthorized(VerificationError):
    """The key exists but its owner did not authorise it for this purpose (the proof fails)."""


def did_method(identifier: str | None) -> str | None:
    """'key', 'web', ... for a DID; None for anything else."""
    if identifier and identifier.startswith("did:"):
        parts = identifier.split(":", 2)
        return parts[1] if len(parts) == 3 else None
    return None


def did_web_url(did: str) -> str:
    """The https address of a did:web document (did:web:host:path -> host/path/did.json)."""
    parts = [unquote(part) for part in did.split("#", 1)[0].split(":")[2:]]
    if not parts or not parts[0]:
        raise KeyUnavailable(f"{did} is not a valid did:web identifier")
    if len(parts) == 1:
        return f"https://{parts[0]}/.well-known/did.json"
    return "https://" + "/".join(parts) + "/did.json"


def decode_multikey(value: str) -> PublicKey:
    """A public key from a multibase (base58btc) multicodec value such as ``z6Mk...``."""
    if not value.startswith("z"):
        raise KeyUnavailable(f"the key {value[:16]}... is not base58btc multibase")
    try:
        raw = base58.b58decode(value[1:])
    except ValueError as exc:
        raise KeyUnavailable(f"the key {value[:16]}... is not valid base58") from exc
    try:
        if raw.startswith(_ED25519_PREFIX) and len(raw) == 34:
            return ed25519.Ed25519PublicKey.from_public_bytes(raw[2:])
        if raw.startswith(_P256_PREFIX):
            return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw[2:])
        if raw.startswith(_SECP256K1_PREFIX):
            return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256K1(), raw[2:])
    except ValueError as exc:
        raise KeyUnavailable(f"the key {value[:16]}... is malformed") from exc
    raise KeyUnavailable(f"the key type of {value[:16]}... is not supported")


def key_from_method(method: dict[str, Any]) -> PublicKey:
    """The public key in a verification method object (multibase, base58, JWK or PEM)."""
    if isinstance(method.get("publicKeyMultibase"), str):
        value = method["publicKeyMultibase"]
        if method.get("type") == "Ed25519VerificationKey2018":
            return _ed25519_raw(base58.b58decode(value[1:]))
        return decode_multikey(value)
    if isinstance(method.get("publicKeyBase58"), str):
        return _ed25519_raw(base58.b58decode(method["publicKeyBase58"]))
    if isinstance(method.get("publicKeyJwk"), dict):
        return key_from_jwk(method["publicKeyJwk"])
    if isinstance(method.get("publicKeyPem"), str):
        try:
            return load_pem_public_key(method["publicKeyPem"].encode("ascii"))
        except ValueError as exc:
            raise KeyUnavailable("the PEM public key cannot be read") from exc
    raise KeyUnavailable(f"the key {method.get('id')} has no public key material we read")


def key_from_jwk(jwk: dict[str, Any]) -> PublicKey:
    """A public key from a JWK (private members are ignored)."""
    public = {k: v for k, v in jwk.items() if k not in {"d", "p", "q", "dp", "dq", "qi"}}
    try:
        return jwt.PyJWK.from_dict(public).key
    except (jwt.PyJWKError, jwt.InvalidKeyError, ValueError, TypeError) as exc:
        raise KeyUnavailable(f"the JWK cannot be used: {exc}") from exc


def _ed25519_raw(raw: bytes) -> PublicKey:
    if len(raw) != 32:
        raise KeyUnavailable("an Ed25519 public key must be 32 bytes")
    return ed25519.Ed25519PublicKey.from_public_bytes(raw)


class KeyResolver:
    """Resolves verification method ids to keys, offline first."""

    def __init__(self, documents: LocalDocuments) -> None:
        self._documents = documents

    def resolve(self, method_id: str, purpose: str = "assertionMethod") -> ResolvedKey:
        """The key behind ``method_id``, authorised for ``purpose``."""
        if not isinstance(method_id, str) or not method_id:
            raise KeyUnavailable("the proof does not name its key")
        method = did_method(method_id)
        if method == "key":
            return self._resolve_did_key(method_id)
        if method is not None:
            return self._resolve_did(method_id, method, purpose)
        return self._resolve_url(method_id)

    def _resolve_did_key(self, method_id: str) -> ResolvedKey:
        did, _, fragment = method_id.partition("#")
        encoded = did.split(":", 2)[2]
        if fragment and fragment != encoded:
            raise KeyUnavailable(f"{method_id} names a key that is not its did:key")
        return ResolvedKey(decode_multikey(encoded), method_id, "did:key", controller=did)

    def _resolve_did(self, method_id: str, method: str, purpose: str) -> ResolvedKey:
        did = method_id.split("#", 1)[0]
        document = self._documents.get(did)
        if document is None and method == "web" and self._documents.network_enabled:
            document = self._documents.get(did_web_url(did))
            if isinstance(document, dict) and document.get("id") != did:
                document = None
        if isinstance(document, dict) and document.get("id") == did:
            entry = _find_method(document, method_id)
            if entry is None:
                raise KeyUnavailable(f"the DID document of {did} has no key {method_id}")
            if not _authorised(document, method_id, purpose):
                raise KeyNotAuthorized(f"{did} does not list {method_id} under {purpose}")
            return ResolvedKey(key_from_method(entry), method_id, "did-document", controller=did)
        entry = self._documents.get(method_id)
        if isinstance(entry, dict):
            return self._from_key_document(method_id, entry)
        if method == "web" and not self._documents.network_enabled:
            raise KeyUnavailable(f"the DID document of {did} is online and network use is off")
        raise KeyUnavailable(f"the DID {did} cannot be resolved here")

    def _resolve_url(self, method_id: str) -> ResolvedKey:
        entry = self._documents.get(method_id)
        if isinstance(entry, dict):
            return self._from_key_document(method_id, entry)
        _, _, fragment = method_id.partition("#")
        if fragment.startswith("z6Mk"):
            return ResolvedKey(decode_multikey(fragment), method_id, "key-reference")
        raise KeyUnavailable(f"the key {method_id} is not available offline")

    def _from_key_document(self, method_id: str, entry: dict[str, Any]) -> ResolvedKey:
        controller = entry.get("controller") or entry.get("owner")
        return ResolvedKey(
            key_from_method(entry),
            method_id,
            "local-key",
            controller=controller if isinstance(controller, str) else None,
        )


def _find_method(document: dict[str, Any], method_id: str) -> dict[str, Any] | None:
    for section in ("verificationMethod", "assertionMethod", "authentication", "publicKey"):
        entries = document.get(section)
        for entry in entries if isinstance(entries, list) else [entries]:
            if isinstance(entry, dict) and _same_id(entry.get("id"), method_id, document):
                return entry
    return None


def _authorised(document: dict[str, Any], method_id: str, purpose: str) -> bool:
    entries = document.get(purpose)
    for entry in entries if isinstance(entries, list) else [entries]:
        ref = entry.get("id") if isinstance(entry, dict) else entry
        if isinstance(ref, str) and _same_id(ref, method_id, document):
            return True
    return False


def _same_id(candidate: Any, method_id: str, document: dict[str, Any]) -> bool:
    if not isinstance(candidate, str):
        return False
    if candidate.startswith("#"):
        candidate = f"{document.get('id')}{candidate}"
    return candidate == method_id
