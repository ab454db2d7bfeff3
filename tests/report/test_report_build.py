"""Building the advising summary from real uploads, typed skills and the curated knowledge base."""

from __future__ import annotations

import datetime as dt

import pytest
from report_support import LEARNER, NOTES, TODAY, needs_fixtures

from ler_navigator.models.verification import (
    IssuerInfo,
    SignatureCheck,
    SignatureVerdict,
    StatusCheck,
    StatusVerdict,
    TrustLevel,
    ValidityCheck,
    ValidityVerdict,
    VerificationResult,
)
from ler_navigator.report import build_report, verification_status
from ler_navigator.report.build import MAX_RESOURCES, MIN_RESOURCES, resource_query

pytestmark = needs_fixtures


def test_pathways_are_the_match_result(advising, match_result):
    assert match_result.occupations, "the typed skills and fixtures should fit something"
    assert [p.code for p in advising.pathways] == [f.code for f in match_result.occupations]
    for entry, fit in zip(advising.pathways, match_result.occupations, strict=True):
        assert (entry.title, entry.score) == (fit.title, fit.score)
        assert entry.matched == [m.name for m in fit.matched]
        assert entry.missing == [m.name for m in fit.missing]
        assert entry.citation.url == fit.url
    assert [p.rank for p in advising.pathways] == list(range(1, len(advising.pathways) + 1))


def test_k_limits_pathways_and_employers(report_service, uploads, learner_profile):
    small = build_report(report_service, list(uploads.values()), learner_profile, today=TODAY, k=2)
    assert len(small.pathways) == 2
    assert len(small.employers) <= 2


def test_credentials_carry_their_verification_in_plain_words(advising):
    by_file: dict[str, list[str]] = {}
    for entry in advising.credentials:
        by_file.setdefault(entry.file, []).append(entry.status)
    assert by_file["dcc-v2-ed25519-didkey-valid.json"] == ["Verified"]
    assert by_file["dcc-v2-ed25519-didkey-tampered.json"][0].startswith("Failed")
    assert by_file["1edtech-validator-ob3-err-expired.json"][0].endswith("; expired")
    # The CLR and each credential nested in it are listed and checked one by one.
    assert len(by_file["1edtech-validator-clr2-complex-v1-ed25519.json"]) == 7
    assert all(e.trust is not None and e.details for e in advising.credentials)


def test_unreadable_upload_is_listed_with_its_reason(advising):
    assert [u.file for u in advising.unread_files] == ["mozilla-bakery-bad-json.svg"]
    assert "JSON" in advising.unread_files[0].message
    assert all(e.file != "mozilla-bakery-bad-json.svg" for e in advising.credentials)


def test_learner_section_names_the_learner_and_the_evidence(advising, match_result):
    assert advising.title == f"Advising summary for {LEARNER}"
    assert advising.learner.name == LEARNER
    assert {s.name for s in advising.learner.skills} == {s.name for s in match_result.signals}
    welding = next(s for s in advising.learner.skills if s.name == "Welding")
    assert welding.trust == "typed by you"
    teamwork = next(s for s in advising.learner.skills if s.name == "Teamwork")
    assert teamwork.trust == "verified credential"
    assert advising.notes == NOTES
    assert advising.date == TODAY


def test_next_steps_come_from_the_pathways_gaps(advising, match_result):
    offered = {s.credential_id for f in match_result.occupations for s in f.next_steps}
    assert {s.credential_id for s in advising.next_steps} == offered
    titles = {f.title for f in match_result.occupations}
    for step in advising.next_steps:
        assert step.pathways and set(step.pathways) <= titles
        assert step.covers
    gains = [s.gain for s in advising.next_steps]
    assert gains == sorted(gains, reverse=True)


def test_employers_are_the_matchers_best(advising, match_result):
    assert [e.employer_id for e in advising.employers] == [e.id for e in match_result.employers[:5]]


def test_resources_come_from_retrieval_with_citations(advising, report_service, match_result):
    assert MIN_RESOURCES <= len(advising.resources) <= MAX_RESOURCES
    query = resource_query(match_result)
    assert match_result.occupations[0].title in query
    for resource in advising.resources:
        item = report_service.kb.get(resource.resource_id)
        assert item is not None and item.kind == "resource"
        assert resource.citation.title == item.name
        assert resource.citation.url == item.cite_url
        assert resource.summary


def test_citations_are_numbered_once_in_order_of_use(advising):
    numbers = [c.number for c in advising.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len({c.id for c in advising.citations}) == len(numbers)
    used = [
        *(p.citation for p in advising.pathways),
        *(s.citation for s in advising.next_steps),
        *(e.citation for e in advising.employers),
        *(r.citation for r in advising.resources),
    ]
    assert {c.number for c in used} == set(numbers)
    assert all(c in advising.citations for c in used)
    assert all(c.url.startswith("https://") or c.url.startswith("http://") for c in used)


def test_same_input_same_report(report_service, uploads, learner_profile, advising):
    again = build_report(
        report_service,
        list(uploads.values()),
        learner_profile,
        notes=NOTES,
        learner_name=LEARNER,
        today=TODAY,
    )
    assert again == advising


def test_typed_skills_alone_make_a_report_without_credentials(report_service):
    profile = report_service.build_profile(typed_skills="welding, blueprint reading")
    report = build_report(report_service, [], profile, today=TODAY)
    assert report.title == "Advising summary"
    assert report.credentials == [] and report.unread_files == []
    assert report.pathways and "Welding" in report.pathways[0].matched


def test_a_credential_the_learner_keeps_private_stays_out(report_service, uploads):
    record = uploads["valid"]
    profile = report_service.build_profile([record])
    hidden = profile.with_excluded(achievements=[a.id for a in profile.achievements])
    report = build_report(report_service, [record], hidden, today=TODAY)
    assert report.credentials == []
    assert all(s.name != "Teamwork" for s in report.learner.skills)


def _result(
    signature: SignatureVerdict = SignatureVerdict.VALID,
    *,
    key_bound: bool = True,
    validity: ValidityVerdict = ValidityVerdict.OK,
    status: StatusVerdict = StatusVerdict.OK,
) -> VerificationResult:
    return VerificationResult(
        format="vc",
        signature=SignatureCheck(verdict=signature),
        issuer=IssuerInfo(name="Example College", key_bound=key_bound),
        validity=ValidityCheck(verdict=validity, checked_at=dt.datetime(2026, 11, 29)),
        status=StatusCheck(verdict=status),
        summary="-",
        trust=TrustLevel.VERIFIED,
    )


@pytest.mark.parametrize(
    ("result", "words"),
    [
        (_result(), "Verified"),
        (_result(key_bound=False), "Signed; issuer's key not confirmed"),
        (_result(SignatureVerdict.INVALID), "Failed: the signature does not match"),
        (_result(SignatureVerdict.NO_PROOF), "Not signed"),
        (_result(SignatureVerdict.UNVERIFIABLE_OFFLINE), "Could not be checked offline"),
        (_result(status=StatusVerdict.REVOKED), "Revoked by the issuer"),
        (_result(status=StatusVerdict.SUSPENDED), "Suspended by the issuer"),
        (_result(validity=ValidityVerdict.EXPIRED), "Verified; expired"),
        (
            _result(SignatureVerdict.NO_PROOF, validity=ValidityVerdict.NOT_YET_VALID),
            "Not signed; not valid yet",
        ),
    ],
)
def test_verification_status_words(result, words):
    assert verification_status(result) == words
