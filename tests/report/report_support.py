"""Paths, inputs and a hand-made report shared by the report tests."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ler_navigator.models.chat import Citation
from ler_navigator.report import AdvisingReport
from ler_navigator.report.model import (
    CredentialEntry,
    EmployerEntry,
    LearnerSection,
    NextStepEntry,
    PathwayEntry,
    ReportSkill,
    ResourceEntry,
)
from ler_navigator.settings import PACKAGE_ROOT

SHARED = PACKAGE_ROOT.parent / "shared" / "fixtures"
CREDENTIALS = SHARED / "credentials"
CONTEXTS = SHARED / "contexts"
TODAY = dt.date(2026, 11, 29)
NOW = dt.datetime(2026, 11, 29, 12, tzinfo=dt.UTC)

UPLOADS = {
    "valid": "ob3/dcc-v2-ed25519-didkey-valid.json",
    "tampered": "ob3/dcc-v2-ed25519-didkey-tampered.json",
    "expired": "ob3/1edtech-validator-ob3-err-expired.json",
    "clr": "clr2/1edtech-validator-clr2-complex-v1-ed25519.json",
    "broken": "ob2/mozilla-bakery-bad-json.svg",
}
TYPED_SKILLS = "welding, blueprint reading, forklift operation"
LEARNER = "Zoë Müller"
NOTES = "Call José next week — he’ll confirm the evening welding class."

needs_fixtures = pytest.mark.skipif(
    not CREDENTIALS.exists(), reason="shared credential fixtures are not available"
)


def squash(text: str) -> str:
    """Text without any whitespace, so that wrapped PDF lines compare equal to the original."""
    return re.sub(r"\s+", "", text)


def _cite(number: int, kind: str, title: str) -> Citation:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return Citation(
        number=number,
        id=f"{kind}:{slug}",
        kind=kind,
        title=title,
        url=f"https://example.org/{kind}/{slug}",
    )


def sample_report() -> AdvisingReport:
    """A made-up report (example.org links) with every section filled and awkward characters."""
    cites = [
        _cite(1, "occupation", "Welders | Cutters *and* Brazers (O*NET-SOC 51-4121.00)"),
        _cite(2, "credential", "Welding Certificate"),
        _cite(3, "employer", "Example Fabrication"),
        _cite(4, "resource", "A Guide to Skills-Based Hiring"),
    ]
    return AdvisingReport(
        title="Advising summary for Zoë Müller",
        date=TODAY,
        learner=LearnerSection(
            name="Zoë Müller",
            files=["badge.json"],
            skills=[ReportSkill(name="Welding", trust="typed by you", evidence=[])],
            unrecognized_skills=["underwater basket weaving"],
            employment=["Welder helper, Example Shop (2024 to present)"],
            education=["Certificate in Welding, Example College"],
        ),
        credentials=[
            CredentialEntry(
                file="badge.json",
                title="Welding Basics — Level 1",
                issuer="Example College",
                format="ob3",
                status="Verified",
                details="Signed by Example College and unchanged since it was issued.",
                trust="verified",
            )
        ],
        pathways=[
            PathwayEntry(
                rank=1,
                occupation_id="occupation:welders",
                title="Welders | Cutters *and* Brazers",
                code="51-4121.00",
                score=42.5,
                matched=["Welding"],
                missing=[f"Skill {n}" for n in range(12)],
                typical_education="High school diploma or equivalent",
                citation=cites[0],
            )
        ],
        next_steps=[
            NextStepEntry(
                credential_id="credential:welding-certificate",
                name="Welding Certificate",
                issuer="Example College",
                credential_type="certificate",
                covers=["Skill 0", "Skill 1"],
                gain=12.5,
                pathways=["Welders | Cutters *and* Brazers"],
                citation=cites[1],
            )
        ],
        employers=[
            EmployerEntry(
                employer_id="employer:example-fabrication",
                name="Example Fabrication",
                score=33.3,
                matched_skills=["Welding"],
                degree_optional=True,
                practice="Hires welders on a skills test instead of a diploma.",
                best_pathway="Welders | Cutters *and* Brazers",
                citation=cites[2],
            )
        ],
        resources=[
            ResourceEntry(
                resource_id="resource:a-guide-to-skills-based-hiring",
                title="A Guide to Skills-Based Hiring",
                author="Example Institute",
                year=2024,
                summary="Shows employers how to hire on skills.",
                citation=cites[3],
            )
        ],
        notes="First paragraph — with a dash.\n\nSecond paragraph: 東京 😀 and a tab\there.",
        citations=cites,
    )
