"""How much a piece of evidence counts. Verified credentials count most; typed skills least.

The order is the product's promise to learners and employers: a skill backed by a credential
whose signature checks out outweighs the same skill written in a résumé.
"""

from __future__ import annotations

from collections.abc import Iterable

from ler_navigator.models.fit import SkillSignal
from ler_navigator.models.ler import LearnerProfile, LearnerSkill

# Trust level -> weight. "unverified" is a credential nobody has checked yet or that has no
# proof; "self_reported" is résumé text; "typed" is what the learner typed into the chat.
TRUST_WEIGHT: dict[str, float] = {
    "verified": 1.0,
    "signed_unbound_key": 0.9,
    "unverified": 0.8,
    "unsigned": 0.8,
    "self_reported": 0.7,
    "typed": 0.6,
    "failed": 0.2,
}

TRUST_LABEL: dict[str, str] = {
    "verified": "verified credential",
    "signed_unbound_key": "signed credential (key not tied to the issuer)",
    "unverified": "credential (not verified)",
    "unsigned": "unsigned credential",
    "self_reported": "résumé",
    "typed": "typed by you",
    "failed": "credential that failed verification",
}


def trust_weight(trust: str) -> float:
    return TRUST_WEIGHT.get(trust, TRUST_WEIGHT["typed"])


def signal_for(skill: LearnerSkill) -> SkillSignal:
    """The strongest evidence decides the weight; the rest is kept as sources."""
    best_weight, best_trust = 0.0, "typed"
    sources: list[str] = []
    for evidence in sorted(skill.evidence, key=lambda e: e.identity()):
        weight = trust_weight(evidence.trust) * evidence.confidence
        if weight > best_weight or (weight == best_weight and best_weight == 0.0):
            best_weight, best_trust = weight, evidence.trust
        label = TRUST_LABEL.get(evidence.trust, evidence.trust)
        where = evidence.issuer.name if evidence.issuer and evidence.issuer.name else evidence.file
        source = f"{label}: {where}" if where else label
        if source not in sources:
            sources.append(source)
    return SkillSignal(
        skill_id=skill.skill_id,
        name=skill.name,
        weight=round(min(1.0, best_weight), 6),
        trust=best_trust,
        sources=sources,
    )


def profile_signals(profile: LearnerProfile) -> list[SkillSignal]:
    """Signals for the skills the learner chose to share, sorted by skill id."""
    shared = profile.shared()
    return sorted((signal_for(s) for s in shared.skills), key=lambda s: s.skill_id)


def typed_signals(skills: Iterable[tuple[str, str]]) -> list[SkillSignal]:
    """Signals for (skill id, name) pairs the learner typed."""
    return sorted(
        (
            SkillSignal(
                skill_id=i, name=n, weight=trust_weight("typed"), trust="typed", sources=["typed"]
            )
            for i, n in dict(skills).items()
        ),
        key=lambda s: s.skill_id,
    )
