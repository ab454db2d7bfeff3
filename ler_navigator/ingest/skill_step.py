"""The skill step: texts offered by the parsers → vocabulary skills with evidence.

It codes against a small ``Vocabulary`` protocol (``extract`` and ``from_alignment``, as the
shared ``ler_navigator.skills.SkillVocabulary`` provides) so that parsers and this step can be
tested with a fake vocabulary. A skill is only ever created from a span of real text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from ler_navigator.ingest.result import SkillText
from ler_navigator.models.ler import LearnerSkill, SkillEvidence, TextSpan


class Mention(Protocol):
    """A skill found in a text (the shape of ``ler_navigator.skills.SkillMention``)."""

    skill_id: str
    name: str
    matched_text: str
    start: int
    end: int
    method: str
    confidence: float


class Vocabulary(Protocol):
    """What the skill step needs from the skills vocabulary."""

    def extract(self, text: str) -> Sequence[Mention]:
        """Skill mentions in a text."""
        ...

    def from_alignment(
        self,
        target_name: str | None = None,
        target_code: str | None = None,
        target_framework: str | None = None,
    ) -> Any:
        """The skill(s) an alignment points at: a skill, a list of mentions, or None."""
        ...


def load_vocabulary(knowledge_dir: Any = None) -> Vocabulary | None:
    """The shared skills vocabulary, or None while it is not available (no package or data)."""
    try:
        from ler_navigator.skills import SkillVocabulary
    except ImportError:
        return None
    try:
        if knowledge_dir is not None:
            vocabulary = SkillVocabulary.from_knowledge_dir(knowledge_dir)
        else:
            vocabulary = SkillVocabulary.default()
    except Exception:  # an empty or unfinished knowledge folder: ingest without skills
        return None
    return vocabulary if len(vocabulary) else None  # type: ignore[arg-type]


def find_skills(
    texts: Iterable[SkillText], vocabulary: Vocabulary, file: str
) -> list[LearnerSkill]:
    """Skills supported by ``texts``, each with one piece of evidence per supporting span."""
    found: dict[str, LearnerSkill] = {}
    for item in texts:
        for skill_id, name, evidence, matched in _evidence_for(item, vocabulary, file):
            skill = found.get(skill_id) or LearnerSkill(skill_id=skill_id, name=name)
            known = {e.identity() for e in skill.evidence}
            if evidence.identity() not in known:
                skill = skill.model_copy(
                    update={
                        "evidence": [*skill.evidence, evidence],
                        "aliases": sorted({*skill.aliases, matched}),
                    }
                )
            found[skill_id] = skill
    return sorted(
        (
            s.model_copy(update={"evidence": sorted(s.evidence, key=SkillEvidence.identity)})
            for s in found.values()
        ),
        key=lambda s: (s.name.casefold(), s.skill_id),
    )


def _evidence_for(
    item: SkillText, vocabulary: Vocabulary, file: str
) -> list[tuple[str, str, SkillEvidence, str]]:
    def evidence(start: int, end: int, method: str, confidence: float) -> SkillEvidence:
        return SkillEvidence(
            file=file,
            source_key=item.source_key,
            json_path=item.json_path,
            span=TextSpan(start=start, end=end, text=item.text[start:end]) if end > start else None,
            origin=item.origin,
            achievement_id=item.achievement_id,
            issuer=item.issuer,
            method=method,
            confidence=round(min(max(confidence, 0.0), 1.0), 6),
            trust=item.trust,
        )

    if item.alignment is not None:
        alignment = item.alignment
        hit = vocabulary.from_alignment(
            alignment.target_name, alignment.target_code, alignment.target_framework
        )
        out = []
        for skill_id, name in _skills_of(hit):
            supported = item.text or alignment.target_code or ""
            out.append((skill_id, name, evidence(0, len(item.text), "alignment", 1.0), supported))
        return out

    mentions = list(vocabulary.extract(item.text))
    if item.is_name:
        # A tag or listed competency names one skill: prefer a match of the whole text.
        whole = [m for m in mentions if m.start == 0 and m.end == len(item.text)]
        mentions = whole or mentions
    return [
        (m.skill_id, m.name, evidence(m.start, m.end, m.method, m.confidence), m.matched_text)
        for m in mentions
    ]


def _skills_of(hit: Any) -> list[tuple[str, str]]:
    """(id, name) pairs from whatever ``from_alignment`` returned."""
    if hit is None:
        return []
    items = hit if isinstance(hit, list | tuple) else [hit]
    pairs = []
    for entry in items:
        skill_id = getattr(entry, "skill_id", None) or getattr(entry, "id", None)
        name = getattr(entry, "name", None)
        if isinstance(skill_id, str) and isinstance(name, str):
            pairs.append((skill_id, name))
    return pairs
