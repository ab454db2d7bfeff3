"""Assemble an ``AdvisingReport`` from what the service already computed.

Nothing here fetches or sends anything: the report is built from the learner's uploads (as
read and verified by the service), the matcher's result and a search of the knowledge base.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ler_navigator.matching.evidence import TRUST_LABEL
from ler_navigator.models.chat import Citation
from ler_navigator.models.fit import MatchResult, NextStep, OccupationFit, SkillSignal
from ler_navigator.models.knowledge import Resource
from ler_navigator.models.ler import EducationEntry, EmploymentEntry, LearnerProfile
from ler_navigator.models.records import UploadedRecord
from ler_navigator.models.verification import (
    SignatureVerdict,
    StatusVerdict,
    ValidityVerdict,
    VerificationResult,
)
from ler_navigator.report.model import (
    AdvisingReport,
    CredentialEntry,
    EmployerEntry,
    LearnerSection,
    NextStepEntry,
    PathwayEntry,
    ReportSkill,
    ResourceEntry,
    UnreadFile,
)

if TYPE_CHECKING:
    from ler_navigator.service import NavigatorService

MIN_RESOURCES = 3
MAX_RESOURCES = 5
SUMMARY_CHARS = 220
# Used only when neither a pathway nor a skill gives the resource search anything to go on.
FALLBACK_RESOURCE_QUERY = "learning and employment records skills-based hiring career navigation"

EDUCATION_WORDS: dict[str, str] = {
    "none": "No formal education credential",
    "high_school": "High school diploma or equivalent",
    "postsecondary_certificate": "Postsecondary certificate",
    "some_college": "Some college, no degree",
    "associate": "Associate degree",
    "bachelor": "Bachelor's degree",
    "master": "Master's degree",
    "doctoral": "Doctoral or professional degree",
}

NOT_CHECKED = "Not checked"
NOT_CHECKED_DETAILS = "The file was read, but it holds no signed credential that could be checked."


def build_report(
    service: NavigatorService,
    records: Sequence[UploadedRecord],
    profile: LearnerProfile,
    *,
    notes: str = "",
    learner_name: str | None = None,
    today: dt.date,
    k: int = 5,
) -> AdvisingReport:
    """The advising summary for ``profile``: pathways, next steps, employers and resources.

    Args:
        service: supplies matching, the knowledge base and resource search.
        records: the uploads as the service read and verified them (for the credential list).
        profile: the learner's profile; only what the learner chose to share is used.
        notes: the navigator's own notes, printed as written.
        learner_name: shown in the title when given.
        today: the report's date (passed in so that the same input gives the same report).
        k: how many pathways and employers to list.
    """
    shared = profile.shared()
    result = service.match(shared, k=k)
    citations = _Citations()
    pathways = [
        _pathway(rank, fit, citations) for rank, fit in enumerate(result.occupations[:k], start=1)
    ]
    next_steps = _next_steps(result.occupations[:k], service, citations)
    employers = _employers(result, k, service, citations)
    resources = _resources(service, result, citations)
    name = (learner_name or "").strip() or None
    return AdvisingReport(
        title=f"Advising summary for {name}" if name else "Advising summary",
        date=today,
        learner=_learner(shared, result.signals, name),
        credentials=_credentials(records, profile),
        unread_files=[
            UnreadFile(file=r.file, message=r.error.message, hint=r.error.hint)
            for r in _unique_records(records)
            if r.error is not None
        ],
        pathways=pathways,
        next_steps=next_steps,
        employers=employers,
        resources=resources,
        notes=notes.strip(),
        citations=citations.all(),
    )


# ------------------------------------------------------------------ citations
class _Citations:
    """Numbers sources in order of first use; an item cited twice keeps its first number."""

    def __init__(self) -> None:
        self._by_id: dict[str, Citation] = {}

    def cite(self, item_id: str, kind: str, title: str, url: str) -> Citation:
        if item_id not in self._by_id:
            self._by_id[item_id] = Citation(
                number=len(self._by_id) + 1, id=item_id, kind=kind, title=title, url=url
            )
        return self._by_id[item_id]

    def cite_item(
        self, service: NavigatorService, item_id: str, kind: str, title: str, url: str
    ) -> Citation:
        """Cite a knowledge item by its own name and link, or by the given ones if it is gone."""
        item = service.kb.get(item_id)
        if item is not None:
            title, url = item.name, item.cite_url
        return self.cite(item_id, kind, title, url)

    def all(self) -> list[Citation]:
        return sorted(self._by_id.values(), key=lambda c: c.number)


# ------------------------------------------------------------------ learner and credentials
def _learner(
    profile: LearnerProfile, signals: Sequence[SkillSignal], name: str | None
) -> LearnerSection:
    skills = [
        ReportSkill(
            name=s.name,
            trust=TRUST_LABEL.get(s.trust, s.trust),
            evidence=list(s.sources),
        )
        for s in sorted(signals, key=lambda s: (s.name.casefold(), s.skill_id))
    ]
    return LearnerSection(
        name=name,
        files=list(profile.files),
        skills=skills,
        unrecognized_skills=list(profile.unrecognized_skills),
        employment=[_employment_line(e) for e in profile.employment],
        education=[_education_line(e) for e in profile.education],
        warnings=list(profile.warnings),
    )


def _dates(start: str | None, end: str | None, current: bool | None = None) -> str:
    finish = "present" if current and not end else end
    if start and finish:
        return f" ({start} to {finish})"
    if start or finish:
        return f" ({start or finish})"
    return ""


def _employment_line(entry: EmploymentEntry) -> str:
    what = ", ".join(p for p in (entry.title, entry.organization) if p) or "Position"
    return what + _dates(entry.start, entry.end, entry.current)


def _education_line(entry: EducationEntry) -> str:
    degree = entry.degree
    if entry.field_of_study:
        degree = f"{degree} in {entry.field_of_study}" if degree else entry.field_of_study
    what = ", ".join(p for p in (degree, entry.institution) if p) or "Studies"
    return what + _dates(entry.start, entry.end)


def _unique_records(records: Sequence[UploadedRecord]) -> list[UploadedRecord]:
    seen: set[str] = set()
    unique = []
    for record in records:
        if record.sha256 not in seen:
            seen.add(record.sha256)
            unique.append(record)
    return unique


def _credentials(
    records: Sequence[UploadedRecord], profile: LearnerProfile
) -> list[CredentialEntry]:
    excluded = {a.id for a in profile.achievements if a.excluded}
    entries = []
    for record in _unique_records(records):
        if record.parsed is None:
            continue
        by_path = {v.json_path: v for v in record.verifications}
        for credential in record.parsed.credentials:
            achievements = [
                a
                for a in record.parsed.achievements
                if a.credential_key == credential.key
                and (a.source.json_path or "$").startswith(credential.json_path)
            ]
            # A credential the learner chose not to share stays out of the report.
            if achievements and all(a.id in excluded for a in achievements):
                continue
            title = credential.name or next(
                (a.title for a in achievements if a.title), "Untitled credential"
            )
            issuer = credential.issuer.name or credential.issuer.id if credential.issuer else None
            verification = by_path.get(credential.json_path)
            entries.append(
                CredentialEntry(
                    file=record.file,
                    title=title,
                    issuer=issuer,
                    format=record.parsed.format,
                    status=verification_status(verification) if verification else NOT_CHECKED,
                    details=verification.summary if verification else NOT_CHECKED_DETAILS,
                    trust=verification.trust.value if verification else None,
                )
            )
    return entries


def verification_status(result: VerificationResult) -> str:
    """A short verdict a learner understands, e.g. 'Verified' or 'Not signed; expired'."""
    if result.status.verdict == StatusVerdict.REVOKED:
        verdict = "Revoked by the issuer"
    elif result.status.verdict == StatusVerdict.SUSPENDED:
        verdict = "Suspended by the issuer"
    elif result.signature.verdict == SignatureVerdict.INVALID:
        verdict = "Failed: the signature does not match"
    elif result.signature.verdict == SignatureVerdict.VALID:
        verdict = "Verified" if result.issuer.key_bound else "Signed; issuer's key not confirmed"
    elif result.signature.verdict == SignatureVerdict.NO_PROOF:
        verdict = "Not signed"
    else:
        verdict = "Could not be checked offline"
    if result.validity.verdict == ValidityVerdict.EXPIRED:
        verdict += "; expired"
    elif result.validity.verdict == ValidityVerdict.NOT_YET_VALID:
        verdict += "; not valid yet"
    return verdict


# ------------------------------------------------------------------ pathways and next steps
def _pathway(rank: int, fit: OccupationFit, citations: _Citations) -> PathwayEntry:
    return PathwayEntry(
        rank=rank,
        occupation_id=fit.id,
        title=fit.title,
        code=fit.code,
        score=fit.score,
        matched=[m.name for m in fit.matched],
        missing=[m.name for m in fit.missing],
        typical_education=EDUCATION_WORDS.get(fit.typical_education, fit.typical_education),
        stepping_stone=(
            f"{fit.stepping_stone.title} ({fit.stepping_stone.code})"
            if fit.stepping_stone
            else None
        ),
        citation=citations.cite(
            fit.id, "occupation", f"{fit.title} (O*NET-SOC {fit.code})", fit.url
        ),
    )


@dataclass
class _StepDraft:
    """A next step gathered across pathways: what it covers and whom it helps."""

    step: NextStep
    covers: list[str] = field(default_factory=list)
    gain: float = 0.0
    pathways: list[str] = field(default_factory=list)


def _next_steps(
    fits: Sequence[OccupationFit], service: NavigatorService, citations: _Citations
) -> list[NextStepEntry]:
    drafts: dict[str, _StepDraft] = {}
    for fit in fits:
        for step in fit.next_steps:
            draft = drafts.setdefault(step.credential_id, _StepDraft(step))
            draft.covers.extend(c for c in step.covers if c not in draft.covers)
            draft.gain = max(draft.gain, step.gain)
            if fit.title not in draft.pathways:
                draft.pathways.append(fit.title)
    ordered = sorted(drafts.values(), key=lambda d: (-round(d.gain, 6), d.step.credential_id))
    return [
        NextStepEntry(
            credential_id=d.step.credential_id,
            name=d.step.name,
            issuer=d.step.issuer,
            credential_type=d.step.credential_type.replace("_", " "),
            covers=d.covers,
            gain=d.gain,
            pathways=d.pathways,
            citation=citations.cite_item(
                service, d.step.credential_id, "credential", d.step.name, d.step.url
            ),
        )
        for d in ordered
    ]


# ------------------------------------------------------------------ employers and resources
def _employers(
    result: MatchResult, k: int, service: NavigatorService, citations: _Citations
) -> list[EmployerEntry]:
    entries = []
    for fit in result.employers[:k]:
        best = service.kb.get(fit.best_occupation) if fit.best_occupation else None
        entries.append(
            EmployerEntry(
                employer_id=fit.id,
                name=fit.name,
                score=fit.score,
                matched_skills=list(fit.matched_skills),
                degree_optional=fit.degree_optional,
                practice=fit.practice,
                best_pathway=best.name if best is not None else None,
                citation=citations.cite_item(service, fit.id, "employer", fit.name, fit.url),
            )
        )
    return entries


def resource_query(result: MatchResult) -> str:
    """What to search resources with: the top pathway's title and the learner's skills."""
    strongest = sorted(result.signals, key=lambda s: (-s.weight, s.name.casefold(), s.skill_id))
    parts = [result.occupations[0].title] if result.occupations else []
    parts += [s.name for s in strongest[:8]]
    return " ".join(parts) or FALLBACK_RESOURCE_QUERY


def _resources(
    service: NavigatorService, result: MatchResult, citations: _Citations
) -> list[ResourceEntry]:
    picked: list[Resource] = []
    for query in (resource_query(result), FALLBACK_RESOURCE_QUERY):
        for hit in service.search(query, MAX_RESOURCES, kinds=["resource"]):
            item = service.kb.get(hit.parent_id)
            if isinstance(item, Resource) and all(p.id != item.id for p in picked):
                picked.append(item)
        if len(picked) >= MIN_RESOURCES:
            break
    return [
        ResourceEntry(
            resource_id=item.id,
            title=item.name,
            author=item.author,
            year=item.year,
            summary=_first_sentence(item.body),
            citation=citations.cite(item.id, "resource", item.name, item.cite_url),
        )
        for item in picked[:MAX_RESOURCES]
    ]


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    if len(sentence) <= SUMMARY_CHARS:
        return sentence
    cut = sentence[:SUMMARY_CHARS].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


__all__ = ["build_report", "resource_query", "verification_status"]
