"""Checks for ``knowledge/resources.yaml``: the LER Ecosystem Map's resources plus further ones."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from ler_navigator.kb.loader import build_knowledge
from ler_navigator.models.knowledge import Resource
from tests.kb.fixed_ids import (
    ACTION_AREA_KEYS,
    CORE_TERM_IDS,
    LINKABLE_IDS,
    MAP_ORGANIZATION_IDS,
    MAP_PAGE_TOPIC_IDS,
    PRINCIPLE_IDS,
    STAKEHOLDER_IDS,
)

REPO = Path(__file__).resolve().parents[2]
RESOURCES_FILE = REPO / "knowledge" / "resources.yaml"
MAP_RESOURCES_FILE = REPO / ".." / "shared" / "lermap" / "_data" / "resources-list.yml"
MAP_RESOURCES_PAGE = "https://lermap.t3networkhub.org/resources"
AS_OF = dt.date(2026, 11, 29)


# A sentence ends at . ! or ? followed by whitespace or the end of the text.
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


@pytest.fixture(scope="module")
def raw_items() -> list[dict]:
    data = yaml.safe_load(RESOURCES_FILE.read_text(encoding="utf-8"))
    assert data["kind"] == "resource"
    return data["items"]


@pytest.fixture(scope="module")
def resources(raw_items: list[dict]) -> list[Resource]:
    kb = build_knowledge(
        [("resources.yaml", {"kind": "resource", "items": raw_items}), *_stub_documents()]
    )
    return [item for item in kb.by_kind("resource") if isinstance(item, Resource)]


@pytest.fixture(scope="module")
def map_sites() -> list[dict]:
    if not MAP_RESOURCES_FILE.is_file():
        pytest.skip("the LER Ecosystem Map data (../shared/lermap) is not available")
    data = yaml.safe_load(MAP_RESOURCES_FILE.read_text(encoding="utf-8"))
    sites = []
    for category in data["resources"]:
        for site in category["sites"]:
            url = site.get("url")
            sites.append(
                {
                    "category": category["name"].strip(),
                    "title": html.unescape(site["title"]).strip(),
                    "author": site["author"].strip(),
                    "url": url.strip() if url else None,
                }
            )
    return sites


def _stub(item_id: str, **extra: object) -> dict:
    return {
        "id": item_id,
        "name": item_id.split(":", 1)[1].replace("-", " "),
        "body": "Placeholder item standing in for a colleague's knowledge file.",
        "source_url": "https://example.org/stub",
        "as_of": "2026-11-29",
        **extra,
    }


def _stub_documents() -> list[tuple[str, dict]]:
    """Stand-ins for every linkable id, so the loader can check links without other files."""
    first_group = STAKEHOLDER_IDS[0]
    return [
        (
            "stakeholders.yaml",
            {
                "kind": "stakeholder",
                "items": [_stub(i, examples=["example"], stages=[]) for i in STAKEHOLDER_IDS],
            },
        ),
        (
            "action_areas.yaml",
            {
                "kind": "action_area",
                "items": [_stub(i, key=k) for i, k in ACTION_AREA_KEYS.items()],
            },
        ),
        (
            "principles.yaml",
            {
                "kind": "principle",
                "items": [_stub(i, order=n) for n, i in enumerate(PRINCIPLE_IDS, start=1)],
            },
        ),
        ("topics.yaml", {"kind": "topic", "items": [_stub(i) for i in MAP_PAGE_TOPIC_IDS]}),
        ("glossary.yaml", {"kind": "glossary_term", "items": [_stub(i) for i in CORE_TERM_IDS]}),
        (
            "organizations.yaml",
            {
                "kind": "organization",
                "items": [
                    _stub(i, org_type="nonprofit", stakeholder_groups=[first_group])
                    for i in MAP_ORGANIZATION_IDS
                ],
            },
        ),
    ]


def _resource_named(resources: list[Resource], name: str) -> Resource:
    matches = [r for r in resources if r.name == name]
    assert len(matches) == 1, f"expected one resource named {name!r}, found {len(matches)}"
    return matches[0]


def test_file_holds_at_least_sixty_valid_resources(resources: list[Resource]) -> None:
    assert len(resources) >= 60
    assert all(r.id.startswith("resource:") for r in resources)
    assert all(r.as_of == AS_OF for r in resources)


def test_every_map_resource_is_present_with_exact_facts(
    resources: list[Resource], raw_items: list[dict], map_sites: list[dict]
) -> None:
    raw_by_name = {item["name"]: item for item in raw_items}
    for site in map_sites:
        resource = _resource_named(resources, site["title"])
        raw = raw_by_name[site["title"]]
        assert resource.on_map, site["title"]
        assert resource.author == site["author"]
        assert resource.map_category == site["category"]
        # Compare the raw YAML text too: URL parsing must not hide a changed character.
        assert raw.get("url") == site["url"]
        if site["url"] is None:
            assert resource.url is None
            assert str(resource.source_url) == MAP_RESOURCES_PAGE
        else:
            assert str(resource.url) == site["url"]


def test_only_map_resources_are_marked_on_map(
    resources: list[Resource], map_sites: list[dict]
) -> None:
    on_map = sorted(r.name for r in resources if r.on_map)
    assert on_map == sorted(site["title"] for site in map_sites)
    assert all(r.map_category is None for r in resources if not r.on_map)


def test_map_resources_cite_the_map_resources_page(resources: list[Resource]) -> None:
    for resource in resources:
        if resource.on_map:
            assert str(resource.source_url) == MAP_RESOURCES_PAGE, resource.id


def test_html_entities_are_decoded_in_titles(resources: list[Resource]) -> None:
    assert not [r.name for r in resources if re.search(r"&#?\w+;", r.name)]


def test_no_duplicate_title_and_url_pairs(resources: list[Resource]) -> None:
    pairs = Counter((r.name, r.cite_url) for r in resources)
    assert [pair for pair, count in pairs.items() if count > 1] == []


def test_urls_repeat_only_where_the_map_itself_repeats_them(
    resources: list[Resource], map_sites: list[dict]
) -> None:
    map_repeats = {
        url for url, count in Counter(s["url"] for s in map_sites if s["url"]).items() if count > 1
    }
    repeats = {
        url for url, count in Counter(str(r.url) for r in resources if r.url).items() if count > 1
    }
    assert repeats == map_repeats


def test_resources_beyond_the_map_link_to_themselves(resources: list[Resource]) -> None:
    assert not [r.id for r in resources if not r.on_map and r.url is None]
    assert sum(1 for r in resources if not r.on_map) >= 32


def test_bodies_are_short_summaries_not_titles(resources: list[Resource]) -> None:
    for resource in resources:
        body = " ".join(resource.body.split())
        assert body.casefold() != resource.name.casefold(), resource.id
        assert not body.casefold().startswith(resource.name.casefold()), resource.id
        assert 2 <= len(SENTENCE_END.findall(body)) <= 3, resource.id


def test_topics_are_a_few_short_words(resources: list[Resource]) -> None:
    for resource in resources:
        assert 2 <= len(resource.topics) <= 5, resource.id
        assert len(set(resource.topics)) == len(resource.topics), resource.id
        assert all(len(topic.split()) <= 4 for topic in resource.topics), resource.id


def test_related_ids_come_from_the_shared_list(resources: list[Resource]) -> None:
    for resource in resources:
        assert resource.related, resource.id
        assert set(resource.related) <= LINKABLE_IDS, resource.id
        assert len(set(resource.related)) == len(resource.related), resource.id


def test_known_quirks_of_the_map_are_kept(resources: list[Resource]) -> None:
    primer = _resource_named(
        resources,
        "Credentialing Everything: A Primer on Learning and Employment Records and Digital Wallets",
    )
    going_digital = _resource_named(
        resources,
        "Going digital: How learning and employment records shape access to quality education "
        "and jobs",
    )
    assert primer.url == going_digital.url
    assert primer.author == "Getting Smart"
    assert going_digital.author == "Brookings Institution"
