"""Checks for ``knowledge/organizations.yaml`` and ``knowledge/initiatives.yaml``.

The map's About page and resource list (third-party data in ``../shared/lermap``) are read only
here, to prove that every organisation the LER Ecosystem Map credits can be found by the name the
map uses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pytest
import yaml

from ler_navigator.kb.loader import KnowledgeBase, build_knowledge
from ler_navigator.models.knowledge import Initiative, Organization
from tests.kb.fixed_ids import MAP_ORGANIZATION_IDS, STAKEHOLDER_IDS

REPO = Path(__file__).resolve().parents[2]
KNOWLEDGE = REPO / "knowledge"
ORGANIZATIONS_FILE = KNOWLEDGE / "organizations.yaml"
INITIATIVES_FILE = KNOWLEDGE / "initiatives.yaml"
LERMAP = REPO / ".." / "shared" / "lermap"
ABOUT_PAGE = LERMAP / "about.md"
MAP_RESOURCES_FILE = LERMAP / "_data" / "resources-list.yml"
AS_OF = dt.date(2026, 11, 29)


# Lower-cased names or aliases that may legitimately point at more than one organisation.
# Empty on purpose: one acronym, one organisation, so a learner typing it gets one answer.
GENUINELY_AMBIGUOUS: frozenset[str] = frozenset()

LOGO_LINK = re.compile(r'<a href="(?P<href>[^"]+)"[^>]*>\s*<img [^>]*alt="(?P<alt>[^"]+)"')
TEXT_LINK = re.compile(r'<a href="(?P<href>[^"]+)"[^>]*>(?P<text>[^<]+)</a>')
LOGO_SUFFIX = re.compile(r"\s+logo$", re.IGNORECASE)


# ---------------------------------------------------------------- helpers
def parse_map_contributors(about_html: str) -> dict[str, str]:
    """Contributor name -> link, from the About page's logos and its thank-you lines."""
    contributors: dict[str, str] = {}
    for match in LOGO_LINK.finditer(about_html):
        name = LOGO_SUFFIX.sub("", match["alt"].strip())
        contributors[name] = match["href"]
    for line in about_html.splitlines():
        if "Thank you to" not in line:
            continue
        for match in TEXT_LINK.finditer(line):
            contributors[match["text"].strip()] = match["href"]
    return contributors


def split_author_names(author: str) -> list[str]:
    """One resource author field -> the organisation names in it ("A, B, and C" -> [A, B, C])."""
    names = []
    for part in author.split(","):
        name = re.sub(r"^and\s+", "", part.strip())
        if name:
            names.append(name)
    return names


def alias_collisions(organizations: Iterable[Organization]) -> dict[str, list[str]]:
    """Lower-cased name or alias -> the organisation ids it would match, where more than one."""
    owners: dict[str, set[str]] = defaultdict(set)
    for org in organizations:
        for label in [org.name, *org.aliases]:
            owners[label.casefold()].add(org.id)
    return {
        label: sorted(ids)
        for label, ids in sorted(owners.items())
        if len(ids) > 1 and label not in GENUINELY_AMBIGUOUS
    }


def _stakeholder_stubs() -> dict[str, object]:
    # The stakeholder file belongs to a colleague; stubs keep these checks about our two files.
    return {
        "kind": "stakeholder",
        "items": [
            {
                "id": group,
                "name": group,
                "body": "Stub used only to validate ecosystem links.",
                "source_url": "https://lermap.t3networkhub.org/",
                "as_of": "2026-11-29",
                "examples": ["stub"],
                "stages": [],
            }
            for group in STAKEHOLDER_IDS
        ],
    }


def _labels(org: Organization) -> set[str]:
    return {org.name, *org.aliases}


def _require(path: Path) -> Path:
    if not path.is_file():
        pytest.skip("the LER Ecosystem Map data (../shared/lermap) is not available")
    return path


# ---------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def knowledge() -> KnowledgeBase:
    documents = [
        (path.name, yaml.safe_load(path.read_text(encoding="utf-8")))
        for path in (ORGANIZATIONS_FILE, INITIATIVES_FILE)
    ]
    return build_knowledge([*documents, ("stakeholder-stubs", _stakeholder_stubs())])


@pytest.fixture(scope="module")
def organizations(knowledge: KnowledgeBase) -> list[Organization]:
    return [item for item in knowledge.by_kind("organization") if isinstance(item, Organization)]


@pytest.fixture(scope="module")
def initiatives(knowledge: KnowledgeBase) -> list[Initiative]:
    return [item for item in knowledge.by_kind("initiative") if isinstance(item, Initiative)]


