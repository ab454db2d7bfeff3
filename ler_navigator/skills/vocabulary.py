"""The skills vocabulary: every ``kind: skill`` item, indexed by its name and aliases.

LER ingestion and occupation matching both resolve skills through this one object, so a
skill read from a badge and a skill an occupation needs end up with the same id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ler_navigator.errors import KnowledgeBaseError
from ler_navigator.models.knowledge import KnowledgeItem, Skill
from ler_navigator.skills.normalize import is_guarded, normalize_phrase, span_satisfies_guard

if TYPE_CHECKING:
    from ler_navigator.skills.extract import SkillMention, TextEmbedder

# When two O*NET elements share a name ("Mathematics" is both a Skills and a Knowledge
# element), a plain lookup prefers the earlier category in this order.
CATEGORY_PRECEDENCE: tuple[str, ...] = (
    "skill",
    "knowledge",
    "technology",
    "tool",
    "ability",
    "work_activity",
)

# Names that are too short or too common to be found in running text on their own ("C",
# "R", "Go"). They still resolve through ``lookup`` and through longer aliases
# ("R programming", "Golang").
LOOKUP_ONLY_KEYS: frozenset[str] = frozenset({"c", "r", "go", "chef"})

# Product names that are also everyday words ("I excel at", "cut some slack"). In running text
# they count only when written with a capital letter, the way product names are written.
CAPITALIZED_ONLY_KEYS: frozenset[str] = frozenset(
    {
        "angular",
        "asana",
        "bootstrap",
        "excel",
        "puppet",
        "react",
        "ruby",
        "selenium",
        "slack",
        "swift",
        "zoom",
    }
)

CaseRule = Literal["any", "upper", "capitalized"]

_ONET_ELEMENT_RE = re.compile(r"^[1-6](?:\.[A-Z](?:\.\d+(?:\.[a-z](?:\.\d+)*)?)?)?$")
_SOC_CODE_RE = re.compile(r"^\d{2}-\d{4}(?:\.\d{2})?$")


@dataclass(frozen=True)
class SurfaceForm:
    """One way of writing a skill: its name or one of its aliases, in normalized form."""

    skill_id: str
    text: str
    key: str
    is_name: bool
    case_rule: CaseRule

    def allows(self, span: str) -> bool:
        """True when ``span``, as written in a text, meets this form's case rule."""
        if self.case_rule == "upper":
            return span_satisfies_guard(span)
        if self.case_rule == "capitalized":
            return span[:1].isupper()
        return True

    @property
    def tokens(self) -> tuple[str, ...]:
        """The normalized tokens of this form."""
        return tuple(self.key.split(" "))

    @property
    def extractable(self) -> bool:
        """False for forms that only resolve through an explicit lookup."""
        return self.key not in LOOKUP_ONLY_KEYS


