"""Evidence beyond named skills: the words people actually use about their work.

A cook writes "I prep 200 covers a night and keep the HACCP logs"; a veteran writes "88M, four
years"; a job seeker lists "CompTIA A+". Skill names miss all three. This module finds, for each
occupation, what in the learner's text points at it:

- titles: a job title the learner held or wants (the occupation's title or an alternate title);
- tasks and tools: the learner's phrases close in meaning to the occupation's typical tasks,
  and tool names it uses (per field, so a long occupation text does not drown a short input);
- credentials: a credential named in the text that leads to the occupation;
- military: a military occupation code or title that crosswalks to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ler_navigator.evaluation.retrieval import normalize_name
from ler_navigator.index.embedder import Embedder
from ler_navigator.models.knowledge import CredentialProgram, MilitaryOccupation, Occupation

_CLAUSE = re.compile(r"[.;:!?\n•|]+|,\s+(?:and\s+)?|\s+(?:and then|then|while|plus)\s+")
MIN_TASK_SIMILARITY = 0.45
TOP_TASKS = 2


@dataclass
class TextEvidence:
    titles: list[str] = field(default_factory=list)
    tasks: list[tuple[str, str, float]] = field(default_factory=list)  # (learner, task, sim)
    tools: list[str] = field(default_factory=list)
    credentials: list[str] = field(default_factory=list)
    military: list[str] = field(default_factory=list)
    relevance: float = 0.0  # 0..1: how well the whole text retrieves this occupation
    shared_words: list[str] = field(default_factory=list)  # the learner's words it shares

    @property
    def task_strength(self) -> float:
        """Mean similarity of the best matching task pairs, 0 when none passed the bar."""
        sims = sorted((s for _, _, s in self.tasks), reverse=True)[:TOP_TASKS]
        return float(np.mean(sims)) if sims else 0.0


def clauses(text: str) -> list[str]:
    """The learner's text cut into short phrases, each about one thing they do."""
    parts = [p.strip(" ,-–—\"'") for p in _CLAUSE.split(text)]
    return [p for p in parts if len(p.split()) >= 2 or len(p) >= 4]


def _military_forms(military: MilitaryOccupation) -> tuple[list[str], list[str]]:
    """Forms of a military occupation safe to look for in running text: (codes and aliases,
    official titles).

    Two-letter ratings ("IT", "MA") and one-word titles ("Services") are everyday words: they
    count only through aliases, which carry a branch word or a rate form ("Navy IT", "IT2").
    Codes with a digit ("88M", "3D1X2", "0311") are distinctive enough on their own. Titles of
    several words ("Operations Specialist", "Public Affairs") are also civilian job words, so
    they count only in text that speaks of military service.
    """
    forms = [normalize_name(a) for a in military.aliases]
    code = normalize_name(military.code)
    if len(code) >= 3 and any(c.isdigit() for c in code):
        forms.append(code)
    name = normalize_name(military.name)
    titles = [name] if len(name.split()) >= 2 else []
    return sorted({f for f in forms if len(f) >= 2}), titles


# Words that say the text is about military service, so official military titles count.
_SERVICE = re.compile(
    r"\b(?:army|navy|usmc|marines?|marine corps|air force|usaf|coast guard|uscg|military|"
    r"veterans?|mos|afsc|enlisted|served|deployed|deployment|active duty|"
    r"national guard|reserves?|sailor|soldier|airman|guardsman|nco|petty officer)\b",
    re.I,
)


def _padded(text: str) -> str:
    return f" {normalize_name(text)} "


def credential_words(text: str) -> str:
    """Text normalised for credential names, with "+" read as "plus": "Network+" and "A+"
    stay whole names instead of turning into the everyday words "network" and "a"."""
    return normalize_name(text.replace("+", " plus "))


