"""Verification speed per proof type, on small credentials signed here with a fixed test key."""

from __future__ import annotations

import hashlib
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import base58
import jwt as pyjwt
from cryptography.hazmat.primitives.asymmetric import ed25519

from ler_navigator.errors import VerificationError
from ler_navigator.models.verification import SignatureVerdict
from ler_navigator.settings import Settings
from ler_navigator.verify.canonical import RdfCanonicalizer
from ler_navigator.verify.contexts import ContextLoader
from ler_navigator.verify.data_integrity import sign_data_integrity
from ler_navigator.verify.documents import LocalDocuments
from ler_navigator.verify.verifier import Verifier

VC2 = "https://www.w3.org/ns/credentials/v2"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
ED25519_2020 = "https://w3id.org/security/suites/ed25519-2020/v1"
BENCH_CLOCK = datetime(2026, 1, 1, tzinfo=UTC)


def bench_key() -> tuple[ed25519.Ed25519PrivateKey, str]:
    """A fixed Ed25519 test key and its did:key (never use it for anything real)."""
    seed = hashlib.sha256(b"ler-navigator benchmark key").digest()
    private_key = ed25519.Ed25519PrivateKey.from_private_bytes(seed)
    raw = private_key.public_key().public_bytes_raw()
    return private_key, "did:key:z" + base58.b58encode(b"\xed\x01" + raw).decode("ascii")


def sample_credential(did: str, *, open_badge: bool) -> dict[str, Any]:
    """A small credential issued by ``did``: an OB 3.0 badge, or a plain VC 2.0 when not."""
    if not open_badge:
        return {
            "@context": [VC2],
            "type": ["VerifiableCredential"],
            "issuer": {"id": did, "name": "Benchmark College"},
            "validFrom": "2025-01-01T00:00:00Z",
            "credentialSubject": {"id": "did:example:learner", "name": "A. Learner"},
        }
    return {
        "@context": [VC2, OB3],
        "id": "urn:uuid:00000000-0000-4000-8000-000000000001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": did, "type": ["Profile"], "name": "Benchmark College"},
        "validFrom": "2025-01-01T00:00:00Z",
        "name": "Teamwork",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "urn:uuid:00000000-0000-4000-8000-000000000002",
                "type": ["Achievement"],
                "name": "Teamwork",
                "description": "Works well with others.",
                "criteria": {"narrative": "Completed a group project."},
            },
        },
    }


def bench_verify(
    settings: Settings | None = None, *, rounds: int = 200, warmup: int = 5
) -> dict[str, float]:
    """Verifications per second (from the median time) for each proof type."""
    settings = settings or Settings()
    loader = ContextLoader(contexts_dir=settings.contexts_dir)
    verifier = Verifier(loader=loader, documents=LocalDocuments(), clock=lambda: BENCH_CLOCK)
    rates: dict[str, float] = {}
    for label, credential in _samples(loader).items():
        outcome = verifier.verify(credential)[0].signature
        if outcome.verdict != SignatureVerdict.VALID:  # timing a failure path would mislead
            raise VerificationError(f"The benchmark credential {label} did not verify.")
        times = _timings(lambda c=credential: verifier.verify(c), rounds, warmup)
        rates[label] = round(1.0 / statistics.median(times), 1)
    return rates


def _samples(loader: ContextLoader) -> dict[str, Any]:
    private_key, did = bench_key()
    method = f"{did}#{did.split(':')[2]}"
    try:
        loader.load(OB3)
        open_badge = True
    except VerificationError:  # no OB 3.0 context configured: a plain VC 2.0 stands in
        open_badge = False
    prefix = "OB 3.0" if open_badge else "VC 2.0"
    base = sample_credential(did, open_badge=open_badge)
    canonicalizer = RdfCanonicalizer(loader)
    created = "2025-01-01T00:00:00Z"
    edsig = {**base, "@context": [*base["@context"], ED25519_2020]}
    samples: dict[str, Any] = {
        f"{prefix} eddsa-rdfc-2022": sign_data_integrity(
            base, private_key, method, created=created, canonicalizer=canonicalizer
        ),
        f"{prefix} eddsa-jcs-2022": sign_data_integrity(
            base,
            private_key,
            method,
            created=created,
            canonicalizer=canonicalizer,
            cryptosuite="eddsa-jcs-2022",
        ),
        f"{prefix} Ed25519Signature2020": sign_data_integrity(
            edsig,
            private_key,
            method,
            created=created,
            canonicalizer=canonicalizer,
            proof_type="Ed25519Signature2020",
            cryptosuite=None,
        ),
        f"{prefix} VC-JWT EdDSA": pyjwt.encode(
            {"iss": did, "vc": base}, private_key, algorithm="EdDSA", headers={"kid": method}
        ),
    }
    if open_badge:
        # Size matters for RDF canonicalization: the same credential with 25 evidence items.
        large = {
            **base,
            "evidence": [
                {
                    "id": f"urn:uuid:00000000-0000-4000-8000-{index:012d}",
                    "type": ["Evidence"],
                    "name": f"Work sample {index}",
                    "description": "A portfolio piece reviewed by the instructor.",
                }
                for index in range(100, 125)
            ],
        }
        samples[f"{prefix} eddsa-rdfc-2022, 25 evidence items"] = sign_data_integrity(
            large, private_key, method, created=created, canonicalizer=canonicalizer
        )
        samples[f"{prefix} eddsa-jcs-2022, 25 evidence items"] = sign_data_integrity(
            large,
            private_key,
            method,
            created=created,
            canonicalizer=canonicalizer,
            cryptosuite="eddsa-jcs-2022",
        )
    return samples


def _timings(run: Callable[[], object], rounds: int, warmup: int) -> list[float]:
    for _ in range(warmup):
        run()
    times = []
    for _ in range(max(rounds, 1)):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times
