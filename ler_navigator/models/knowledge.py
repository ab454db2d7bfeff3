"""Knowledge-base models: every curated item in ``knowledge/*.yaml`` validates against one of these.

Each YAML file holds one kind of item::

    kind: glossary_term
    items:
      - id: term:comprehensive-learner-record
        name: Comprehensive Learner Record (CLR)
        ...

Descriptions (``body``, ``summary`` and similar prose) are written in the project's own words;
names, titles, URLs, codes and dates carry over exactly from the cited source.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator

ID_PATTERN = r"^[a-z_]+:[a-z0-9][a-z0-9._-]*$"

ItemId = Annotated[str, Field(pattern=ID_PATTERN, description="Stable id: '<prefix>:<slug>'.")]

Kind = Literal[
    "glossary_term",
    "stakeholder",
    "action_area",
    "principle",
    "topic",
    "resource",
    "organization",
    "initiative",
    "skill",
    "occupation",
    "credential",
    "employer",
    "military",
]

# Prefix each kind's ids must carry, so that an id alone says what it points at.
ID_PREFIX: dict[str, str] = {
    "glossary_term": "term",
    "stakeholder": "stakeholder",
    "action_area": "action",
    "principle": "principle",
    "topic": "topic",
    "resource": "resource",
    "organization": "org",
    "initiative": "initiative",
    "skill": "skill",
    "occupation": "occupation",
    "credential": "credential",
    "employer": "employer",
    "military": "military",
}

# Career data: what the matcher scores a learner's profile against.
CAREER_KINDS: tuple[str, ...] = ("occupation", "credential", "employer", "military")

# Kinds that describe the LER ecosystem; the chat's retrieval index covers these by default.
ECOSYSTEM_KINDS: tuple[str, ...] = (
    "glossary_term",
    "stakeholder",
    "action_area",
    "principle",
    "topic",
    "resource",
    "organization",
    "initiative",
)

# Words people use to ask for a kind of item ("which C-BEN principles...", "a white paper
# on..."). Only words that name the kind itself: "pilot" names what an initiative does and
# turns up in questions about who should take part in one.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "principle": ("principle", "principles"),
    "action_area": ("action area", "action areas"),
    "stakeholder": ("stakeholder", "stakeholders", "stakeholder group", "stakeholder groups"),
    "resource": (
        "resource",
        "resources",
        "report",
        "reports",
        "white paper",
        "paper",
        "playbook",
        "toolkit",
        "publication",
        "published",
        "guide",
        "guides",
        "primer",
        "handbook",
        "article",
        "articles",
        "study",
        "studies",
    ),
    "organization": ("organization", "organizations", "organisation", "organisations"),
    "initiative": ("initiative", "initiatives"),
    "glossary_term": ("term", "glossary", "definition", "define"),
}

LifecycleStage = Literal["developing", "issuing", "using", "adopting"]
ActionAreaKey = Literal["promoting", "building", "gathering", "supporting"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class KnowledgeItem(_Strict):
    """Fields shared by every curated item."""

    id: ItemId
    kind: Kind
    name: str = Field(min_length=1, description="Exact public name or title.")
    aliases: list[str] = Field(
        default_factory=list,
        description="Acronyms, former names and common spellings people type.",
    )
    body: str = Field(min_length=20, description="What it is, in the project's own words.")
    url: HttpUrl | None = Field(None, description="The item's own page, where it has one.")
    source_url: HttpUrl = Field(description="Where the facts were taken from.")
    as_of: dt.date = Field(description="When the facts were last checked against the source.")
    related: list[ItemId] = Field(default_factory=list, description="Ids of related items.")
    tags: list[str] = Field(default_factory=list)

    @field_validator("aliases", "tags")
    @classmethod
    def _no_blank(cls, values: list[str]) -> list[str]:
        cleaned = [v.strip() for v in values]
        if any(not v for v in cleaned):
            raise ValueError("blank entries are not allowed")
        return cleaned

    @property
    def cite_url(self) -> str:
        """The link a citation should point a reader to."""
        return str(self.url or self.source_url)


class GlossaryTerm(KnowledgeItem):
    kind: Literal["glossary_term"] = "glossary_term"
    in_map_glossary: bool = Field(
        False,
        description="True when the term is one of the LER Ecosystem Map glossary's own terms.",
    )


class StageRoles(_Strict):
    """What a stakeholder group does in one stage of the LER lifecycle."""

    stage: LifecycleStage
    summary: str = Field(description="The map's one-line description of the stage.")
    roles: list[str] = Field(min_length=1)


class ActionAreaRoles(_Strict):
    area: ActionAreaKey
    actions: list[str] = Field(min_length=1)


class CasePoint(_Strict):
    """One argument of a stakeholder group's business or social case."""

    title: str
    description: str


