"""Format details: what each parser reads out of the shared fixtures."""

from __future__ import annotations

import json

import pytest

from ler_navigator.ingest import load_local_documents, parse_bytes, profile_from
from tests.ingest.conftest import CREDENTIALS, needs_fixtures

pytestmark = needs_fixtures


def parse(relative: str, **kwargs):
    return parse_bytes((CREDENTIALS / relative).read_bytes(), relative, **kwargs)


def test_clr_nested_achievements_keep_their_own_issuer():
    parsed = parse("clr2/1edtech-validator-clr2-complex-v1-ed25519.json")
    titles = [a.title for a in parsed.achievements]
    assert len(titles) == 6
    assert "Oregon State Board of Nursing - Certified Nursing Assistant" in titles
    assert {a.issuer.name for a in parsed.achievements} == {"Western High School, RSD"}
    # Four nested credentials reuse one achievement id with different names: all are kept.
    shared = [
        a
        for a in parsed.achievements
        if a.source_id == "urn:uuid:0f09ae53-33ae-4472-8daa-d7381b859e6c"
    ]
    assert len(shared) == 4
    clr = next(c for c in parsed.credentials if c.parent_key is None)
    nested = [c for c in parsed.credentials if c.parent_key == clr.key]
    assert len(nested) == 6
    assert all(".verifiableCredential[" in c.json_path for c in nested)
    parent = next(a for a in parsed.achievements if a.title.startswith("Nurse Assistant 1 Program"))
    assert {(x.association_type, x.target_id) for x in parent.associations} >= {
        ("isParentOf", "urn:uuid:bb9a27e6-3a2d-413b-b0c7-97ef9dfdde22")
    }


def test_clr_listed_achievement_repeated_by_a_nested_credential_counts_once():
    parsed = parse("clr2/1edtech-spec-clr2-testvector-eddsa-rdfc-2022.json")
    assert sorted(a.title for a in parsed.achievements) == ["Achievement 1", "Achievement 2"]
    assert all(a.issuer and a.issuer.name == "Example University" for a in parsed.achievements)


def test_clr_inside_a_jwt_reads_nested_jwt_credentials():
    parsed = parse("vc-jwt/1edtech-validator-clr2-simple.jwt")
    assert parsed.format == "vc-jwt"
    assert {c.format for c in parsed.credentials} == {"vc-jwt"}
    assert any("#jwt.payload" in a.source.json_path for a in parsed.achievements)


def test_ob3_complete_reads_alignments_results_evidence_and_endorsements():
    parsed = parse("ob3/1edtech-validator-ob3-complete.json")
    (achievement,) = parsed.achievements
    assert achievement.title == "1EdTech University Degree"
    assert achievement.type == "Degree"
    assert achievement.issuer.name == "1EdTech University"
    assert {a.target_type for a in achievement.alignments} == {"CFItem", "CTDL"}
    assert achievement.alignments[0].target_name == "1EdTech University Degree"
    assert achievement.results and achievement.evidence
    assert achievement.trust == "unverified"


def test_endorsement_credential_has_no_achievement():
    parsed = parse("ob3/dcc-v2-dual-proof-endorsement.json")
    assert parsed.achievements == []
    assert parsed.credentials[0].types == ["VerifiableCredential", "EndorsementCredential"]


def test_baked_png_and_svg_give_the_same_credential():
    png = parse("ob3/1edtech-validator-ob3-baked.png")
    svg = parse("ob3/1edtech-validator-ob3-baked.svg")
    assert (png.container, svg.container) == ("png", "svg")
    assert png.credentials[0].content_sha256 == svg.credentials[0].content_sha256
    assert [a.id for a in png.achievements] == [a.id for a in svg.achievements]


def test_jwt_baked_in_png_is_vc_jwt():
    parsed = parse("ob3/1edtech-validator-ob3-baked-jwt.png")
    assert (parsed.format, parsed.container) == ("vc-jwt", "png")
    assert parsed.achievements[0].title


def test_signed_ob2_assertion_is_ob2_not_vc_jwt():
    parsed = parse("ob2/1edtech-validator-ob2-signed.jws")
    assert parsed.format == "ob2"
    assert parsed.achievements[0].reference == "https://example.org/robotics-badge.json"


def test_hosted_ob2_badge_resolves_from_trusted_local_documents():
    documents = load_local_documents(CREDENTIALS / "_support" / "ob2")
    parsed = parse("ob2/1edtech-validator-ob2-hosted-assertion.json", documents=documents)
    (achievement,) = parsed.achievements
    assert achievement.title == "Awesome Robotics Badge"
    assert achievement.issuer.id == "https://example.org/organization.json"
    assert achievement.reference == "https://example.org/robotics-badge.json"
    assert parsed.warnings == []


def test_ob2_without_badge_is_read_with_a_note():
    parsed = parse("ob2/mozilla-bakery-ob-baked.svg")
    assert parsed.achievements == []
    assert "carries no badge" in parsed.warnings[0]


