"""Validity windows are judged against the clock passed in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from verify_support import CONTEXTS

from ler_navigator.models.verification import SignatureVerdict, ValidityVerdict
from ler_navigator.verify.bench import bench_key, sample_credential
from ler_navigator.verify.canonical import RdfCanonicalizer
from ler_navigator.verify.contexts import ContextLoader
from ler_navigator.verify.data_integrity import sign_data_integrity
from ler_navigator.verify.validity import check_validity, format_day, parse_datetime
from ler_navigator.verify.verifier import Verifier


def at(text: str) -> datetime:
    moment = parse_datetime(text)
    assert moment is not None
    return moment


@pytest.mark.parametrize(
    ("credential", "now", "verdict"),
    [
        ({"validFrom": "2024-01-01T00:00:00Z"}, "2023-12-31T23:59:59Z", "not_yet_valid"),
        ({"validFrom": "2024-01-01T00:00:00Z"}, "2024-01-01T00:00:00Z", "ok"),
        ({"validUntil": "2024-05-03T12:00:00Z"}, "2024-05-03T12:00:00Z", "ok"),
        ({"validUntil": "2024-05-03T12:00:00Z"}, "2024-05-03T12:00:01Z", "expired"),
        ({"issuanceDate": "2030-01-01T00:00:00Z"}, "2029-06-01T00:00:00Z", "not_yet_valid"),
        ({"expirationDate": "2025-01-09T16:23:24Z"}, "2026-11-29T00:00:00Z", "expired"),
        ({"expirationDate": "2025-01-09T18:23:24+02:00"}, "2025-01-09T16:23:25Z", "expired"),
        ({"expires": "2022-11-15T23:59:59Z"}, "2022-11-15T00:00:00Z", "ok"),  # OB 2.0
        ({"validFrom": "2010-01-01", "validUntil": "2030-01-01"}, "2026-11-29T00:00:00Z", "ok"),
        ({}, "2026-11-29T00:00:00Z", "ok"),
    ],
)
def test_window_verdicts(credential: dict[str, Any], now: str, verdict: str) -> None:
    check, warnings = check_validity(credential, at(now))
    assert check.verdict == ValidityVerdict(verdict)
    assert warnings == []


def test_jwt_claims_tighten_the_window() -> None:
    credential = {"validUntil": "2030-01-01T00:00:00Z"}
    expires = at("2025-01-01T00:00:00Z").timestamp()
    check, _ = check_validity(credential, at("2026-01-01T00:00:00Z"), expires=expires)
    assert check.verdict == ValidityVerdict.EXPIRED
    assert check.valid_until == at("2025-01-01T00:00:00Z")
    not_before = at("2027-01-01T00:00:00Z").timestamp()
    check, _ = check_validity({}, at("2026-01-01T00:00:00Z"), not_before=not_before)
    assert check.verdict == ValidityVerdict.NOT_YET_VALID


def test_unreadable_dates_are_warnings_not_failures() -> None:
    check, warnings = check_validity({"validUntil": "next spring"}, at("2026-01-01T00:00:00Z"))
    assert check.verdict == ValidityVerdict.OK
    assert warnings == ["The date in 'validUntil' cannot be read: 'next spring'."]


def test_format_day_is_plain_english() -> None:
    assert format_day(datetime(2024, 5, 3, 15, 0, tzinfo=UTC)) == "3 May 2024"


@pytest.fixture(scope="module")
def expiring_credential(fixtures_available: None) -> dict[str, Any]:
    """A VC 2.0 credential valid 2024-01-01 .. 2024-05-03, signed with the test key."""
    private_key, did = bench_key()
    credential = sample_credential(did, open_badge=False)
    credential["validFrom"] = "2024-01-01T00:00:00Z"
    credential["validUntil"] = "2024-05-03T00:00:00Z"
    return sign_data_integrity(
        credential,
        private_key,
        f"{did}#{did.split(':')[2]}",
        created="2024-01-01T00:00:00Z",
        canonicalizer=RdfCanonicalizer(ContextLoader(contexts_dir=CONTEXTS)),
    )


@pytest.mark.parametrize(
    ("now", "verdict", "summary"),
    [
        (
            "2023-06-01T00:00:00Z",
            ValidityVerdict.NOT_YET_VALID,
            "Signed by Benchmark College and unchanged since it was issued. "
            "Not valid until 1 January 2024.",
        ),
        (
            "2024-03-01T00:00:00Z",
            ValidityVerdict.OK,
            "Signed by Benchmark College and unchanged since it was issued.",
        ),
        (
            "2024-06-01T00:00:00Z",
            ValidityVerdict.EXPIRED,
            "Signed by Benchmark College and unchanged since it was issued. Expired on 3 May 2024.",
        ),
    ],
)
def test_the_verifier_uses_its_clock(
    make_verifier: Callable[..., Verifier],
    expiring_credential: dict[str, Any],
    now: str,
    verdict: ValidityVerdict,
    summary: str,
) -> None:
    result = make_verifier(at(now)).verify(expiring_credential)[0]
    assert result.signature.verdict == SignatureVerdict.VALID
    assert result.validity.verdict == verdict
    assert result.validity.checked_at == at(now)
    assert result.summary == summary