class TextEvidenceFinder:
    """Indexes occupations' titles, tasks and tools, and the credential/military crosswalks."""

    def __init__(
        self,
        occupations: Sequence[Occupation],
        credentials: Iterable[CredentialProgram],
        military: Iterable[MilitaryOccupation],
        embedder: Embedder,
    ) -> None:
        self.embedder = embedder
        self._occupations = {o.id: o for o in occupations}
        self._titles: dict[str, list[str]] = {}
        for occupation in occupations:
            for title in [occupation.name, *occupation.alternate_titles]:
                key = normalize_name(title)
                if len(key) >= 4:
                    self._titles.setdefault(key, []).append(occupation.id)
        self._task_owner: list[str] = []
        task_texts: list[str] = []
        for occupation in occupations:
            for task in occupation.tasks:
                self._task_owner.append(occupation.id)
                task_texts.append(task)
        self._task_texts = task_texts
        self._task_vectors = embedder.embed(task_texts) if task_texts else None
        self._tools: dict[str, list[str]] = {}
        for occupation in occupations:
            for tool in occupation.tools:
                key = normalize_name(tool)
                if len(key) >= 3:
                    self._tools.setdefault(key, []).append(occupation.id)
        self._credentials: list[tuple[list[str], CredentialProgram]] = [
            (sorted({w for f in [c.name, *c.aliases] if len(w := credential_words(f)) >= 2}), c)
            for c in credentials
        ]
        self._military: list[tuple[list[str], list[str], MilitaryOccupation]] = [
            (*_military_forms(m), m) for m in military
        ]

    def credentials_named(self, text: str) -> list[CredentialProgram]:
        """Credentials whose name or an alias appears in ``text`` as whole words."""
        padded = f" {credential_words(text)} "
        return [c for forms, c in self._credentials if any(f" {f} " in padded for f in forms)]

    def find(self, text: str) -> dict[str, TextEvidence]:
        """Evidence per occupation id found in ``text``."""
        found: dict[str, TextEvidence] = {}
        padded = _padded(text)

        def get(occupation_id: str) -> TextEvidence | None:
            if occupation_id not in self._occupations:
                return None
            return found.setdefault(occupation_id, TextEvidence())

        for key, owners in self._titles.items():
            if f" {key} " in padded:
                for owner in owners:
                    if (evidence := get(owner)) and key not in evidence.titles:
                        evidence.titles.append(key)
        for key, owners in self._tools.items():
            if f" {key} " in padded:
                for owner in owners:
                    if (evidence := get(owner)) and key not in evidence.tools:
                        evidence.tools.append(key)
        for credential in self.credentials_named(text):
            for owner in credential.occupations:
                if (evidence := get(owner)) and credential.name not in evidence.credentials:
                    evidence.credentials.append(credential.name)
        service = bool(_SERVICE.search(text))
        for forms, titles, military in self._military:
            if any(f" {form} " in padded for form in [*forms, *(titles if service else [])]):
                label = f"{military.code} ({military.name})"
                for owner in military.occupations:
                    if (evidence := get(owner)) and label not in evidence.military:
                        evidence.military.append(label)
        self._find_tasks(text, get)
        return found

    def _find_tasks(self, text: str, get) -> None:
        phrases = clauses(text)
        if not phrases or self._task_vectors is None:
            return
        sims = self.embedder.embed(phrases) @ self._task_vectors.T  # [phrases, tasks]
        best_phrase = sims.argmax(axis=0)
        best_sim = sims.max(axis=0)
        for task_index in np.flatnonzero(best_sim >= MIN_TASK_SIMILARITY):
            evidence = get(self._task_owner[task_index])
            if evidence is not None:
                evidence.tasks.append(
                    (
                        phrases[int(best_phrase[task_index])],
                        self._task_texts[task_index],
                        round(float(best_sim[task_index]), 4),
                    )
                )


# Phrases with which people say they want different work ("I want to get out from under
# cars", "looking for a job on the ground", "retiring from the department").
_CHANGE_WISH = re.compile(
    r"\b(?:i(?:'d| would)? (?:like|want|need|hope) to|i want|i need|want to|looking for|"
    r"leaving|retiring|get out|move (?:from|to|into|on)|switch|instead|career change|"
    r"transition|on the ground|civilian)\b",
    re.I,
)
_SENTENCES = re.compile(r"(?<=[.!?])\s+")


def split_change_wish(text: str) -> tuple[str, str] | None:
    """(what the learner did, what they want next) when the text asks for a change, else None."""
    sentences = [s for s in _SENTENCES.split(text.strip()) if s]
    wishes = [s for s in sentences if _CHANGE_WISH.search(s)]
    if not wishes:
        return None
    past = [s for s in sentences if not _CHANGE_WISH.search(s)]
    return " ".join(past), " ".join(wishes)
