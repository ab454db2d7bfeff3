"""Status lists (bit order, purposes, untrusted lists) and VC-JWT key discovery."""

from __future__ import annotations

import base64
import gzip
from collections.abc import Callable
from typing import Any

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from verify_support import AS_OF, CONTEXTS

from ler_navigator.models.verification import SignatureVerdict, StatusVerdict, TrustLevel
from ler_navigator.settings import Settings
from ler_navigator.verify.bench import bench_key, bench_verify, sample_credential
from ler_navigator.verify.canonical import RdfCanonicalizer
from ler_navigator.verify.contexts import ContextLoader
from ler_navigator.verify.data_integrity import sign_data_integrity
from ler_navigator.verify.documents import LocalDocuments
from ler_navigator.verify.jwt import HEADER_KEY_WARNING
from ler_navigator.verify.status import StatusChecker, decode_status_list
from ler_navigator.verify.verifier import Verifier

LIST_URL = "https://status.example/lists/1"


def _encoded(set_bits: list[int], size: int = 1024) -> str:
    raw = bytearray(size // 8)
    for index in set_bits:
        raw[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(raw), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def _status_list(purpose: str, set_bits: list[int]) -> dict[str, Any]:
    private_key, did = bench_key()
    unsigned = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": LIST_URL,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": did,
        "credentialSubject": {
            "id": f"{LIST_URL}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": _encoded(set_bits),
        },
    }
    return sign_data_integrity(
        unsigned,
        private_key,
        f"{did}#{did.split(':')[2]}",
        created="2025-01-01T00:00:00Z",
        canonicalizer=RdfCanonicalizer(ContextLoader()),
    )


def _entry(index: int, purpose: str = "revocation") -> dict[str, Any]:
    return {
        "credentialStatus": {
            "id": f"{LIST_URL}#{index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": purpose,
            "statusListIndex": str(index),
            "statusListCredential": LIST_URL,
        }
    }


def _verifier(documents: LocalDocuments) -> Verifier:
    return Verifier(loader=ContextLoader(), documents=documents, clock=lambda: AS_OF)


def test_bits_are_read_most_significant_first() -> None:
    bits = decode_status_list(_encoded([0, 9]))
    assert bits[:2] == bytes([0x80, 0x40])


@pytest.mark.parametrize(
    ("purpose", "index", "verdict"),
    [
        ("revocation", 3, StatusVerdict.REVOKED),
        ("revocation", 4, StatusVerdict.OK),
        ("suspension", 3, StatusVerdict.SUSPENDED),
        ("revocation", 5000, StatusVerdict.UNKNOWN),  # beyond the list
    ],
)
def test_status_verdicts(purpose: str, index: int, verdict: StatusVerdict) -> None:
    documents = LocalDocuments()
    documents.add(LIST_URL, _status_list(purpose, [3]))
    status_list_ok = _verifier(documents)._list_signature_ok
    check = StatusChecker(documents, status_list_ok).check(_entry(index, purpose))
    assert check.verdict == verdict


def test_an_altered_status_list_is_not_believed() -> None:
    listing = _status_list("revocation", [])
    listing["credentialSubject"]["encodedList"] = _encoded([3])  # someone flips bit 3 later
    documents = LocalDocuments()
    documents.add(LIST_URL, listing)
    check = StatusChecker(documents, _verifier(documents)._list_signature_ok).check(_entry(3))
    assert check.verdict == StatusVerdict.UNKNOWN
    assert check.reason == "the status list's own signature could not be confirmed"


def test_a_missing_status_list_is_unknown() -> None:
    check = StatusChecker(LocalDocuments(), lambda _: True).check(_entry(3))
    assert (check.verdict, check.reason) == (
        StatusVerdict.UNKNOWN,
        "its status list is not available offline",
    )


def _jwt_credential() -> tuple[Any, str, dict[str, Any]]:
    private_key, did = bench_key()
    return private_key, did, {"iss": did, "vc": sample_credential(did, open_badge=False)}


def test_vc_jwt_with_a_did_key_kid_is_verified_and_bound() -> None:
    private_key, did, payload = _jwt_credential()
    token = pyjwt.encode(
        payload, private_key, algorithm="EdDSA", headers={"kid": f"{did}#{did[8:]}"}
    )
    result = _verifier(LocalDocuments()).verify(token)[0]
    assert result.signature.verdict == SignatureVerdict.VALID
    assert result.issuer.key_bound is True
    assert result.trust == TrustLevel.VERIFIED


def test_vc_jwt_with_a_header_jwk_proves_integrity_only() -> None:
    private_key = ec.generate_private_key(ec.SECP256R1())
    jwk = pyjwt.algorithms.ECAlgorithm.to_jwk(private_key.public_key(), as_dict=True)
    _, _, payload = _jwt_credential()
    token = pyjwt.encode(payload, private_key, algorithm="ES256", headers={"jwk": jwk})
    result = _verifier(LocalDocuments()).verify(token)[0]
    assert result.signature.verdict == SignatureVerdict.VALID
    assert result.issuer.key_bound is False
    assert result.trust == TrustLevel.SIGNED_UNBOUND_KEY
    assert HEADER_KEY_WARNING in result.warnings


def test_vc_jwt_with_a_local_key_document() -> None:
    private_key = ec.generate_private_key(ec.SECP256R1())
    jwk = pyjwt.algorithms.ECAlgorithm.to_jwk(private_key.public_key(), as_dict=True)
    documents = LocalDocuments()
    key_id = "did:example:college#key-1"
    documents.add(key_id, {"id": key_id, "controller": "did:example:college", "publicKeyJwk": jwk})
    payload = {"iss": "did:example:college", "sub": {"not": "a string"}}
    payload["vc"] = {"issuer": "did:example:college", "credentialSubject": {}}
    token = pyjwt.encode(payload, private_key, algorithm="ES256", headers={"kid": key_id})
    result = _verifier(documents).verify(token)[0]
    assert result.signature.verdict == SignatureVerdict.VALID
    assert result.issuer.key_bound is True
    assert "The JWT 'sub' claim is not a string as the JWT standard requires." in result.warnings


def test_unsigned_jwt_is_not_accepted() -> None:
    _, did, payload = _jwt_credential()
    token = pyjwt.encode(payload, None, algorithm="none", headers={"kid": f"{did}#{did[8:]}"})
    result = _verifier(LocalDocuments()).verify(token)[0]
    assert result.signature.verdict == SignatureVerdict.INVALID
    assert result.signature.reason == "the signing algorithm 'none' is not accepted"


def test_bench_reports_a_rate_per_proof_type(fixtures_available: None) -> None:
    rates: dict[str, float] = bench_verify(Settings(contexts_dir=CONTEXTS), rounds=5, warmup=1)
    assert sorted(rates) == [
        "OB 3.0 Ed25519Signature2020",
        "OB 3.0 VC-JWT EdDSA",
        "OB 3.0 eddsa-jcs-2022",
        "OB 3.0 eddsa-jcs-2022, 25 evidence items",
        "OB 3.0 eddsa-rdfc-2022",
        "OB 3.0 eddsa-rdfc-2022, 25 evidence items",
    ]
    assert all(rate > 0 for rate in rates.values())


def test_bench_falls_back_to_plain_vc_without_open_badges_context() -> None:
    run: Callable[..., dict[str, float]] = bench_verify
    assert "VC 2.0 eddsa-rdfc-2022" in run(Settings(), rounds=2, warmup=0)
