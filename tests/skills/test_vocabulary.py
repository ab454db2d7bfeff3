from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest

from ler_navigator.errors import KnowledgeBaseError
from ler_navigator.models.knowledge import Skill
from ler_navigator.settings import get_settings
from ler_navigator.skills import SkillVocabulary, normalize_phrase

REPO_ROOT = Path(__file__).resolve().parents[2]
SKILLS_DIR = REPO_ROOT / "knowledge" / "skills"
ONET_DIR = REPO_ROOT.parent / "shared" / "onet"  # O*NET 29.3 text files, read by tests only


def _onet_elements(file_name: str) -> dict[str, str]:
    path = ONET_DIR / file_name
    if not path.is_file():
        pytest.skip(f"O*NET 29.3 {file_name} is not available next to the checkout")
    with path.open(encoding="utf-8") as handle:
        return {
            row["Element ID"]: row["Element Name"] for row in csv.DictReader(handle, delimiter="\t")
        }


def _skill(skill_id: str, name: str, aliases: list[str], **extra: object) -> Skill:
    return Skill(
        id=skill_id,
        name=name,
        aliases=aliases,
        category=extra.pop("category", "skill"),
        source_url="https://www.onetcenter.org/database.html",
        as_of=dt.date(2026, 11, 29),
        **extra,
    )


def test_vocabulary_has_at_least_500_skills(vocab: SkillVocabulary) -> None:
    assert len(vocab) >= 500


def test_every_skill_is_dated_and_sourced(vocab: SkillVocabulary) -> None:
    for skill in vocab.skills:
        assert skill.as_of == dt.date(2026, 11, 29), skill.id
        assert str(skill.source_url).startswith("https://"), skill.id


def test_skills_are_split_by_domain() -> None:
    names = {path.stem for path in SKILLS_DIR.glob("*.yaml")}
    assert {
        "onet_skills",
        "onet_knowledge",
        "technology",
        "trades",
        "health",
        "it",
        "business",
    } <= names


def test_no_alias_points_to_two_skills(vocab: SkillVocabulary) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    alias_keys: set[str] = set()
    for skill in vocab.skills:
        owners[normalize_phrase(skill.name)].add(skill.id)
        for alias in skill.aliases:
            owners[normalize_phrase(alias)].add(skill.id)
            alias_keys.add(normalize_phrase(alias))
    shared = {key: ids for key, ids in owners.items() if len(ids) > 1}
    # Only O*NET's own duplicate element name may repeat: "Mathematics" is both a Skills
    # element and a Knowledge element, and no alias is involved.
    assert set(shared) == {"mathematic"}
    assert "mathematic" not in alias_keys
    assert all(vocab.get(i).onet_element_id for i in shared["mathematic"])


def test_building_rejects_an_alias_shared_by_two_skills() -> None:
    first = _skill("skill:first", "First", ["shared name"])
    second = _skill("skill:second", "Second", ["Shared-Name"])
    with pytest.raises(KnowledgeBaseError, match="shared name"):
        SkillVocabulary([first, second])


@pytest.mark.parametrize(
    ("file_name", "category"), [("Skills.txt", "skill"), ("Knowledge.txt", "knowledge")]
)
def test_every_onet_element_is_present_with_its_exact_name(
    vocab: SkillVocabulary, file_name: str, category: str
) -> None:
    elements = _onet_elements(file_name)
    assert len(elements) == {"Skills.txt": 35, "Knowledge.txt": 33}[file_name]
    for element_id, name in elements.items():
        skill = vocab.by_element_id(element_id)
        assert skill is not None, element_id
        assert skill.name == name
        assert skill.category == category
        assert len(skill.body) >= 20


def test_onet_hot_technologies_keep_their_exact_names(vocab: SkillVocabulary) -> None:
    path = ONET_DIR / "Technology Skills.txt"
    if not path.is_file():
        pytest.skip("O*NET 29.3 Technology Skills.txt is not available")
    with path.open(encoding="utf-8") as handle:
        hot = {
            r["Example"]
            for r in csv.DictReader(handle, delimiter="\t")
            if r["Hot Technology"] == "Y"
        }
    technology_names = {s.name for s in vocab.skills if s.category == "technology"}
    assert hot <= technology_names