class SkillVocabulary:
    """Skills by id plus an index from normalized names and aliases to skills.

    Raises:
        KnowledgeBaseError: an alias (or a name) points to two different skills.
    """

    def __init__(self, skills: Iterable[Skill]) -> None:
        self._skills: dict[str, Skill] = {s.id: s for s in sorted(skills, key=lambda s: s.id)}
        self._by_key: dict[str, list[SurfaceForm]] = {}
        self._by_element: dict[str, Skill] = {}
        for skill in self._skills.values():
            self._add_forms(skill)
            if skill.onet_element_id:
                self._by_element[skill.onet_element_id] = skill
        for forms in self._by_key.values():
            forms.sort(key=self._precedence)
        self.max_form_tokens = max((len(k.split(" ")) for k in self._by_key), default=0)
        # Filled lazily by the extractor: fuzzy candidates and per-embedder form vectors.
        self._fuzzy_index: dict[int, tuple[list[str], list[SurfaceForm]]] | None = None
        self._semantic_cache: dict[int, tuple[object, object, list[SurfaceForm]]] = {}

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_items(cls, items: Iterable[KnowledgeItem]) -> SkillVocabulary:
        """Build from knowledge items, keeping only those of kind ``skill``."""
        return cls(item for item in items if isinstance(item, Skill))

    @classmethod
    def from_knowledge_dir(cls, path: Path) -> SkillVocabulary:
        """Load and validate a knowledge folder, then build from its skills."""
        from ler_navigator.kb.loader import load_knowledge

        base = load_knowledge(Path(path))
        return cls.from_items(base.by_kind("skill"))

    @classmethod
    def default(cls) -> SkillVocabulary:
        """The vocabulary of the configured knowledge folder (``LER_NAV_KNOWLEDGE_DIR``)."""
        from ler_navigator.settings import get_settings

        return cls.from_knowledge_dir(get_settings().knowledge_dir)

    # ------------------------------------------------------------------ access
    def __len__(self) -> int:
        return len(self._skills)

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self._skills

    @property
    def skills(self) -> list[Skill]:
        """All skills in id order."""
        return list(self._skills.values())

    def get(self, skill_id: str) -> Skill | None:
        """The skill with this id, or None."""
        return self._skills.get(skill_id)

    def by_element_id(self, element_id: str) -> Skill | None:
        """The skill carrying this O*NET content model element id, or None."""
        return self._by_element.get(element_id.strip())

    def forms(self, key: str) -> list[SurfaceForm]:
        """Surface forms for a normalized key, preferred first."""
        return list(self._by_key.get(key, ()))

    def all_forms(self) -> list[SurfaceForm]:
        """Every surface form, ordered by key then preference."""
        return [form for key in sorted(self._by_key) for form in self._by_key[key]]

    def broader_closure(self, skill_id: str) -> list[str]:
        """Ids of all broader skills, nearest first, without repeats."""
        seen: list[str] = []
        frontier = [skill_id]
        while frontier:
            nxt: list[str] = []
            for current in frontier:
                skill = self._skills.get(current)
                for parent in skill.broader if skill else ():
                    if parent not in seen and parent != skill_id:
                        seen.append(parent)
                        nxt.append(parent)
            frontier = nxt
        return seen

    def lookup(self, text: str) -> Skill | None:
        """The skill whose name or alias is ``text`` after normalization, or None.

        Short capital acronyms only match when written in capitals ("IT", not "it"); the
        capitalization rule for everyday words ("excel") applies to running text only.
        """
        for form in self._by_key.get(normalize_phrase(text), ()):
            if form.case_rule != "upper" or form.allows(text):
                return self._skills[form.skill_id]
        return None

    # ------------------------------------------------------------------ text and alignments
    def extract(
        self,
        text: str,
        *,
        fuzzy: bool = True,
        embedder: TextEmbedder | None = None,
        semantic_threshold: float | None = None,
    ) -> list[SkillMention]:
        """Skill mentions in ``text``, each with the span that supports it."""
        from ler_navigator.skills.extract import SEMANTIC_THRESHOLD, extract_mentions

        return extract_mentions(
            self,
            text,
            fuzzy=fuzzy,
            embedder=embedder,
            semantic_threshold=SEMANTIC_THRESHOLD
            if semantic_threshold is None
            else semantic_threshold,
        )

    def from_alignment(
        self,
        target_name: str | None = None,
        target_code: str | None = None,
        target_framework: str | None = None,
    ) -> Skill | None:
        """Map an LER alignment (Open Badges / CLR ``alignment``) to a vocabulary skill.

        O*NET content model element ids in ``target_code`` resolve directly. SOC codes name
        occupations, not skills, so they fall through to the name. ESCO and CASE codes are
        URIs or GUIDs we do not store, so those alignments resolve by ``target_name``: exact
        name or alias first, then the most specific, longest skill mention inside the name.
        """
        code = (target_code or "").strip()
        framework = (target_framework or "").casefold()
        if code and (_ONET_ELEMENT_RE.match(code) or "o*net" in framework):
            skill = self.by_element_id(code)
            if skill is not None:
                return skill
        if code and not _SOC_CODE_RE.match(code) and not code.startswith(("http", "urn:")):
            # Some issuers put the skill name itself in targetCode.
            skill = self.lookup(code)
            if skill is not None:
                return skill
        name = (target_name or "").strip()
        if not name:
            return None
        skill = self.lookup(name)
        if skill is not None:
            return skill
        mentions = self.extract(name)
        # "Welding - GMAW (MIG)" names welding and a welding process: keep the narrower one.
        broader = {b for m in mentions for b in self.broader_closure(m.skill_id)}
        specific = [m for m in mentions if m.skill_id not in broader]
        if not specific:
            return None
        best = min(specific, key=lambda m: (-(m.end - m.start), -m.confidence, m.start))
        return self._skills[best.skill_id]

    # ------------------------------------------------------------------ internals
    def _add_forms(self, skill: Skill) -> None:
        texts = [(skill.name, True)] + [(alias, False) for alias in skill.aliases]
        for text, is_name in texts:
            key = normalize_phrase(text)
            if not key:
                raise KnowledgeBaseError(f"Skill {skill.id} has a name or alias with no letters.")
            existing = self._by_key.setdefault(key, [])
            if any(form.skill_id == skill.id for form in existing):
                continue
            for other in existing:
                if not (is_name and other.is_name and self._both_onet(skill.id, other.skill_id)):
                    raise KnowledgeBaseError(
                        f"'{text}' of skill {skill.id} is also '{other.text}' of skill "
                        f"{other.skill_id}; a name or alias may point to only one skill."
                    )
            existing.append(SurfaceForm(skill.id, text, key, is_name, _case_rule(text, key)))

    def _both_onet(self, first: str, second: str) -> bool:
        return bool(self._skills[first].onet_element_id and self._skills[second].onet_element_id)

    def _precedence(self, form: SurfaceForm) -> tuple[int, int, str]:
        category = self._skills[form.skill_id].category
        return (CATEGORY_PRECEDENCE.index(category), 0 if form.is_name else 1, form.skill_id)


def _case_rule(text: str, key: str) -> CaseRule:
    if is_guarded(text):
        return "upper"
    if key in CAPITALIZED_ONLY_KEYS:
        return "capitalized"
    return "any"
