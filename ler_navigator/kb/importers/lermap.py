"""Import the live LER Ecosystem Map repository into the ``lermap`` overlay.

Reads a checkout of https://github.com/digitalcredentials/ler-ecosystem-map-v2 (CC0):
``_data/glossary-list.yml``, ``_data/stakeholders-list.yml``, ``_data/action-items-content.yml``,
``_data/resources-list.yml`` and the principles on ``technical-guidance.md``.

Which fields the map owns. For an item the project already curates, the overlay sets only
facts the map states, so the curated prose stays:

- glossary terms: ``name``, ``url`` and ``source_url`` (the map's glossary page),
  ``in_map_glossary``;
- stakeholder groups: ``name``, ``url``/``source_url`` (the group's map page), ``examples``
  (the map's one sentence of examples), ``stages``, ``action_areas``, ``business_case`` and
  ``social_case`` as the map states them;
- action areas: ``name`` (the map's title) and ``key``;
- principles: ``name``, ``order``, ``url`` (Technical Guidance page) and ``source_url`` (the
  principles document the page links to);
- resources: ``name``, ``author``, ``url`` (unless missing, or shared with an entry it
  does not belong to), ``on_map``, ``map_category`` and ``source_url`` (resources page);
- every item: ``as_of`` = the import date.

``body``, ``aliases``, ``related`` and ``tags`` are left to the curated item. An entry the
project does not curate yet becomes a complete item whose ``body`` is the map's own text
(CC0, imported as-is into the data folder at run time, never into ``knowledge/``).

Map quirks handled: HTML entities (``&colon;``, ``&#x3b;``) and ``</p><p>`` in text, trailing
spaces in names, a plain string where a bullet list is expected, an empty action-areas block,
``description:`` instead of ``subheader:`` for stage summaries, a resource without a URL, and
one URL given to two resources.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from ler_navigator.errors import KnowledgeBaseError
from ler_navigator.kb.importers.overlay import (
    ImportOutcome,
    normalize_title,
    read_curated,
    save_import,
)
from ler_navigator.kb.loader import KnowledgeBase, build_knowledge
from ler_navigator.models.knowledge import (
    ActionArea,
    GlossaryTerm,
    KnowledgeItem,
    Resource,
    slugify,
)

SOURCE = "lermap"
MAP_SITE = "https://lermap.t3networkhub.org"
MAP_REPOSITORY = "https://github.com/digitalcredentials/ler-ecosystem-map-v2"
GLOSSARY_PAGE = f"{MAP_SITE}/glossary"
RESOURCES_PAGE = f"{MAP_SITE}/resources"
TECHNICAL_GUIDANCE_PAGE = f"{MAP_SITE}/technical-guidance"
MAP_TAG = "ler-ecosystem-map"

STAGES = ("developing", "issuing", "using", "adopting")
AREA_KEYS = ("promoting", "building", "gathering", "supporting")
# Words kept in lower case inside a title-cased principle name ("Privacy and Security").
SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the"})

_TRAILING_ACRONYM = re.compile(r"\s*\(([^()]+)\)\s*$")
_PRINCIPLE = re.compile(
    r"<p>\s*<strong>(?P<name>[^<]+)</strong>\s*</p>\s*<p>(?P<text>.*?)</p>", re.S | re.I
)
_PRINCIPLES_LINK = re.compile(
    r"<a\s+href\s*=\s*\"(?P<href>[^\"]+)\"[^>]*>\s*Interoperability Principles\s*</a>", re.I
)
_TAG = re.compile(r"<[^>]+>")


def stakeholder_page(slug: str) -> str:
    """The map's page of one stakeholder group."""
    return f"{MAP_SITE}/stakeholder/{slug}"


def clean_text(value: object) -> str:
    """Map text as plain text: entities decoded, HTML paragraphs kept as blank lines."""
    text = html.unescape(str(value or ""))
    paragraphs = re.split(r"</p>\s*<p>|<br\s*/?>", text, flags=re.I)
    cleaned = [" ".join(_TAG.sub(" ", p).split()) for p in paragraphs]
    return "\n\n".join(p for p in cleaned if p)


def term_id(name: str) -> str:
    """Glossary id of a map term: the slug of its name without a trailing '(ACRONYM)'."""
    return "term:" + slugify(_TRAILING_ACRONYM.sub("", name))