def test_ler_rs_reads_education_certifications_and_employment():
    parsed = parse("ler-rs/1edtech-validator-ler-rs-v2-vcwrapper.json")
    by_title = {a.title: a for a in parsed.achievements}
    assert by_title["Bachelor of Commerce"].trust == "self_reported"
    assert by_title["Bachelor of Commerce"].issuer.name == "University of California, Berkeley"
    transcript = by_title["Computer Science, Cybersecurity Concentration, B.S."]
    assert transcript.trust == "unverified"
    assert transcript.issuer.id == "https://www.ncsu.edu"
    assert by_title["Product Management Certificate"].valid_until == "2024-08-25T00:00:00.0"
    assert [(e.organization, e.title) for e in parsed.employment] == [
        ("AllSoftware", "Corporate Project Manager")
    ]
    assert {e.institution for e in parsed.education} == {
        "University of California, Berkeley",
        "North Carolina State University",
    }
    competencies = [t for t in parsed.skill_texts if t.origin == "competency"]
    assert [(t.text, t.trust) for t in competencies] == [("Project Management", "self_reported")]


def test_ler_rs_nested_open_badge_is_its_own_credential():
    parsed = parse("ler-rs/1edtech-validator-ler-rs-v2-uc010-applying.json")
    badge = next(a for a in parsed.achievements if a.title == "Digital Marketing Certificate")
    assert badge.trust == "unverified"
    assert badge.issuer.name == "American Council for Education (ACE)"
    outer = next(c for c in parsed.credentials if c.parent_key is None)
    assert any(
        c.parent_key == outer.key and "OpenBadgeCredential" in c.types for c in parsed.credentials
    )


def test_generic_vc_claims_become_one_achievement():
    parsed = parse("vc-v1/dcc-v1-eddsa-rdfc-2022-didkey-olddccexample.json")
    (achievement,) = parsed.achievements
    assert achievement.title == "GT Guide"
    assert ("hasCredential.name", "GT Guide") in {(c.path, c.value) for c in achievement.claims}


def test_presentation_reads_every_credential(tmp_path):
    held = [
        json.loads((CREDENTIALS / "ob3/1edtech-validator-ob3-simple.json").read_text()),
        (CREDENTIALS / "vc-jwt/jws-test-suite-afgo-ed25519.jwt").read_text().strip(),
    ]
    presentation = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": held,
    }
    parsed = parse_bytes(json.dumps(presentation).encode(), "presentation.json")
    assert parsed.format == "vp"
    assert len(parsed.achievements) == 2
    assert len(parsed.credentials) == 2


def test_skill_evidence_points_at_text_and_achievement(fake_vocabulary):
    parsed = parse("ob3/1edtech-validator-ob3-simple.json", vocabulary=fake_vocabulary)
    (skill,) = parsed.skills
    assert (skill.skill_id, skill.aliases) == ("skill:teamwork", ["Teamwork"])
    (evidence,) = skill.evidence
    assert evidence.json_path == "$.credentialSubject.achievement.name"
    assert evidence.span.text == "Teamwork"
    assert evidence.achievement_id == parsed.achievements[0].id
    assert evidence.issuer.name == "Example Corp"
    assert evidence.trust == "unverified"


def test_the_same_file_twice_adds_nothing(fake_vocabulary):
    once = profile_from(
        [parse("clr2/1edtech-validator-clr2-complex-v1-ed25519.json", vocabulary=fake_vocabulary)]
    )
    twice = profile_from(
        [
            parse(
                "clr2/1edtech-validator-clr2-complex-v1-ed25519.json", vocabulary=fake_vocabulary
            ),
            parse(
                "clr2/1edtech-validator-clr2-complex-v1-ed25519.json", vocabulary=fake_vocabulary
            ),
        ]
    )
    assert twice == once
    assert once.skills  # the comparison is not vacuous


def test_same_credential_under_another_name_counts_once(tmp_path, fake_vocabulary):
    data = (CREDENTIALS / "ob3/1edtech-validator-ob3-simple.json").read_bytes()
    first = parse_bytes(data, "a.json", vocabulary=fake_vocabulary)
    copy = parse_bytes(data, "b.json", vocabulary=fake_vocabulary)
    profile = profile_from([first, copy])
    assert len(profile.achievements) == 1
    assert len(profile.credentials) == 1
    assert len(profile.skills[0].evidence) == 1
    assert profile.files == ["a.json", "b.json"]


@pytest.mark.parametrize(
    "other",
    ["ob3/dcc-v2-ed25519-didkey-tampered.json", "ob3/1edtech-validator-ob3-err-expired.json"],
)
def test_same_id_with_different_content_keeps_both_and_warns(other):
    profile = profile_from([parse("ob3/1edtech-validator-ob3-simple.json"), parse(other)])
    assert len(profile.credentials) == 2
    assert len(profile.achievements) == 2
    assert any("same id" in w for w in profile.warnings)