class Quote(_Strict):
    """A voice the map quotes on a stakeholder page: who said it, and its gist in our words."""

    speaker: str = Field(description="The attribution exactly as the map gives it.")
    summary: str = Field(min_length=20, description="What was said, in our own words.")


class Stakeholder(KnowledgeItem):
    """One of the LER Ecosystem Map's ten stakeholder groups."""

    kind: Literal["stakeholder"] = "stakeholder"
    quote: Quote | None = None
    examples: list[str] = Field(min_length=1)
    stages: list[StageRoles] = Field(description="Roles and workstreams per lifecycle stage.")
    action_areas: list[ActionAreaRoles] = Field(default_factory=list)
    business_case: list[CasePoint] = Field(default_factory=list)
    social_case: list[CasePoint] = Field(default_factory=list)


class ActionArea(KnowledgeItem):
    kind: Literal["action_area"] = "action_area"
    key: ActionAreaKey
    former_name: str | None = Field(None, description="The area's name in version 1 of the map.")


class Principle(KnowledgeItem):
    """One of the C-BEN interoperability principles for LERs."""

    kind: Literal["principle"] = "principle"
    order: int = Field(ge=1)


class TopicSection(_Strict):
    heading: str
    text: str = Field(min_length=20)


class Topic(KnowledgeItem):
    """A page of guidance: lifecycle stages, technical guidance, map versions, how-tos."""

    kind: Literal["topic"] = "topic"
    sections: list[TopicSection] = Field(default_factory=list)


ResourceType = Literal[
    "report",
    "playbook",
    "toolkit",
    "specification",
    "guide",
    "website",
    "article",
    "white_paper",
    "framework",
    "dataset",
]


class Resource(KnowledgeItem):
    kind: Literal["resource"] = "resource"
    author: str
    resource_type: ResourceType
    topics: list[str] = Field(min_length=1)
    year: int | None = Field(None, ge=1990, le=2100)
    on_map: bool = Field(False, description="Listed on the LER Ecosystem Map's resources page.")
    map_category: str | None = None


OrganizationType = Literal[
    "standards_body",
    "nonprofit",
    "government",
    "company",
    "education",
    "coalition",
    "funder",
    "research",
    "consortium",
]


class Organization(KnowledgeItem):
    kind: Literal["organization"] = "organization"
    org_type: OrganizationType
    stakeholder_groups: list[ItemId] = Field(min_length=1)
    map_contributor: bool = Field(False, description="Contributed to the LER Ecosystem Map.")


InitiativeType = Literal[
    "standard",
    "pilot",
    "program",
    "coalition",
    "network",
    "platform",
    "policy",
    "research",
    "registry",
    "framework",
]


class Initiative(KnowledgeItem):
    kind: Literal["initiative"] = "initiative"
    initiative_type: InitiativeType
    stakeholder_groups: list[ItemId] = Field(min_length=1)
    organizations: list[ItemId] = Field(default_factory=list, description="Who leads or runs it.")
    started: int | None = Field(None, ge=1990, le=2100)


SkillCategory = Literal["skill", "knowledge", "technology", "tool", "ability", "work_activity"]


class Skill(KnowledgeItem):
    """An entry of the skills vocabulary shared by LER ingestion and occupation matching.

    ``name`` is the normalized skill name; ``aliases`` hold what people and credentials write
    instead ("Excel" for spreadsheets, "CDL-A" for commercial driving, class A).
    """

    kind: Literal["skill"] = "skill"
    body: str = Field("", description="Optional short description in the project's own words.")
    category: SkillCategory
    onet_element_id: str | None = Field(None, description="O*NET content model element id.")
    broader: list[ItemId] = Field(default_factory=list, description="More general skills.")


SOC_CODE = r"^\d{2}-\d{4}\.\d{2}$"

EducationLevel = Literal[
    "none",
    "high_school",
    "postsecondary_certificate",
    "some_college",
    "associate",
    "bachelor",
    "master",
    "doctoral",
]

RouteType = Literal[
    "registered_apprenticeship",
    "certificate",
    "license",
    "certification",
    "on_the_job_training",
    "associate_degree",
    "bachelor_degree",
    "military",
]


