"""Uploads through the service: read, verify, carry trust into the profile, weigh it in matching."""

from __future__ import annotations

import datetime as dt

import pytest

from ler_navigator.matching.evidence import profile_signals
from ler_navigator.service import NavigatorService
from ler_navigator.settings import PACKAGE_ROOT, Settings

SHARED = PACKAGE_ROOT.parent / "shared" / "fixtures"
CREDENTIALS = SHARED / "credentials"
NOW = dt.datetime(2026, 11, 29, tzinfo=dt.UTC)

pytestmark = pytest.mark.skipif(not SHARED.exists(), reason="../shared fixtures not present")


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> NavigatorService:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("records"), contexts_dir=SHARED / "contexts"
    )
    return NavigatorService(settings, clock=lambda: NOW)


def _upload(service: NavigatorService, relative: str):
    path = CREDENTIALS / relative
    return service.read_upload(path.read_bytes(), path.name)


def test_verified_credential_marks_its_skills_verified(service):
    record = _upload(service, "ob3/dcc-v2-ed25519-didkey-valid.json")
    assert record.ok and record.verifications
    assert record.verifications[0].trust.value == "verified"
    profile = service.build_profile([record])
    assert profile.achievements and all(a.trust == "verified" for a in profile.achievements)
    assert all(s.best_trust == "verified" for s in profile.skills)


def test_tampered_credential_is_failed_not_verified(service):
    record = _upload(service, "ob3/dcc-v2-ed25519-didkey-tampered.json")
    assert record.verifications[0].trust.value == "failed"
    profile = service.build_profile([record])
    assert all(a.trust == "failed" for a in profile.achievements)


def test_bad_upload_is_a_record_with_a_friendly_error(service):
    record = service.read_upload(b"{not json", "broken.json")
    assert not record.ok
    assert record.error is not None and "JSON" in record.error.message


def test_same_upload_twice_adds_nothing(service):
    first = _upload(service, "ob3/dcc-v2-ed25519-didkey-valid.json")
    again = _upload(service, "ob3/dcc-v2-ed25519-didkey-valid.json")
    assert first.sha256 == again.sha256
    once = service.build_profile([first])
    twice = service.build_profile([first, again])
    assert len(twice.achievements) == len(once.achievements)
    assert len(twice.credentials) == len(once.credentials)


def test_verified_evidence_weighs_more_than_the_same_skill_from_a_resume(service):
    record = _upload(service, "ob3/dcc-v2-ed25519-didkey-valid.json")
    verified = {s.skill_id: s for s in profile_signals(service.build_profile([record]))}
    if not verified:
        pytest.skip("the fixture names no skill of the vocabulary")
    names = ", ".join(s.name for s in verified.values())
    typed = {s.skill_id: s for s in profile_signals(service.build_profile(typed_skills=names))}
    shared = set(verified) & set(typed)
    assert shared
    for skill_id in shared:
        assert verified[skill_id].weight > typed[skill_id].weight
        assert verified[skill_id].trust == "verified"