def title_case(text: str) -> str:
    """'PRIVACY AND SECURITY' -> 'Privacy and Security'."""
    words = clean_text(text).lower().split()
    return " ".join(
        w if i and w in SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


# ---------------------------------------------------------------- entry point
def import_lermap(
    repo: Path, knowledge_dir: Path, data_dir: Path, *, as_of: dt.date
) -> ImportOutcome:
    """Read the map repository at ``repo`` and write ``<data_dir>/imported/lermap.yaml``.

    Raises:
        KnowledgeBaseError: ``repo`` is not the map repository, a data file cannot be read,
            or the imported items do not validate against the curated knowledge base.
    """
    curated_docs = read_curated(knowledge_dir)
    curated = build_knowledge(curated_docs)
    documents, warnings = parse_lermap(repo, curated, as_of=as_of)
    return save_import(
        SOURCE,
        documents,
        curated_docs=curated_docs,
        data_dir=data_dir,
        tracked=is_map_item,
        warnings=warnings,
    )


def is_map_item(item: KnowledgeItem) -> bool:
    """True for curated items the map is the authority for."""
    if isinstance(item, GlossaryTerm):
        return item.in_map_glossary
    if isinstance(item, Resource):
        return item.on_map
    return item.kind in ("stakeholder", "action_area", "principle")


def parse_lermap(
    repo: Path, curated: KnowledgeBase, *, as_of: dt.date
) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """Overlay items per kind from the map repository, plus warnings about its data."""
    repo = Path(repo)
    data = repo / "_data"
    if not (data / "glossary-list.yml").is_file():
        raise KnowledgeBaseError(
            f"'{repo}' does not look like the LER Ecosystem Map repository "
            "(no _data/glossary-list.yml).",
            hint=f"Clone {MAP_REPOSITORY} and pass its folder.",
        )
    warnings: list[str] = []
    actions = _action_areas(_read(data / "action-items-content.yml"), curated, as_of)
    area_ids = {item["key"]: item["id"] for item in actions}
    documents = {
        "glossary_term": _glossary(_read(data / "glossary-list.yml"), curated, as_of),
        "action_area": actions,
        "stakeholder": _stakeholders(
            _read(data / "stakeholders-list.yml"), curated, area_ids, as_of, warnings
        ),
        "resource": _resources(_read(data / "resources-list.yml"), curated, as_of, warnings),
    }
    guidance = repo / "technical-guidance.md"
    if guidance.is_file():
        documents["principle"] = _principles(guidance.read_text(encoding="utf-8"), curated, as_of)
    else:
        warnings.append("technical-guidance.md is missing: principles were not imported.")
    return {kind: items for kind, items in documents.items() if items}, warnings


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(f"Cannot read the map's data file {path.name}: {exc}") from exc
    if not isinstance(data, dict):
        raise KnowledgeBaseError(f"The map's data file {path.name} is not a YAML mapping.")
    return data


def _entries(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [e for e in data.get(key) or [] if isinstance(e, dict)]


def _bullets(value: object) -> list[str]:
    """A bullet list; the map sometimes gives one plain string instead of a list."""
    if value is None or value == "":
        return []
    values = value if isinstance(value, list) else [value]
    return [text for v in values if (text := clean_text(v))]


def _body(text: str, fallback: str) -> str:
    """The map's text as a body, or a plain statement when the map's text is too short."""
    return text if len(text) >= 20 else f"{fallback} {text}".strip()


def _curated_by_name(curated: KnowledgeBase, kind: str) -> dict[str, str]:
    return {normalize_title(item.name): item.id for item in curated.by_kind(kind)}


# ---------------------------------------------------------------- kinds
def _glossary(data: dict[str, Any], curated: KnowledgeBase, as_of: dt.date) -> list[dict]:
    by_name = _curated_by_name(curated, "glossary_term")
    items: list[dict[str, Any]] = []
    for entry in _entries(data, "terms"):
        name = clean_text(entry.get("term"))
        if not name:
            continue
        item_id = by_name.get(normalize_title(name)) or term_id(name)
        item: dict[str, Any] = {
            "id": item_id,
            "name": name,
            "url": GLOSSARY_PAGE,
            "source_url": GLOSSARY_PAGE,
            "as_of": as_of,
            "in_map_glossary": True,
        }
        if item_id not in curated.items:
            definition = clean_text(entry.get("definition"))
            listed = _bullets(entry.get("list"))
            text = " ".join([definition, *listed]).strip()
            acronym = _TRAILING_ACRONYM.search(name)
            item["body"] = _body(text, f"{name}: a term of the LER Ecosystem Map glossary.")
            item["aliases"] = [acronym.group(1)] if acronym else []
            item["tags"] = [MAP_TAG, "glossary"]
        items.append(item)
    return items


def _action_areas(data: dict[str, Any], curated: KnowledgeBase, as_of: dt.date) -> list[dict]:
    by_key = {a.key: a.id for a in curated.by_kind("action_area") if isinstance(a, ActionArea)}
    items: list[dict[str, Any]] = []
    for entry in _entries(data, "actions"):
        key = str(entry.get("name") or "").strip()
        title = clean_text(entry.get("title"))
        if key not in AREA_KEYS or not title:
            continue
        item_id = by_key.get(key) or "action:" + slugify(title)
        item: dict[str, Any] = {
            "id": item_id,
            "name": title,
            "key": key,
            "source_url": MAP_REPOSITORY,
            "as_of": as_of,
        }
        if item_id not in curated.items:
            item["body"] = _body(clean_text(entry.get("description")), f"{title}: an action area.")
            item["tags"] = [MAP_TAG, "action-area"]
        items.append(item)
    return items


def _stakeholders(
    data: dict[str, Any],
    curated: KnowledgeBase,
    area_ids: dict[str, str],
    as_of: dt.date,
    warnings: list[str],
) -> list[dict]:
    items: list[dict[str, Any]] = []
    for entry in _entries(data, "stakeholders"):
        slug = str(entry.get("url") or "").strip()
        name = clean_text(entry.get("name"))
        if not slug or not name:
            warnings.append(f"A stakeholder entry without name or url was left out: {entry!r:.80}")
            continue
        item_id = "stakeholder:" + slugify(slug)
        stages = _stages(name, entry.get("sections"), warnings)
        areas = [
            {"area": area, "actions": actions}
            for block in entry.get("action-areas") or []
            if isinstance(block, dict)
            and (area := str(block.get("title") or "").strip()) in AREA_KEYS
            and (actions := _bullets(block.get("bullets")))
        ]
        examples = clean_text(entry.get("examples")).rstrip(". ")
        item: dict[str, Any] = {
            "id": item_id,
            "name": name,
            "url": stakeholder_page(slug),
            "source_url": stakeholder_page(slug),
            "as_of": as_of,
            "examples": [examples] if examples else [],
            "stages": stages,
            "action_areas": areas,
            "business_case": _case(entry.get("business-case")),
            "social_case": _case(entry.get("social-case")),
        }
        if not examples:
            warnings.append(f"{name}: the map lists no examples; the curated ones stay.")
            del item["examples"]
        if item_id not in curated.items:
            item["body"] = _body(
                clean_text(entry.get("definition")), f"{name}: a stakeholder group."
            )
            item["related"] = sorted({area_ids[a["area"]] for a in areas if a["area"] in area_ids})
            item["tags"] = [MAP_TAG, "stakeholder-group"]
        items.append(item)
    return items


def _stages(name: str, sections: object, warnings: list[str]) -> list[dict[str, Any]]:
    stages: list[dict[str, Any]] = []
    for section in sections if isinstance(sections, list) else []:
        if not isinstance(section, dict):
            continue
        stage = clean_text(section.get("title")).lower()
        # Most groups give the stage summary as 'subheader'; Employers use 'description'.
        summary = clean_text(section.get("subheader") or section.get("description"))
        roles = _bullets(section.get("bullets"))
        if stage not in STAGES or not roles:
            warnings.append(f"{name}: stage '{stage}' has no roles or an unknown name; left out.")
            continue
        stages.append({"stage": stage, "summary": summary, "roles": roles})
    return stages


def _case(value: object) -> list[dict[str, str]]:
    points = []
    for point in value if isinstance(value, list) else []:
        if isinstance(point, dict) and (title := clean_text(point.get("title"))):
            points.append({"title": title, "description": clean_text(point.get("description"))})
    return points


def _principles(page: str, curated: KnowledgeBase, as_of: dt.date) -> list[dict]:
    by_name = _curated_by_name(curated, "principle")
    link = _PRINCIPLES_LINK.search(page)
    source = link.group("href").strip() if link else TECHNICAL_GUIDANCE_PAGE
    items: list[dict[str, Any]] = []
    for order, match in enumerate(_PRINCIPLE.finditer(page), start=1):
        name = title_case(match.group("name"))
        item_id = by_name.get(normalize_title(name)) or "principle:" + slugify(name)
        item: dict[str, Any] = {
            "id": item_id,
            "name": name,
            "order": order,
            "url": TECHNICAL_GUIDANCE_PAGE,
            "source_url": source,
            "as_of": as_of,
        }
        if item_id not in curated.items:
            item["body"] = _body(clean_text(match.group("text")), f"{name}: a principle.")
            item["tags"] = [MAP_TAG, "interoperability-principle"]
        items.append(item)
    return items


def _resources(
    data: dict[str, Any], curated: KnowledgeBase, as_of: dt.date, warnings: list[str]
) -> list[dict]:
    entries = [
        (clean_text(category.get("name")), site)
        for category in _entries(data, "resources")
        for site in category.get("sites") or []
        if isinstance(site, dict) and clean_text(site.get("title"))
    ]
    owners = _url_owners([(clean_text(site.get("title")), _url(site)) for _, site in entries])
    by_name = _curated_by_name(curated, "resource")
    curated_urls = Counter(_url_key(str(r.url)) for r in curated.by_kind("resource") if r.url)
    by_url = {
        _url_key(str(r.url)): r.id
        for r in curated.by_kind("resource")
        if r.url and curated_urls[_url_key(str(r.url))] == 1
    }
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    for category, site in entries:
        title = clean_text(site.get("title"))
        author = clean_text(site.get("author"))
        url = _url(site)
        owns_url = url is not None and owners.get(_url_key(url)) == title
        item_id = by_name.get(normalize_title(title))
        if item_id is None and owns_url and url is not None:
            item_id = by_url.get(_url_key(url))
        item_id = item_id or "resource:" + _short_slug(title)
        if item_id in seen:
            warnings.append(f"The map lists '{title}' twice; the first entry was kept.")
            continue
        seen.add(item_id)
        if url is None:
            warnings.append(f"'{title}' has no URL on the map.")
        elif not owns_url:
            warnings.append(
                f"'{title}' shares its URL with another map entry that the URL belongs to; "
                "the URL was not imported for it."
            )
        item: dict[str, Any] = {
            "id": item_id,
            "name": title,
            "author": author or "unknown",
            "on_map": True,
            "map_category": category or None,
            "source_url": RESOURCES_PAGE,
            "as_of": as_of,
        }
        if owns_url:
            item["url"] = url
        if item_id not in curated.items:
            where = f" under '{category}'" if category else ""
            by = author or "an unnamed author"
            item["body"] = f"{title}, by {by}, is on the LER Ecosystem Map's resources page{where}."
            pdf = bool(url and url.lower().split("?")[0].endswith(".pdf"))
            item["resource_type"] = "report" if pdf else "website"
            item["topics"] = [category or "LERs"]
            item["tags"] = [MAP_TAG, "resource"]
        items.append(item)
    return items


def _url(site: dict[str, Any]) -> str | None:
    url = str(site.get("url") or "").strip()
    return url if url.startswith(("http://", "https://")) else None


def _url_key(url: str) -> str:
    return url.strip().rstrip("/").casefold()


def _url_owners(entries: list[tuple[str, str | None]]) -> dict[str, str]:
    """URL -> the title it belongs to. A URL given to several entries belongs to the one whose
    title words best match the URL (the map links two titles to one article)."""
    titles: dict[str, list[str]] = {}
    for title, url in entries:
        if url:
            titles.setdefault(_url_key(url), []).append(title)
    owners = {}
    for key, candidates in titles.items():
        if len(candidates) == 1:
            owners[key] = candidates[0]
            continue
        scored = sorted(((-_url_match(t, key), t) for t in candidates), key=lambda s: s)
        if scored[0][0] < scored[1][0]:
            owners[key] = scored[0][1]
    return owners


def _url_match(title: str, url: str) -> float:
    words = [w for w in normalize_title(title).split() if len(w) > 3]
    return sum(w in url for w in words) / len(words) if words else 0.0


def _short_slug(title: str, limit: int = 80) -> str:
    slug = slugify(title)
    if len(slug) <= limit:
        return slug
    return slug[:limit].rsplit("-", 1)[0].strip("-.")