class RequiredSkill(_Strict):
    """A skill an occupation (or employer) needs, with how much it matters."""

    skill: ItemId
    importance: float = Field(ge=0.0, le=1.0, description="0..1; O*NET importance rescaled.")


class Route(_Strict):
    """A way into an occupation, e.g. a registered apprenticeship or a license."""

    route_type: RouteType
    note: str = Field(min_length=5, description="What the route involves, in our words.")
    credentials: list[ItemId] = Field(default_factory=list)


class Occupation(KnowledgeItem):
    """An O*NET-SOC occupation: a pathway a learner could aim for."""

    kind: Literal["occupation"] = "occupation"
    soc_code: str = Field(pattern=SOC_CODE, description="O*NET-SOC 2019 code, e.g. 51-4121.06.")
    job_zone: int | None = Field(None, ge=1, le=5)
    typical_education: EducationLevel
    skills: list[RequiredSkill] = Field(min_length=1)
    tasks: list[str] = Field(default_factory=list, description="Typical tasks, in our words.")
    tools: list[str] = Field(default_factory=list, description="Tools and technology names.")
    alternate_titles: list[str] = Field(default_factory=list)
    routes: list[Route] = Field(default_factory=list)
    related_credentials: list[ItemId] = Field(default_factory=list)
    related_occupations: list[ItemId] = Field(default_factory=list)

    @property
    def major_group(self) -> str:
        """SOC major group: the first two digits of the code."""
        return self.soc_code[:2]

    @property
    def needs_degree(self) -> bool:
        return self.typical_education in ("bachelor", "master", "doctoral")


CredentialType = Literal[
    "certification",
    "license",
    "registered_apprenticeship",
    "certificate",
    "degree",
    "badge",
    "course",
]
CostBand = Literal["free", "under_500", "500_to_5000", "over_5000", "paid_while_learning"]


class CredentialProgram(KnowledgeItem):
    """A credential or program that teaches or certifies skills: the way to close a gap."""

    kind: Literal["credential"] = "credential"
    credential_type: CredentialType
    issuer: str
    skills: list[ItemId] = Field(min_length=1)
    occupations: list[ItemId] = Field(default_factory=list)
    duration: str | None = Field(None, description="Typical time to complete, e.g. '4-12 weeks'.")
    cost_band: CostBand | None = None


class Employer(KnowledgeItem):
    """An employer with public skills-based hiring or LER work."""

    kind: Literal["employer"] = "employer"
    practice: str = Field(min_length=10, description="What they did, in our words.")
    year: int | None = Field(None, ge=1990, le=2100)
    occupations: list[ItemId] = Field(default_factory=list)
    skills: list[ItemId] = Field(default_factory=list)
    programs: list[ItemId] = Field(default_factory=list)
    degree_optional: bool = Field(
        False, description="Publicly dropped four-year degree requirements for some roles."
    )


Branch = Literal["army", "navy", "air_force", "marine_corps", "coast_guard", "space_force"]


class MilitaryOccupation(KnowledgeItem):
    """A military occupation (Army/Marine Corps MOS, Navy/Coast Guard rating, Air Force AFSC)
    and the civilian occupations and skills it leads to."""

    kind: Literal["military"] = "military"
    branch: Branch
    code: str = Field(description="The code as service members write it: 88M, HM, 3D1X2.")
    occupations: list[ItemId] = Field(min_length=1, description="Civilian occupation ids.")
    skills: list[ItemId] = Field(default_factory=list)


AnyItem = Annotated[
    GlossaryTerm
    | Stakeholder
    | ActionArea
    | Principle
    | Topic
    | Resource
    | Organization
    | Initiative
    | Skill
    | Occupation
    | CredentialProgram
    | Employer
    | MilitaryOccupation,
    Field(discriminator="kind"),
]

MODEL_BY_KIND: dict[str, type[KnowledgeItem]] = {
    "glossary_term": GlossaryTerm,
    "stakeholder": Stakeholder,
    "action_area": ActionArea,
    "principle": Principle,
    "topic": Topic,
    "resource": Resource,
    "organization": Organization,
    "initiative": Initiative,
    "skill": Skill,
    "occupation": Occupation,
    "credential": CredentialProgram,
    "employer": Employer,
    "military": MilitaryOccupation,
}


def slugify(text: str) -> str:
    """Lower-case ASCII slug used in ids: 'Open Badges 3.0' -> 'open-badges-3.0'."""
    slug = re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-.")
    return re.sub(r"-{2,}", "-", slug)
