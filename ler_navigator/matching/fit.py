"""Fit of a learner's skills to occupations and employers: importance-weighted coverage.

score = sum over the occupation's skills of importance × credit, over the sum of importances,
as points out of 100. A skill's credit is the learner's evidence weight (verified credential
highest, typed lowest) times how closely the learner's skill matches:

- exact: the same skill;
- specific: the learner has a narrower skill (GMAW for welding) — full credit;
- general: the learner has a broader skill (welding for GMAW) — half credit;
- near: the skill names are close in meaning (embedding similarity) — partial credit, shown as such.

Each matched skill's points are shown, and they add up to the score.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ler_navigator.index.embedder import Embedder
from ler_navigator.matching.evidence import trust_weight
from ler_navigator.matching.text_evidence import TextEvidence
from ler_navigator.models.fit import (
    EmployerFit,
    FitEvidence,
    MatchedSkill,
    MatchResult,
    MissingSkill,
    NextStep,
    OccupationFit,
    SkillSignal,
    SteppingStone,
)
from ler_navigator.models.knowledge import CredentialProgram, Employer, Occupation
from ler_navigator.skills.vocabulary import SkillVocabulary

SPECIFIC_FACTOR = 1.0
GENERAL_FACTOR = 0.5
NEAR_FACTOR = 0.5
NEAR_MIN_SIMILARITY = 0.80
# What earning a credential is projected to be worth: an unverified credential's weight.
EARNED_WEIGHT = trust_weight("unverified")
MAX_NEXT_STEPS = 3
EMPLOYER_OCCUPATION_SHARE = 0.8

# Points each kind of direct evidence adds. When the learner wrote about their work, skill
# coverage counts for half and the rest comes from titles, tasks, tools, credentials and codes.
SKILL_SHARE_WITH_TEXT = 0.5
TITLE_POINTS = 25.0
SHORT_TITLE_POINTS = 10.0  # one-word titles ("cook") are also everyday words
RELEVANCE_POINTS = 45.0
MILITARY_POINTS = 35.0
CREDENTIAL_POINTS = 25.0
TASK_POINTS = 30.0
TASK_FLOOR, TASK_CEILING = 0.45, 0.80
TOOL_POINTS, TOOL_CAP = 4.0, 10.0
DEGREE_PENALTY = 10.0
# The work a learner describes doing now, when they say they want a change.
CHANGE_PENALTY = 30.0


@dataclass(frozen=True)
class _Best:
    id: str
    score: float


@dataclass(frozen=True)
class Credit:
    value: float
    via: str
    learner_skill: SkillSignal
    similarity: float | None = None


class SkillNeighbours:
    """Embedding similarity between skill names, for near-matches."""

    def __init__(self, vocabulary: SkillVocabulary, embedder: Embedder) -> None:
        skills = vocabulary.skills
        self._ids = [s.id for s in skills]
        self._position = {sid: i for i, sid in enumerate(self._ids)}
        self._vectors = embedder.embed([s.name for s in skills])

    def similarities(self, learner: Sequence[str], required: Sequence[str]) -> np.ndarray:
        """Matrix [len(required), len(learner)] of cosine similarities (0 where unknown)."""
        out = np.zeros((len(required), len(learner)), dtype=np.float32)
        lrows = [(c, self._position[s]) for c, s in enumerate(learner) if s in self._position]
        rrows = [(r, self._position[s]) for r, s in enumerate(required) if s in self._position]
        if not lrows or not rrows:
            return out
        lcols, lpos = zip(*lrows, strict=True)
        rcols, rpos = zip(*rrows, strict=True)
        block = self._vectors[list(rpos)] @ self._vectors[list(lpos)].T
        # A skill is never "near" itself; exact matches are scored as exact.
        block[np.asarray(rpos)[:, None] == np.asarray(lpos)[None, :]] = 0.0
        out[np.ix_(list(rcols), list(lcols))] = block
        return out


class Matcher:
    """Scores profiles against a fixed set of occupations, credentials and employers."""

    def __init__(
        self,
        occupations: Iterable[Occupation],
        credentials: Iterable[CredentialProgram],
        employers: Iterable[Employer],
        vocabulary: SkillVocabulary,
        neighbours: SkillNeighbours | None = None,
    ) -> None:
        self.occupations = sorted(occupations, key=lambda o: o.id)
        self.credentials = sorted(credentials, key=lambda c: c.id)
        self.employers = sorted(employers, key=lambda e: e.id)
        self.vocabulary = vocabulary
        self.neighbours = neighbours
        self._occupation = {o.id: o for o in self.occupations}
        self._teaches: dict[str, list[CredentialProgram]] = {}
        for credential in self.credentials:
            for skill in credential.skills:
                self._teaches.setdefault(skill, []).append(credential)
        self._hiring: dict[str, list[str]] = {}
        for employer in self.employers:
            for occupation in employer.occupations:
                self._hiring.setdefault(occupation, []).append(employer.id)
        self._required = sorted({r.skill for o in self.occupations for r in o.skills})
        self._broader = {s.id: set(vocabulary.broader_closure(s.id)) for s in vocabulary.skills}
        self._shares: dict[str, list[tuple[str, float]]] = {}
        self._narrower: dict[str, set[str]] = {}
        for skill_id, broader in self._broader.items():
            for parent in broader:
                self._narrower.setdefault(parent, set()).add(skill_id)

    # ------------------------------------------------------------------ credit
    def credits(self, signals: Sequence[SkillSignal], required: Sequence[str]) -> dict[str, Credit]:
        """Best credit for each required skill id that the learner's skills earn."""
        by_id = {s.skill_id: s for s in signals}
        result: dict[str, Credit] = {}
        similarity = (
            self.neighbours.similarities([s.skill_id for s in signals], required)
            if self.neighbours is not None and signals
            else None
        )
        # Only required skills some learner skill can reach are worth looking at.
        wanted = set(required)
        reachable = set(by_id) & wanted
        for signal in signals:
            reachable |= self._broader.get(signal.skill_id, set()) & wanted
            reachable |= self._narrower.get(signal.skill_id, set()) & wanted
        rows = {needed: r for r, needed in enumerate(required)}
        if similarity is not None:
            near_rows = np.flatnonzero((similarity >= NEAR_MIN_SIMILARITY).any(axis=1))
            reachable |= {required[int(r)] for r in near_rows}
        for needed in sorted(reachable):
            r = rows[needed]
            options: list[Credit] = []
            if needed in by_id:
                options.append(Credit(by_id[needed].weight, "exact", by_id[needed]))
            for signal in signals:
                if needed in self._broader.get(signal.skill_id, ()):
                    options.append(Credit(signal.weight * SPECIFIC_FACTOR, "specific", signal))
                elif signal.skill_id in self._broader.get(needed, ()):
                    options.append(Credit(signal.weight * GENERAL_FACTOR, "general", signal))
            if similarity is not None:
                for col, signal in enumerate(signals):
                    sim = float(similarity[r, col])
                    if sim >= NEAR_MIN_SIMILARITY:
                        value = signal.weight * NEAR_FACTOR * sim
                        options.append(Credit(value, "near", signal, round(sim, 3)))
            if options:
                # Highest credit wins; ties go to the closer kind of match, then skill id.
                order = {"exact": 0, "specific": 1, "general": 2, "near": 3}
                best = min(
                    options,
                    key=lambda c: (-round(c.value, 6), order[c.via], c.learner_skill.skill_id),
                )
                if best.value > 0:
                    result[needed] = best
        return result

    # ------------------------------------------------------------------ occupations
    def fit(
        self,
        occupation: Occupation,
        credits: dict[str, Credit],
        *,
        explain: bool = True,
        text: TextEvidence | None = None,
        skill_share: float = 1.0,
        has_degree: bool | None = None,
        leaving: bool = False,
    ) -> OccupationFit:
        total = sum(r.importance for r in occupation.skills) or 1.0
        matched: list[MatchedSkill] = []
        missing: list[MissingSkill] = []
        for required in occupation.skills:
            name = self._name(required.skill)
            credit = credits.get(required.skill)
            share = 100.0 * required.importance / total
            if credit is not None:
                matched.append(
                    MatchedSkill(
                        skill_id=required.skill,
                        name=name,
                        importance=required.importance,
                        credit=round(credit.value, 4),
                        points=round(share * credit.value, 1),
                        via=credit.via,  # type: ignore[arg-type]
                        learner_skill=credit.learner_skill.name,
                        trust=credit.learner_skill.trust,
                        similarity=credit.similarity,
                        sources=credit.learner_skill.sources,
                    )
                )
            else:
                missing.append(
                    MissingSkill(
                        skill_id=required.skill,
                        name=name,
                        importance=required.importance,
                        points=round(share, 1),
                    )
                )
        matched.sort(key=lambda m: (-m.points, m.skill_id))
        missing.sort(key=lambda m: (-m.importance, m.skill_id))
        coverage = round(sum(m.points for m in matched), 1)
        evidence = _evidence(coverage, skill_share, text, occupation, has_degree, leaving)
        score = round(sum(e.points for e in evidence), 1)
        if score > 100.0 or score < 0.0:
            bound = 100.0 if score > 100.0 else 0.0
            evidence.append(
                FitEvidence(kind="skills", label="capped", points=round(bound - score, 1))
            )
            score = bound
        return OccupationFit(
            id=occupation.id,
            code=occupation.soc_code,
            title=occupation.name,
            score=score,
            skill_coverage=coverage,
            evidence=evidence,
            matched=matched,
            missing=missing,
            next_steps=self.next_steps(occupation, credits) if explain else [],
            employers=self._hiring.get(occupation.id, []),
            job_zone=occupation.job_zone,
            typical_education=occupation.typical_education,
            needs_degree=occupation.needs_degree,
            url=occupation.cite_url,
        )

    def next_steps(self, occupation: Occupation, credits: dict[str, Credit]) -> list[NextStep]:
        """Up to three credentials that close the most valuable gaps, chosen greedily."""
        total = sum(r.importance for r in occupation.skills) or 1.0
        gap = {
            r.skill: 100.0 * r.importance / total * (EARNED_WEIGHT - credits[r.skill].value)
            if r.skill in credits
            else 100.0 * r.importance / total * EARNED_WEIGHT
            for r in occupation.skills
        }
        gap = {k: v for k, v in gap.items() if v > 0}
        candidates = {c.id: c for s in gap for c in self._teaches.get(s, [])}
        chosen: list[NextStep] = []
        while candidates and len(chosen) < MAX_NEXT_STEPS:

            def value(c: CredentialProgram) -> tuple[float, int, str]:
                gain = sum(gap.get(s, 0.0) for s in set(c.skills))
                return (-round(gain, 6), 0 if occupation.id in c.occupations else 1, c.id)

            best = min(candidates.values(), key=value)
            covered = sorted({s for s in best.skills if gap.get(s, 0.0) > 0})
            gain = sum(gap[s] for s in covered)
            if gain <= 0:
                break
            chosen.append(
                NextStep(
                    credential_id=best.id,
                    name=best.name,
                    issuer=best.issuer,
                    credential_type=best.credential_type,
                    covers=[self._name(s) for s in covered],
                    gain=round(gain, 1),
                    url=best.cite_url,
                )
            )
            for s in covered:
                gap[s] = 0.0
            del candidates[best.id]
        return chosen

    def rank_occupations(
        self,
        signals: Sequence[SkillSignal],
        k: int = 10,
        *,
        major_groups: Sequence[str] | None = None,
        education: Sequence[str] | None = None,
        text_evidence: dict[str, TextEvidence] | None = None,
        has_degree: bool | None = None,
        leaving: set[str] | frozenset[str] = frozenset(),
    ) -> list[OccupationFit]:
        """The ``k`` best-fitting occupations, by (score desc, id asc).

        Args:
            text_evidence: titles, tasks, tools, credentials and military codes found in the
                learner's own words, per occupation id (see ``text_evidence.py``).
            has_degree: False when the learner's records show no bachelor's degree; occupations
                that usually need one then lose points, and say so.
            leaving: occupations the learner does now and wants to move on from.
        """
        credits = self.credits(signals, self._required)
        evidence = text_evidence or {}
        share = SKILL_SHARE_WITH_TEXT if evidence else 1.0
        pool = [
            o
            for o in self.occupations
            if (not major_groups or o.major_group in major_groups)
            and (not education or o.typical_education in education)
        ]

        quick = [
            (
                self.quick_score(
                    o, credits, evidence.get(o.id), share, has_degree, o.id in leaving
                ),
                o.id,
            )
            for o in pool
        ]
        quick.sort(key=lambda p: (-p[0], p[1]))
        fits = [
            self.fit(
                self._occupation[oid],
                credits,
                text=evidence.get(oid),
                skill_share=share,
                has_degree=has_degree,
                leaving=oid in leaving,
            )
            for score, oid in quick[:k]
            if score > 0
        ]
        if has_degree is not False:
            return fits
        scores = {oid: score for score, oid in quick}

        def score_of(occupation: Occupation) -> float:
            if occupation.id not in scores:
                scores[occupation.id] = self.quick_score(
                    occupation, credits, evidence.get(occupation.id), share, has_degree
                )
            return scores[occupation.id]

        return [
            fit.model_copy(update={"stepping_stone": self.stepping_stone(fit, score_of)})
            if fit.needs_degree
            else fit
            for fit in fits
        ]

    def stepping_stone(
        self, fit: OccupationFit, score_of: Callable[[Occupation], float]
    ) -> SteppingStone | None:
        """The best-fitting occupation reachable without a degree among those related to
        ``fit``'s occupation or in its SOC minor group ("13-1": business operations)."""
        occupation = self._occupation.get(fit.id)
        if occupation is None:
            return None
        related = {r for r in occupation.related_occupations if r in self._occupation}
        candidates = [
            o
            for o in self.occupations
            if not o.needs_degree
            and o.id != occupation.id
            and (o.id in related or o.soc_code[:4] == occupation.soc_code[:4])
        ]
        if not candidates:
            return None
        # Related occupations first among equals: the data names them as the next door.
        best = min(candidates, key=lambda o: (-score_of(o), o.id not in related, o.id))
        return SteppingStone(
            id=best.id,
            code=best.soc_code,
            title=best.name,
            score=round(score_of(best), 1),
            typical_education=best.typical_education,
        )

    def quick_score(
        self,
        occupation: Occupation,
        credits: dict[str, Credit],
        text: TextEvidence | None,
        skill_share: float,
        has_degree: bool | None,
        leaving: bool = False,
    ) -> float:
        """The score ``fit`` would give, computed without building the explanation."""
        shares = self._shares.get(occupation.id)
        if shares is None:
            total = sum(r.importance for r in occupation.skills) or 1.0
            shares = [(r.skill, 100.0 * r.importance / total) for r in occupation.skills]
            self._shares[occupation.id] = shares
        coverage = round(
            sum(
                round(share * credits[skill].value, 1)
                for skill, share in shares
                if skill in credits
            ),
            1,
        )
        points = sum(
            p
            for _, _, p in _evidence_parts(
                coverage, skill_share, text, occupation, has_degree, leaving
            )
        )
        return min(100.0, max(0.0, round(points, 1)))

    # ------------------------------------------------------------------ employers
    def rank_employers(self, signals: Sequence[SkillSignal], k: int = 10) -> list[EmployerFit]:
        credits = self.credits(signals, self._required)
        learner = {s.skill_id: s for s in signals}
        fits: list[EmployerFit] = []
        scores: dict[str, float] = {}
        for employer in self.employers:
            for occupation_id in employer.occupations:
                if occupation_id in self._occupation and occupation_id not in scores:
                    scores[occupation_id] = self.quick_score(
                        self._occupation[occupation_id], credits, None, 1.0, None
                    )
            options = [(scores[o], o) for o in employer.occupations if o in scores]
            best_score, best_id = max(options, default=(0.0, None))
            best = _Best(best_id, best_score) if best_id else None
            emphasised = sorted(set(employer.skills))
            have = [s for s in emphasised if s in learner]
            coverage = sum(learner[s].weight for s in have) / len(emphasised) if emphasised else 0.0
            occupation_points = round(EMPLOYER_OCCUPATION_SHARE * (best.score if best else 0.0), 1)
            skill_points = round((1 - EMPLOYER_OCCUPATION_SHARE) * 100 * coverage, 1)
            score = round(occupation_points + skill_points, 1)
            if score <= 0:
                continue
            fits.append(
                EmployerFit(
                    id=employer.id,
                    name=employer.name,
                    score=score,
                    best_occupation=best.id if best and best.score > 0 else None,
                    occupation_points=occupation_points,
                    skill_points=skill_points,
                    matched_skills=[self._name(s) for s in have],
                    degree_optional=employer.degree_optional,
                    practice=employer.practice,
                    url=employer.cite_url,
                )
            )
        fits.sort(key=lambda f: (-f.score, f.id))
        return fits[:k]

    def match(self, signals: Sequence[SkillSignal], k: int = 10) -> MatchResult:
        return MatchResult(
            occupations=self.rank_occupations(signals, k),
            employers=self.rank_employers(signals, k),
            signals=list(signals),
        )

    def _name(self, skill_id: str) -> str:
        skill = self.vocabulary.get(skill_id)
        return skill.name if skill else skill_id