@pytest.fixture(scope="module")
def map_contributors() -> dict[str, str]:
    return parse_map_contributors(_require(ABOUT_PAGE).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def resource_authors() -> list[str]:
    data = yaml.safe_load(_require(MAP_RESOURCES_FILE).read_text(encoding="utf-8"))
    names = {
        name
        for category in data["resources"]
        for site in category["sites"]
        for name in split_author_names(site["author"])
    }
    return sorted(names)


# ---------------------------------------------------------------- helper behaviour
def test_contributor_parser_reads_logos_and_thank_you_links() -> None:
    page = (
        '<a href="https://a.example/" target="_blank"><img src="x.svg" alt="Alpha Logo"/></a>\n'
        '<a href="https://b.example/"><img src="y.svg" loading="lazy" alt="Beta logo" /></a>\n'
        '<p>Thank you to <a href="https://c.example/" target="_blank">Gamma</a> and '
        '<a href="https://d.example/">Delta Foundation</a> for their support.</p>\n'
        '<p>Licensed under <a href="https://license.example/">a license</a>.</p>'
    )
    assert parse_map_contributors(page) == {
        "Alpha": "https://a.example/",
        "Beta": "https://b.example/",
        "Gamma": "https://c.example/",
        "Delta Foundation": "https://d.example/",
    }


def test_author_splitting_handles_lists_and_a_final_and() -> None:
    assert split_author_names(" SHRM ") == ["SHRM"]
    assert split_author_names("A, B Network, and C Coalition") == ["A", "B Network", "C Coalition"]


def test_alias_collisions_are_found_case_insensitively() -> None:
    def org(item_id: str, name: str, aliases: list[str]) -> Organization:
        return Organization(
            id=item_id,
            name=name,
            aliases=aliases,
            org_type="nonprofit",
            stakeholder_groups=["stakeholder:funders"],
            body="A synthetic organisation for this test.",
            source_url="https://example.org/",
            as_of=AS_OF,
        )

    found = alias_collisions(
        [org("org:a", "Alpha", ["NSC"]), org("org:b", "Beta", ["nsc"]), org("org:c", "Gamma", [])]
    )
    assert found == {"nsc": ["org:a", "org:b"]}


# ---------------------------------------------------------------- the files
def test_counts_meet_the_brief(
    organizations: list[Organization], initiatives: list[Initiative]
) -> None:
    assert len(organizations) >= 80
    assert len(initiatives) >= 60


def test_every_fixed_organization_id_exists(organizations: list[Organization]) -> None:
    ids = {org.id for org in organizations}
    assert [item for item in MAP_ORGANIZATION_IDS if item not in ids] == []


def test_every_map_contributor_is_findable_by_the_maps_name(
    organizations: list[Organization], map_contributors: dict[str, str]
) -> None:
    assert len(map_contributors) >= 10, "the About page parser found too few contributors"
    missing = [
        name
        for name in sorted(map_contributors)
        if not any(name in _labels(org) for org in organizations)
    ]
    assert missing == []


def test_map_contributors_are_flagged_and_link_where_the_map_links(
    organizations: list[Organization], map_contributors: dict[str, str]
) -> None:
    credited: dict[str, Organization] = {}
    for name in map_contributors:
        for org in organizations:
            if name in _labels(org):
                credited[name] = org
    for name, org in sorted(credited.items()):
        assert org.map_contributor, f"{org.id} is credited on the About page as {name!r}"
        assert str(org.url).rstrip("/") == map_contributors[name].rstrip("/"), org.id
    flagged = {org.id for org in organizations if org.map_contributor}
    assert flagged == {org.id for org in credited.values()}


def test_every_resource_author_is_findable_by_the_maps_spelling(
    organizations: list[Organization], resource_authors: list[str]
) -> None:
    assert "Jobs for the Future" in resource_authors
    missing = [
        name for name in resource_authors if not any(name in _labels(org) for org in organizations)
    ]
    assert missing == []


def test_every_stakeholder_group_has_at_least_three_organizations(
    organizations: list[Organization],
) -> None:
    members: dict[str, int] = dict.fromkeys(STAKEHOLDER_IDS, 0)
    for org in organizations:
        for group in org.stakeholder_groups:
            members[group] += 1
    assert {group: n for group, n in members.items() if n < 3} == {}


def test_organizations_name_one_to_three_stakeholder_groups(
    organizations: list[Organization],
) -> None:
    assert [org.id for org in organizations if not 1 <= len(org.stakeholder_groups) <= 3] == []


def test_initiative_organizations_resolve_to_organizations(
    organizations: list[Organization], initiatives: list[Initiative]
) -> None:
    org_ids = {org.id for org in organizations}
    dangling = {
        initiative.id: [link for link in initiative.organizations if link not in org_ids]
        for initiative in initiatives
    }
    assert {key: links for key, links in dangling.items() if links} == {}
    led = [initiative for initiative in initiatives if initiative.organizations]
    assert len(led) >= 0.9 * len(initiatives), "most initiatives should say who runs them"


def test_related_links_stay_within_the_ecosystem_files(knowledge: KnowledgeBase) -> None:
    for item in knowledge.items.values():
        if item.kind in {"organization", "initiative"}:
            outside = [
                link for link in item.related if link.split(":")[0] not in {"org", "initiative"}
            ]
            assert outside == [], item.id


def test_aliases_are_unique_across_organizations(organizations: list[Organization]) -> None:
    assert alias_collisions(organizations) == {}


def test_no_alias_repeats_the_name(organizations: list[Organization]) -> None:
    assert [org.id for org in organizations if org.name in org.aliases] == []


def test_facts_are_dated_and_sourced(knowledge: KnowledgeBase) -> None:
    for item in knowledge.items.values():
        if item.kind in {"organization", "initiative"}:
            assert item.as_of == AS_OF, item.id
            assert item.source_url.scheme == "https", item.id


def test_start_years_are_not_in_the_future(initiatives: list[Initiative]) -> None:
    assert [i.id for i in initiatives if i.started is not None and i.started > AS_OF.year] == []
