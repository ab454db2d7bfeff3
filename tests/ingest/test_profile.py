"""Learner profiles: merging, sharing choices, typed skills and pasted text."""

from __future__ import annotations

import pytest

from ler_navigator.ingest import (
    parse_bytes,
    profile_from,
    profile_from_text,
    profile_from_typed_skills,
)
from ler_navigator.ingest.errors import EmptyDocumentError
from ler_navigator.models.ler import LearnerProfile
from tests.ingest.conftest import REPO


@pytest.fixture(scope="module")
def vocabulary():
    """The shared skills vocabulary from the project's knowledge folder."""
    skills = pytest.importorskip("ler_navigator.skills")
    if not list((REPO / "knowledge" / "skills").glob("*.yaml")):
        pytest.skip("the skills vocabulary has no data yet")
    return skills.SkillVocabulary.from_knowledge_dir(REPO / "knowledge")


CREDENTIAL = b"""{
  "@context": ["https://www.w3.org/ns/credentials/v2"],
  "id": "urn:example:badge-1",
  "type": ["VerifiableCredential", "OpenBadgeCredential"],
  "issuer": {"id": "https://college.example", "name": "Example College"},
  "credentialSubject": {"achievement": {"id": "urn:example:ach", "name": "Robotics",
    "criteria": {"narrative": "Built a robot with a team player attitude."}}}
}"""


def test_same_skill_from_several_sources_keeps_all_evidence(fake_vocabulary):
    badge = parse_bytes(CREDENTIAL, "badge.json", vocabulary=fake_vocabulary)
    resume = parse_bytes(b"Robotics club captain.", "resume.txt", vocabulary=fake_vocabulary)
    profile = profile_from([badge, resume])
    robotics = profile.skill("skill:robotics")
    assert robotics is not None
    assert sorted((e.file, e.trust) for e in robotics.evidence) == [
        ("badge.json", "unverified"),
        ("resume.txt", "self_reported"),
    ]
    assert robotics.best_trust == "unverified"
    assert profile.files == ["badge.json", "resume.txt"]


def test_merge_is_order_independent_for_content(fake_vocabulary):
    badge = parse_bytes(CREDENTIAL, "badge.json", vocabulary=fake_vocabulary)
    resume = parse_bytes(b"Python and robotics.", "resume.txt", vocabulary=fake_vocabulary)
    forward = profile_from([badge, resume])
    backward = profile_from([resume, badge])
    assert [a.id for a in forward.achievements] == [a.id for a in backward.achievements]
    assert [s.skill_id for s in forward.skills] == [s.skill_id for s in backward.skills]
    assert [len(s.evidence) for s in forward.skills] == [len(s.evidence) for s in backward.skills]


def test_excluded_achievement_does_not_leak_through_its_skills(fake_vocabulary):
    profile = profile_from([parse_bytes(CREDENTIAL, "badge.json", vocabulary=fake_vocabulary)])
    (achievement,) = profile.achievements
    hidden = profile.with_excluded(achievements=[achievement.id])
    assert hidden.achievements[0].excluded
    shared = hidden.shared()
    assert shared.achievements == []
    assert shared.skills == []  # every skill here rests on the hidden badge
    assert profile.shared() == profile


def test_excluded_skill_is_not_shared_and_survives_a_merge(fake_vocabulary):
    first = profile_from([parse_bytes(CREDENTIAL, "badge.json", vocabulary=fake_vocabulary)])
    hidden = first.with_excluded(skills=["skill:teamwork"])
    again = parse_bytes(b"A team player.", "resume.txt", vocabulary=fake_vocabulary)
    merged = hidden.merge(profile_from([again]))
    assert merged.skill("skill:teamwork").excluded
    assert "skill:teamwork" not in {s.skill_id for s in merged.shared().skills}
    assert "skill:robotics" in {s.skill_id for s in merged.shared().skills}


def test_merge_of_empty_profiles_is_empty():
    assert LearnerProfile().merge(LearnerProfile()) == LearnerProfile()


def test_typed_skills_give_a_profile(vocabulary):
    profile = profile_from_typed_skills(
        "Python, welding; customer service\nunderwater basket weaving", vocabulary
    )
    ids = {s.skill_id for s in profile.skills}
    assert {"skill:python", "skill:welding", "skill:customer-service"} <= ids
    assert all(e.trust == "typed" for s in profile.skills for e in s.evidence)
    assert profile.unrecognized_skills == ["underwater basket weaving"]


def test_typed_skills_must_not_be_empty(vocabulary):
    with pytest.raises(EmptyDocumentError):
        profile_from_typed_skills(" , ;", vocabulary)


def test_pasted_paragraph_gives_a_profile(vocabulary):
    paragraph = (
        "I worked five years as a line cook, handled food safety and inventory, "
        "and trained new staff. I also know Excel."
    )
    profile = profile_from_text(paragraph, vocabulary)
    ids = {s.skill_id for s in profile.skills}
    assert {"skill:food-safety", "skill:microsoft-excel"} <= ids
    for skill in profile.skills:
        for evidence in skill.evidence:
            assert evidence.trust == "self_reported"
            assert paragraph[evidence.span.start : evidence.span.end] == evidence.span.text


def test_pasted_text_must_have_content(vocabulary):
    with pytest.raises(EmptyDocumentError):
        profile_from_text("   ", vocabulary)