def _quote(items: Sequence[str], limit: int = 3) -> str:
    return ", ".join(f"“{i}”" for i in items[:limit])


def _evidence(
    coverage: float,
    skill_share: float,
    text: TextEvidence | None,
    occupation: Occupation,
    has_degree: bool | None,
    leaving: bool = False,
) -> list[FitEvidence]:
    """Score components, each with the words or records that produced it."""
    return [
        FitEvidence(kind=kind, label=label(), points=points)  # type: ignore[arg-type]
        for kind, label, points in _evidence_parts(
            coverage, skill_share, text, occupation, has_degree, leaving
        )
    ]


def _evidence_parts(
    coverage: float,
    skill_share: float,
    text: TextEvidence | None,
    occupation: Occupation,
    has_degree: bool | None,
    leaving: bool = False,
) -> list[tuple[str, Callable[[], str], float]]:
    """(kind, label maker, points) per component; labels are only written when shown."""
    parts: list[tuple[str, Callable[[], str], float]] = [
        (
            "skills",
            lambda: (
                f"skills you have cover {coverage:.0f}% of what the work needs"
                + (f" (counted at {skill_share:.0%})" if skill_share != 1.0 else "")
            ),
            round(coverage * skill_share, 1),
        )
    ]
    if text is not None:
        if text.titles:
            longest = max(len(t.split()) for t in text.titles)
            parts.append(
                (
                    "title",
                    lambda: f"you wrote {_quote(text.titles)}",
                    TITLE_POINTS if longest > 1 else SHORT_TITLE_POINTS,
                )
            )
        if text.relevance > 0:
            parts.append(
                (
                    "tasks",
                    lambda: (
                        (
                            f"what you wrote reads like this work ({_quote(text.shared_words)}"
                            if text.shared_words
                            else "what you wrote is close in meaning to this work ("
                        )
                        + f"; text match {text.relevance:.0%}, 100% is the closest of all)"
                    ),
                    round(RELEVANCE_POINTS * text.relevance, 1),
                )
            )
        if text.military:
            parts.append(
                (
                    "military",
                    lambda: f"military occupation “{text.military[0]}” crosswalks to it",
                    MILITARY_POINTS,
                )
            )
        if text.credentials:
            parts.append(
                ("credential", lambda: f"{_quote(text.credentials)} leads to it", CREDENTIAL_POINTS)
            )
        strength = text.task_strength
        if strength > TASK_FLOOR:
            scale = min(1.0, (strength - TASK_FLOOR) / (TASK_CEILING - TASK_FLOOR))
            tasks = text.tasks
            parts.append(
                (
                    "tasks",
                    lambda: "; ".join(
                        f"“{mine}” ≈ {task}"
                        for mine, task, _ in sorted(tasks, key=lambda t: (-t[2], t[1]))[:2]
                    ),
                    round(TASK_POINTS * scale, 1),
                )
            )
        if text.tools:
            parts.append(
                (
                    "tasks",
                    lambda: f"tools you named: {_quote(text.tools)}",
                    min(TOOL_CAP, TOOL_POINTS * len(text.tools)),
                )
            )
    if leaving:
        parts.append(
            (
                "change",
                lambda: "this looks like the work you do now, and you want a change",
                -CHANGE_PENALTY,
            )
        )
    if has_degree is False and occupation.needs_degree:
        graduate = occupation.typical_education in ("master", "doctoral")
        parts.append(
            (
                "degree",
                lambda: (
                    (
                        "usually needs a graduate degree"
                        if graduate
                        else "usually needs a bachelor's degree"
                    )
                    + ", which your records do not show"
                ),
                -DEGREE_PENALTY * (2 if graduate else 1),
            )
        )
    return parts