def test_broader_links_resolve_and_never_loop(vocab: SkillVocabulary) -> None:
    for skill in vocab.skills:
        for parent in skill.broader:
            assert parent in vocab, (skill.id, parent)
        assert skill.id not in vocab.broader_closure(skill.id)


@pytest.mark.parametrize(
    ("text", "skill_id"),
    [
        ("Excel", "skill:microsoft-excel"),
        ("MS Excel", "skill:microsoft-excel"),
        ("spreadsheets", "skill:spreadsheets"),
        ("CDL-A", "skill:commercial-driving-class-a"),
        ("Class A CDL", "skill:commercial-driving-class-a"),
        ("MIG", "skill:gas-metal-arc-welding"),
        ("GTAW", "skill:gas-tungsten-arc-welding"),
        ("stick welding", "skill:shielded-metal-arc-welding"),
        ("FCAW", "skill:flux-cored-arc-welding"),
        ("HACCP", "skill:hazard-analysis-and-critical-control-points"),
        ("EPA 608", "skill:refrigerant-handling"),
        ("GD&T", "skill:geometric-dimensioning-and-tolerancing"),
        ("A/R", "skill:accounts-receivable"),
        ("Active Directory", "skill:microsoft-active-directory"),
        ("reading comprehension", "skill:reading-comprehension"),
        ("IT", "skill:information-technology"),
        ("R", "skill:r"),
    ],
)
def test_lookup_by_name_or_alias(vocab: SkillVocabulary, text: str, skill_id: str) -> None:
    skill = vocab.lookup(text)
    assert skill is not None and skill.id == skill_id


def test_excel_rolls_up_to_spreadsheets(vocab: SkillVocabulary) -> None:
    assert "skill:spreadsheets" in vocab.broader_closure("skill:microsoft-excel")


@pytest.mark.parametrize("text", ["it", "AR", "no such skill", ""])
def test_lookup_misses(vocab: SkillVocabulary, text: str) -> None:
    assert vocab.lookup(text) is None


def test_shared_onet_name_prefers_the_skills_element(vocab: SkillVocabulary) -> None:
    skill = vocab.lookup("Mathematics")
    assert skill is not None and skill.onet_element_id == "2.A.1.e"


@pytest.mark.parametrize(
    ("name", "code", "framework", "skill_id"),
    [
        ("Critical Thinking", "2.A.2.a", "O*NET", "skill:critical-thinking"),
        ("", "2.C.4.a", "O*NET Content Model", "skill:mathematics-knowledge"),
        (
            "operate forklift",
            "http://data.europa.eu/esco/skill/1234",
            "ESCO",
            "skill:forklift-operation",
        ),
        ("Phlebotomy", "8f1b6b9e-1c2d-4e5f-9a0b-123456789abc", "CASE", "skill:phlebotomy"),
        ("Welding - GMAW (MIG)", "51-4121.00", "O*NET-SOC", "skill:gas-metal-arc-welding"),
        (None, "Customer Service", None, "skill:customer-service"),
    ],
)
def test_from_alignment(
    vocab: SkillVocabulary, name: str | None, code: str, framework: str | None, skill_id: str
) -> None:
    skill = vocab.from_alignment(name, code, framework)
    assert skill is not None and skill.id == skill_id


def test_from_alignment_without_a_match(vocab: SkillVocabulary) -> None:
    assert vocab.from_alignment("Underwater basket weaving", "X-1", "CASE") is None
    assert vocab.from_alignment(None, "51-4121.00", "O*NET-SOC") is None


def test_from_items_keeps_only_skills(vocab: SkillVocabulary) -> None:
    built = SkillVocabulary.from_items(vocab.skills[:3])
    assert len(built) == 3


def test_default_reads_the_configured_knowledge_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LER_NAV_KNOWLEDGE_DIR", str(SKILLS_DIR))
    get_settings.cache_clear()
    try:
        assert len(SkillVocabulary.default()) >= 500
    finally:
        get_settings.cache_clear()


def test_from_knowledge_dir_reports_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError):
        SkillVocabulary.from_knowledge_dir(tmp_path / "missing")
