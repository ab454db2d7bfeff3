"""Turn knowledge items into searchable documents.

Short items become one document. Long items (stakeholder groups, topics) are split by section,
so a question about "employers gathering data on impact" meets that section rather than a
whole page; each chunk keeps its parent's id, kind and URL and a title "Parent — Section".
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from ler_navigator.models.knowledge import (
    ActionArea,
    CredentialProgram,
    Employer,
    GlossaryTerm,
    Initiative,
    KnowledgeItem,
    Occupation,
    Organization,
    Principle,
    Resource,
    Skill,
    Stakeholder,
    Topic,
    slugify,
)

TITLE_SEPARATOR = " — "
# Items tagged so are the project's own practical guides; the map's pages say the same things
# with authority, so a guide yields to them when both fit a question.
GUIDE_TAG = "how-to"
# The LER Ecosystem Map is the knowledge base's primary source: its own pages, terms,
# resources and contributors come first when another item fits a question about as well.
MAP_HOST = "lermap.t3networkhub.org"


def from_map(item: KnowledgeItem) -> bool:
    """True for the map's own content (not the project's guides or the wider ecosystem)."""
    if GUIDE_TAG in item.tags:
        return False
    if isinstance(item, Organization) and item.map_contributor:
        return True
    return any(url is not None and url.host == MAP_HOST for url in (item.url, item.source_url))


STAGE_TITLES = {
    "developing": "Developing",
    "issuing": "Issuing",
    "using": "Using",
    "adopting": "Adopting",
}


class IndexDocument(BaseModel):
    """One unit of retrieval: a whole item or one section of it."""

    model_config = ConfigDict(frozen=True)

    id: str
    parent_id: str
    kind: str
    title: str
    url: str
    text: str
    section: str | None = None
    stakeholder_groups: tuple[str, ...] = ()
    guide: bool = False
    from_map: bool = False

    @property
    def metadata(self) -> dict[str, str]:
        """Flat metadata for the vector store (Chroma accepts scalars only)."""
        return {
            "parent_id": self.parent_id,
            "kind": self.kind,
            "title": self.title,
            "url": self.url,
            "section": self.section or "",
            "stakeholder_groups": ",".join(self.stakeholder_groups),
        }


def documents_for(
    items: Iterable[KnowledgeItem], action_titles: dict[str, str]
) -> list[IndexDocument]:
    """All documents for ``items``, sorted by id.

    Args:
        items: validated knowledge items.
        action_titles: action-area key -> the area's title, used to name stakeholder sections.
    """
    docs: list[IndexDocument] = []
    for item in items:
        docs.extend(_documents_for_item(item, action_titles))
    docs.sort(key=lambda d: d.id)
    return docs


def _header(item: KnowledgeItem) -> str:
    names = [item.name, *item.aliases]
    header = ". ".join(dict.fromkeys(names))
    if item.tags:
        # Tags are the item's topic words ("c-ben", "interoperability-principle").
        header += ". Topics: " + ", ".join(t.replace("-", " ") for t in item.tags)
    return header


def _doc(
    item: KnowledgeItem,
    text: str,
    *,
    section: str | None = None,
    groups: Iterable[str] = (),
) -> IndexDocument:
    title = item.name if section is None else f"{item.name}{TITLE_SEPARATOR}{section}"
    doc_id = item.id if section is None else f"{item.id}#{slugify(section)}"
    return IndexDocument(
        id=doc_id,
        parent_id=item.id,
        kind=item.kind,
        title=title,
        url=item.cite_url,
        text=text.strip(),
        section=section,
        stakeholder_groups=tuple(sorted(set(groups))),
        guide=GUIDE_TAG in item.tags,
        from_map=from_map(item),
    )


def _documents_for_item(item: KnowledgeItem, action_titles: dict[str, str]) -> list[IndexDocument]:
    head = _header(item)
    if isinstance(item, Stakeholder):
        return _stakeholder_documents(item, head, action_titles)
    if isinstance(item, Topic):
        docs = [_doc(item, f"{head}. {item.body}")]
        for section in item.sections:
            docs.append(
                _doc(
                    item, f"{section.heading}. {item.name}. {section.text}", section=section.heading
                )
            )
        return docs
    if isinstance(item, Resource):
        text = f"{head}. {item.body} By {item.author}. Topics: {', '.join(item.topics)}."
        if item.year:
            text += f" Published {item.year}."
        return [_doc(item, text)]
    if isinstance(item, Organization | Initiative):
        return [_doc(item, f"{head}. {item.body}", groups=item.stakeholder_groups)]
    if isinstance(item, ActionArea):
        former = f" Formerly called {item.former_name}." if item.former_name else ""
        return [_doc(item, f"{head}. Action area. {item.body}{former}")]
    if isinstance(item, Principle):
        return [_doc(item, f"{head}. Interoperability principle. {item.body}")]
    if isinstance(item, GlossaryTerm):
        return [_doc(item, f"{head}. {item.body}")]
    if isinstance(item, Skill):
        return [_doc(item, f"{head}. {item.body}")]
    if isinstance(item, Occupation):
        text = (
            f"{head}. Also called: {', '.join(item.alternate_titles)}. {item.body} "
            f"Tasks: {'; '.join(item.tasks)}. Tools: {', '.join(item.tools)}."
        )
        return [_doc(item, text)]
    if isinstance(item, CredentialProgram):
        kind = item.credential_type.replace("_", " ")
        return [_doc(item, f"{head}. {kind} from {item.issuer}. {item.body}")]
    if isinstance(item, Employer):
        return [_doc(item, f"{head}. Employer. {item.practice} {item.body}")]
    return [_doc(item, f"{head}. {item.body}")]


def _stakeholder_documents(
    item: Stakeholder, head: str, action_titles: dict[str, str]
) -> list[IndexDocument]:
    groups = (item.id,)
    overview = f"{head}. {item.body} Examples: {', '.join(item.examples)}."
    docs = [_doc(item, overview, groups=groups)]
    for stage in item.stages:
        name = STAGE_TITLES[stage.stage]
        text = f"{item.name} {name.lower()} LERs: {stage.summary}. " + " ".join(stage.roles)
        docs.append(_doc(item, text, section=name, groups=groups))
    for area in item.action_areas:
        title = action_titles.get(area.area, area.area.title())
        text = f"{item.name}: {title}. " + " ".join(area.actions)
        docs.append(_doc(item, text, section=title, groups=groups))
    if item.quote:
        text = f"{item.name}: quote from {item.quote.speaker}. {item.quote.summary}"
        docs.append(_doc(item, text, section="Quote", groups=groups))
    if item.business_case:
        text = f"{item.name} business case. " + " ".join(
            f"{p.title}: {p.description}" for p in item.business_case
        )
        docs.append(_doc(item, text, section="Business Case", groups=groups))
    if item.social_case:
        text = f"{item.name} social case. " + " ".join(
            f"{p.title}: {p.description}" for p in item.social_case
        )
        docs.append(_doc(item, text, section="Social Case", groups=groups))
    return docs
