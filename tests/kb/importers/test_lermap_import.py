"""The LER Ecosystem Map import: the map's facts over the curated items, nothing lost."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from ler_navigator.cli import app
from ler_navigator.errors import KnowledgeBaseError
from ler_navigator.index.embedder import WordLlamaEmbedder
from ler_navigator.index.manager import open_index
from ler_navigator.index.store import InMemoryStore
from ler_navigator.kb.importers.lermap import clean_text, import_lermap, term_id, title_case
from ler_navigator.kb.importers.overlay import load_with_overlays, overlay_dir, read_overlay
from ler_navigator.kb.loader import load_knowledge
from ler_navigator.models.knowledge import GlossaryTerm, Resource, Stakeholder
from tests.kb.importers.conftest import KNOWLEDGE_DIR

AS_OF = dt.date(2026, 11, 29)
SITE = "https://lermap.t3networkhub.org"


@pytest.fixture(scope="module")
def imported(lermap_repo: Path, tmp_path_factory: pytest.TempPathFactory):
    data_dir = tmp_path_factory.mktemp("lermap-data")
    outcome = import_lermap(lermap_repo, KNOWLEDGE_DIR, data_dir, as_of=AS_OF)
    return outcome, data_dir, load_with_overlays(KNOWLEDGE_DIR, overlay_dir(data_dir))


def _map_terms(lermap_repo: Path) -> list[str]:
    data = yaml.safe_load((lermap_repo / "_data" / "glossary-list.yml").read_text())
    return [clean_text(t["term"]) for t in data["terms"]]


def test_every_map_entry_is_imported_onto_the_curated_ids(imported):
    outcome, _, kb = imported
    assert outcome.counts == {
        "action_area": 4,
        "glossary_term": 21,
        "principle": 7,
        "resource": 28,
        "stakeholder": 10,
    }
    # The curated corpus already covers the whole map: nothing new, nothing dropped.
    assert outcome.vs_curated.added == []
    assert outcome.vs_curated.removed == []
    assert len(kb) == len(load_knowledge(KNOWLEDGE_DIR))


def test_glossary_terms_keep_curated_prose_and_take_the_maps_names(imported, lermap_repo):
    _, _, kb = imported
    curated = load_knowledge(KNOWLEDGE_DIR)
    for name in _map_terms(lermap_repo):
        item = next(i for i in kb.by_kind("glossary_term") if i.name == name)
        assert isinstance(item, GlossaryTerm) and item.in_map_glossary
        assert str(item.url) == f"{SITE}/glossary"
        assert item.body == curated.get(item.id).body
        assert item.aliases == curated.get(item.id).aliases


def test_stakeholder_roles_are_the_maps_own_including_its_quirks(imported):
    _, _, kb = imported
    governance = kb.get("stakeholder:governance")
    assert isinstance(governance, Stakeholder)
    gathering = next(a for a in governance.action_areas if a.area == "gathering")
    assert len(gathering.actions) == 1  # a plain string on the map
    assert any("policy: integrity" in a for a in governance.action_areas[0].actions)
    assert kb.get("stakeholder:data-standards-organizations").action_areas == []
    employers = kb.get("stakeholder:employers")
    assert [s.summary for s in employers.stages][1] == (
        "Issuing verifiable LERs to learners & earners"  # from 'description:'
    )
    assert str(employers.url) == f"{SITE}/stakeholder/employers"
    assert employers.examples[0].startswith("Large, medium and small enterprise businesses")
    assert kb.get("stakeholder:learners-earners").name == "Learners & Earners"


def test_resources_decode_entities_and_keep_urls_where_the_map_is_unclear(imported):
    outcome, _, kb = imported
    interoperable = kb.get("resource:interoperable-learning-and-employment-records")
    assert "&#x3b;" not in interoperable.name and ";" in interoperable.name
    assert all(isinstance(r, Resource) and r.on_map for r in kb.by_kind("resource") if r.on_map)
    # The map gives "Credentialing Everything" the Brookings article's URL; the import does
    # not claim it, so the curated link (and its note) stays; "Going digital" owns it.
    shared = "https://www.brookings.edu/articles/going-digital"
    assert str(kb.get("resource:going-digital").url).startswith(shared)
    assert any("Credentialing Everything" in w for w in outcome.warnings)
    assert any("has no URL" in w for w in outcome.warnings)
    assert kb.get("resource:building-a-skills-based-talent-marketplace").url is None


def test_principles_come_in_the_maps_order_with_title_case_names(imported):
    _, _, kb = imported
    names = [p.name for p in sorted(kb.by_kind("principle"), key=lambda p: p.order)]
    assert names[0] == "Open Standards"
    assert names[-1] == "Public and Private Partnerships Creating Public Good"
    assert len(names) == 7


def test_reimport_reports_nothing_changed_even_on_another_day(imported, lermap_repo):
    outcome, data_dir, _ = imported
    assert outcome.since_last.added  # the first import adds everything
    again = import_lermap(lermap_repo, KNOWLEDGE_DIR, data_dir, as_of=AS_OF.replace(day=30))
    assert again.since_last.changed is False
    assert len(read_overlay(Path(again.path))) == 5


def test_changes_on_the_map_are_reported(lermap_repo: Path, tmp_path: Path):
    copy = tmp_path / "lermap"
    shutil.copytree(lermap_repo, copy)
    glossary = copy / "_data" / "glossary-list.yml"
    data = yaml.safe_load(glossary.read_text())
    data["terms"] = [t for t in data["terms"] if t["term"].strip() != "Assertion"]
    data["terms"].append(
        {"term": "Wallet Portability (WP) ", "definition": "Moving credentials&colon; freely."}
    )
    glossary.write_text(yaml.safe_dump(data))
    outcome = import_lermap(copy, KNOWLEDGE_DIR, tmp_path / "data", as_of=AS_OF)
    assert outcome.vs_curated.added == ["term:wallet-portability"]
    assert outcome.vs_curated.removed == ["term:assertion"]
    kb = load_with_overlays(KNOWLEDGE_DIR, overlay_dir(tmp_path / "data"))
    new = kb.get("term:wallet-portability")
    assert new.aliases == ["WP"]
    assert "Moving credentials: freely." in new.body
    assert kb.get("term:assertion") is not None  # curated items stay


def test_a_folder_that_is_not_the_map_is_refused(tmp_path: Path):
    with pytest.raises(KnowledgeBaseError, match="LER Ecosystem Map repository"):
        import_lermap(tmp_path, KNOWLEDGE_DIR, tmp_path / "data", as_of=AS_OF)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Comprehensive Learner Record (CLR)", "term:comprehensive-learner-record"),
        (
            "Learning and Employment Record (LER) Issued as a Verifiable Credential (LER/VC)",
            "term:learning-and-employment-record-ler-issued-as-a-verifiable-credential",
        ),
        ("Skill ", "term:skill"),
    ],
)
def test_term_ids_drop_a_trailing_acronym(name: str, expected: str):
    assert term_id(name) == expected


def test_text_helpers():
    assert clean_text("one&colon; two</p><p>three  ") == "one: two\n\nthree"
    assert title_case("PRIVACY AND SECURITY") == "Privacy and Security"


@pytest.fixture(scope="module")
def index(imported):
    _, data_dir, kb = imported
    built, _ = open_index(kb, WordLlamaEmbedder(), InMemoryStore(), data_dir)
    return built


def test_every_map_glossary_term_is_found_in_the_glossary(imported, index, lermap_repo):
    _, _, kb = imported
    ids = {i.name: i.id for i in kb.by_kind("glossary_term")}
    names = _map_terms(lermap_repo)
    assert len(names) == 21
    for name in names:
        hits = index.search(name, k=1, kinds=["glossary_term"])
        assert hits[0].document.parent_id == ids[name], name


def test_every_map_glossary_term_is_found_first(imported, index, lermap_repo):
    _, _, kb = imported
    ids = {i.name: i.id for i in kb.by_kind("glossary_term")}
    misses = {}
    for name in _map_terms(lermap_repo):
        top = index.search(name, k=1)[0].document.parent_id
        if top != ids[name]:
            misses[name] = top
    assert misses == {}


def test_import_command(lermap_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LER_NAV_KNOWLEDGE_DIR", str(KNOWLEDGE_DIR))
    monkeypatch.setenv("LER_NAV_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(
        app, ["import", "lermap", str(lermap_repo), "--as-of", "2026-11-29"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        "Imported lermap: 4 action_area, 21 glossary_term, 7 principle, 28 resource, "
        "10 stakeholder."
    )
    assert "Since the last import: 70 added, 0 updated, 0 removed." in lines
    assert (tmp_path / "imported" / "lermap.yaml").is_file()
    bad = CliRunner().invoke(app, ["import", "lermap", str(tmp_path), "--as-of", "someday"])
    assert bad.exit_code == 1
    assert "not a date" in bad.output
