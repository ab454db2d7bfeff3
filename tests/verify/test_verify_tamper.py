"""Changing a signed credential in any way makes its signature invalid, with a reason."""

from __future__ import annotations

import base64
import copy
from collections.abc import Callable
from typing import Any

import base58
import pytest
from verify_support import CONTEXTS, CREDENTIALS

from ler_navigator.models.verification import SignatureVerdict, TrustLevel
from ler_navigator.verify.bench import bench_key
from ler_navigator.verify.canonical import RdfCanonicalizer
from ler_navigator.verify.contexts import ContextLoader
from ler_navigator.verify.data_integrity import sign_data_integrity
from ler_navigator.verify.verifier import Verifier

MISMATCH = "the signature does not match the signed content"
SIGNED_FIXTURES = (
    "ob3/dcc-v2-eddsa-didkey-basic.json",  # DataIntegrityProof eddsa-rdfc-2022
    "ob3/dcc-v2-ed25519-didkey-valid.json",  # Ed25519Signature2020
    "ob3/jff-plugfest3-ed25519signature2018.json",  # Ed25519Signature2018 (detached JWS)
    "vc-v2/w3c-vc-di-eddsa-jcs-2022-alumni.json",  # eddsa-jcs-2022
)


def _signature(verifier: Verifier, credential: Any) -> tuple[SignatureVerdict, str | None]:
    result = verifier.verify(credential)[0]
    return result.signature.verdict, result.signature.reason


@pytest.mark.parametrize("fixture", SIGNED_FIXTURES)
def test_untouched_fixture_is_valid(
    verifier: Verifier, read_fixture: Callable[[str], Any], fixture: str
) -> None:
    assert _signature(verifier, read_fixture(fixture)) == (SignatureVerdict.VALID, None)


@pytest.mark.parametrize("fixture", SIGNED_FIXTURES)
def test_changing_one_field_invalidates(
    verifier: Verifier, read_fixture: Callable[[str], Any], fixture: str
) -> None:
    credential = read_fixture(fixture)
    issuer = credential["issuer"]
    if isinstance(issuer, dict):
        issuer["name"] = issuer.get("name", "") + " (edited)"
    else:
        credential["credentialSubject"]["id"] = "did:example:someone-else"
    assert _signature(verifier, credential) == (SignatureVerdict.INVALID, MISMATCH)


@pytest.mark.parametrize("fixture", SIGNED_FIXTURES)
def test_flipping_a_byte_of_the_proof_value_invalidates(
    verifier: Verifier, read_fixture: Callable[[str], Any], fixture: str
) -> None:
    credential = read_fixture(fixture)
    proof = credential["proof"]
    if "proofValue" in proof:
        raw = bytearray(base58.b58decode(proof["proofValue"][1:]))
        raw[10] ^= 0x01
        proof["proofValue"] = "z" + base58.b58encode(bytes(raw)).decode()
    else:
        header, _, signature = proof["jws"].split(".")
        raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
        raw[10] ^= 0x01
        flipped = base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")
        proof["jws"] = f"{header}..{flipped}"
    assert _signature(verifier, credential) == (SignatureVerdict.INVALID, MISMATCH)


def test_an_undefined_property_fails_safe_mode_and_names_it(
    verifier: Verifier, read_fixture: Callable[[str], Any]
) -> None:
    # VC 1.1 + OB 3.0: no @vocab, so JSON-LD expansion would silently drop the property.
    credential = read_fixture("ob3/dcc-v1-ed25519-didkey-valid.json")
    credential["credentialSubject"]["favouriteColour"] = "blue"
    verdict, reason = _signature(verifier, credential)
    assert verdict == SignatureVerdict.INVALID
    assert reason == "no context defines the property favouriteColour"


def test_an_undefined_type_fails_safe_mode(
    verifier: Verifier, read_fixture: Callable[[str], Any]
) -> None:
    credential = read_fixture("ob3/dcc-v1-ed25519-didkey-valid.json")
    credential["type"] = [*credential["type"], "MadeUpCredential"]
    verdict, reason = _signature(verifier, credential)
    assert verdict == SignatureVerdict.INVALID
    assert reason == "relative type or id not defined by a context: MadeUpCredential"


def test_swapping_the_key_invalidates(
    verifier: Verifier, read_fixture: Callable[[str], Any]
) -> None:
    _, other_did = bench_key()
    credential = read_fixture("ob3/dcc-v2-eddsa-didkey-basic.json")
    credential["proof"]["verificationMethod"] = f"{other_did}#{other_did.split(':')[2]}"
    assert _signature(verifier, credential) == (SignatureVerdict.INVALID, MISMATCH)


def test_re_signing_with_another_key_under_the_issuers_key_id_invalidates(
    verifier: Verifier, read_fixture: Callable[[str], Any]
) -> None:
    original = read_fixture("ob3/dcc-v2-eddsa-didkey-basic.json")
    method = original["proof"]["verificationMethod"]
    unsigned = {k: v for k, v in original.items() if k != "proof"}
    other_key, _ = bench_key()
    forged = sign_data_integrity(
        unsigned,
        other_key,
        method,
        created=original["proof"]["created"],
        canonicalizer=RdfCanonicalizer(ContextLoader(contexts_dir=CONTEXTS)),
    )
    result = verifier.verify(forged)[0]
    assert (result.signature.verdict, result.signature.reason) == (
        SignatureVerdict.INVALID,
        MISMATCH,
    )
    assert result.trust == TrustLevel.FAILED


def test_one_bad_proof_in_a_proof_set_invalidates_the_set(
    verifier: Verifier, read_fixture: Callable[[str], Any]
) -> None:
    credential = read_fixture("ob3/dcc-v1-dual-proof-didkey.json")
    second = credential["proof"][1]
    second["proofValue"] = second["proofValue"][:-2] + second["proofValue"][-1:-3:-1]
    result = verifier.verify(credential)[0]
    assert result.signature.verdict == SignatureVerdict.INVALID
    assert [p.verdict for p in result.signature.proofs] == [
        SignatureVerdict.VALID,
        SignatureVerdict.INVALID,
    ]


def test_a_tampered_vc_jwt_payload_invalidates(verifier: Verifier) -> None:
    token = (CREDENTIALS / "vc-jwt/jws-test-suite-afgo-ed25519.jwt").read_text().strip()
    header, payload, signature = token.split(".")
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    edited = decoded.replace(b'"bar"', b'"baz"')
    assert edited != decoded
    forged = ".".join([header, base64.urlsafe_b64encode(edited).decode().rstrip("="), signature])
    assert _signature(verifier, forged) == (SignatureVerdict.INVALID, MISMATCH)


def test_an_unsupported_suite_is_unverifiable_not_invalid(
    verifier: Verifier, read_fixture: Callable[[str], Any]
) -> None:
    credential = copy.deepcopy(read_fixture("ob3/dcc-v2-eddsa-didkey-basic.json"))
    credential["proof"]["cryptosuite"] = "ecdsa-sd-2023"
    verdict, reason = _signature(verifier, credential)
    assert verdict == SignatureVerdict.UNVERIFIABLE_OFFLINE
    assert reason == "the cryptosuite 'ecdsa-sd-2023' is not supported"
