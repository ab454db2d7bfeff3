"""The O*NET import: every occupation the project does not curate, facts as O*NET states them."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from ler_navigator.cli import app
from ler_navigator.errors import KnowledgeBaseError
from ler_navigator.kb.importers.onet import import_onet, load_onet_tables
from ler_navigator.kb.importers.overlay import load_with_overlays, overlay_dir, overlay_path
from ler_navigator.kb.loader import KnowledgeBase, load_knowledge
from ler_navigator.models.knowledge import Occupation, Skill
from tests.kb.importers.conftest import KNOWLEDGE_DIR, _shared
from tests.kb.importers.importer_support import skill, write_yaml

AS_OF = dt.date(2026, 11, 29)
SAMPLE = "11-1011.00"  # Chief Executives: rated, not curated
# The C loader where PyYAML has it: the overlay holds some 700 occupations.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# ---------------------------------------------------------------- the real database
@pytest.fixture(scope="module")
def onet_dir() -> Path:
    """The O*NET 29.3 database text files (read-only)."""
    return _shared("onet")


@pytest.fixture(scope="module")
def imported(onet_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    data_dir = tmp_path_factory.mktemp("onet-data")
    outcome = import_onet(onet_dir, KNOWLEDGE_DIR, data_dir, as_of=AS_OF)
    return outcome, data_dir


@pytest.fixture(scope="module")
def curated() -> KnowledgeBase:
    return load_knowledge(KNOWLEDGE_DIR)


@pytest.fixture(scope="module")
def merged(imported):
    _, data_dir = imported
    return load_with_overlays(KNOWLEDGE_DIR, overlay_dir(data_dir))


def _table(onet_dir: Path, name: str) -> list[dict[str, str]]:
    with (onet_dir / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_most_occupations_are_imported_and_the_rest_accounted_for(imported, curated, onet_dir):
    outcome, _ = imported
    codes = {row["O*NET-SOC Code"] for row in _table(onet_dir, "Occupation Data.txt")}
    kept = {o.soc_code for o in curated.by_kind("occupation")}
    # Every O*NET code is imported, curated already, or skipped with a reason; fewer than
    # one in ten may be skipped.
    assert outcome.counts["occupation"] + len(outcome.skipped) + len(kept) == len(codes)
    assert len(outcome.skipped) < len(codes) // 10
    assert outcome.counts["occupation"] >= len(codes) - len(kept) - len(codes) // 10
    assert f"{len(kept)} O*NET occupations are curated" in outcome.warnings[0]
    # The skipped ones are O*NET's unrated catch-alls, each named with its reason.
    assert all("at least one skill" in s.reason for s in outcome.skipped)
    assert "15-1299.00 Computer Occupations, All Other" in {s.document for s in outcome.skipped}
    assert any("usual entry level of their Job Zone" in w for w in outcome.warnings)


def test_no_curated_occupation_is_duplicated(imported, curated):
    _, data_dir = imported
    text = overlay_path(data_dir, "onet").read_text(encoding="utf-8")
    items = [item for document in yaml.load_all(text, Loader=_Loader) for item in document["items"]]
    kept = curated.by_kind("occupation")
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids))
    assert not set(ids) & {o.id for o in kept}
    assert not {item["soc_code"] for item in items} & {o.soc_code for o in kept}
    assert ids == sorted(ids)


def test_the_merged_knowledge_base_loads_with_every_link_resolved(imported, curated, merged):
    outcome, _ = imported
    assert len(merged) == len(curated) + outcome.counts["occupation"]
    for occupation in merged.by_kind("occupation"):
        assert isinstance(occupation, Occupation)
        assert 1 <= len(occupation.skills) <= 25
        assert all(isinstance(merged.get(s.skill), Skill) for s in occupation.skills)
    # Curated occupations keep their own prose and tasks.
    curated_one = curated.by_kind("occupation")[0]
    assert merged.get(curated_one.id) == curated_one
    assert merged.sources[f"occupation:{SAMPLE}"] == "imported/onet.yaml"


def test_a_sample_occupation_carries_the_source_rows(merged, onet_dir):
    item = merged.get(f"occupation:{SAMPLE}")
    assert isinstance(item, Occupation)
    occupation = next(
        r for r in _table(onet_dir, "Occupation Data.txt") if r["O*NET-SOC Code"] == SAMPLE
    )
    zone = next(r for r in _table(onet_dir, "Job Zones.txt") if r["O*NET-SOC Code"] == SAMPLE)
    assert item.name == occupation["Title"] == "Chief Executives"
    assert item.body == occupation["Description"]
    assert item.job_zone == int(zone["Job Zone"])
    assert str(item.url) == f"https://www.onetonline.org/link/summary/{SAMPLE}"
    assert str(item.source_url) == "https://www.onetcenter.org/database.html"
    assert item.as_of == AS_OF and item.tasks == [] and item.related_occupations == []
    # Top skills: the highest-rated Skills and Knowledge importance rows, rescaled.
    by_element = {
        s.onet_element_id: s.id
        for s in merged.by_kind("skill")
        if isinstance(s, Skill) and s.onet_element_id
    }
    rows = [
        r
        for name in ("Skills.txt", "Knowledge.txt")
        for r in _table(onet_dir, name)
        if r["O*NET-SOC Code"] == SAMPLE and r["Scale ID"] == "IM"
    ]
    expected = sorted(
        ((by_element[r["Element ID"]], round((float(r["Data Value"]) - 1) / 4, 2)) for r in rows),
        key=lambda pair: (-pair[1], pair[0]),
    )
    assert [(s.skill, s.importance) for s in item.skills[:5]] == expected[:5]
    assert item.skills[0].skill == "skill:administration-and-management"
    technology = [
        r for r in _table(onet_dir, "Technology Skills.txt") if r["O*NET-SOC Code"] == SAMPLE
    ]
    hot = [r["Example"] for r in technology if r["Hot Technology"] == "Y" and r["In Demand"] == "Y"]
    assert item.tools[: len(hot)] == hot
    titles = {
        r["Alternate Title"]
        for r in _table(onet_dir, "Alternate Titles.txt")
        if r["O*NET-SOC Code"] == SAMPLE
    }
    assert len(item.alternate_titles) == 10 and set(item.alternate_titles) <= titles


def test_the_command_writes_the_same_bytes_and_prints_the_counts(
    imported, onet_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    outcome, data_dir = imported
    monkeypatch.setenv("LER_NAV_KNOWLEDGE_DIR", str(KNOWLEDGE_DIR))
    monkeypatch.setenv("LER_NAV_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["import", "onet", str(onet_dir), "--as-of", "2026-11-29"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"Imported onet: {outcome.counts['occupation']} occupation."
    assert f"Skipped {len(outcome.skipped)}:" in lines
    assert f"Note: {outcome.warnings[0]}" in lines  # the curated ones kept
    written = overlay_path(tmp_path, "onet").read_bytes()
    # Two imports of the same data on the same day are byte-identical.
    assert written == overlay_path(data_dir, "onet").read_bytes()
    assert written.startswith(b"# O*NET occupations imported")
    assert b"Used under the CC BY 4.0 license." in written.split(b"\nkind:")[0]


# ---------------------------------------------------------------- a made-up database
HEADERS = {
    "Occupation Data.txt": ["O*NET-SOC Code", "Title", "Description"],
    "Skills.txt": [
        "O*NET-SOC Code",
        "Title",
        "Element ID",
        "Element Name",
        "Scale ID",
        "Scale Name",
        "Data Value",
        "N",
        "Recommend Suppress",
        "Not Relevant",
    ],
    "Technology Skills.txt": [
        "O*NET-SOC Code",
        "Title",
        "Example",
        "Commodity Code",
        "Commodity Title",
        "Hot Technology",
        "In Demand",
    ],
    "Job Zones.txt": ["O*NET-SOC Code", "Title", "Job Zone"],
    "Alternate Titles.txt": [
        "O*NET-SOC Code",
        "Title",
        "Alternate Title",
        "Short Title",
        "Source(s)",
    ],
    "Education, Training, and Experience.txt": [
        "O*NET-SOC Code",
        "Title",
        "Element ID",
        "Element Name",
        "Scale ID",
        "Scale Name",
        "Category",
        "Data Value",
    ],
    "Education, Training, and Experience Categories.txt": [
        "Element ID",
        "Element Name",
        "Scale ID",
        "Scale Name",
        "Category",
        "Category Description",
    ],
}
HEADERS["Knowledge.txt"] = HEADERS["Skills.txt"]
LONG = "Made-up work described at enough length for the tests."


def _rating(code: str, element: str, value: str, suppress: str = "N") -> list[str]:
    return [code, "t", element, "e", "IM", "Importance", value, "8", suppress, ""]


def _education(code: str, category: int, share: str) -> list[str]:
    return [code, "t", "2.D.1", "Required Level of Education", "RL", "RL", str(category), share]


MADE_UP_ROWS: dict[str, list[list[str]]] = {
    "Occupation Data.txt": [
        ["11-1111.00", "Alpha Managers", LONG],
        ["22-2222.00", "Beta Workers", LONG],
        ["33-3333.00", "Gamma Technicians", LONG],
        ["44-4444.00", "Delta Workers, All Other", LONG],
        ["55-5555.00", "Epsilon Workers", LONG],
    ],
    "Skills.txt": [
        _rating("22-2222.00", "2.A.1.a", "4.12"),
        _rating("22-2222.00", "2.A.1.b", "2.9"),
        _rating("22-2222.00", "2.A.1.c", "5", suppress="Y"),
        _rating("22-2222.00", "2.A.9.z", "4.5"),
        _rating("33-3333.00", "2.A.1.b", "2.5"),
        _rating("55-5555.00", "2.A.1.a", "4"),
    ],
    "Knowledge.txt": [_rating("22-2222.00", "2.C.1.a", "3.0")],
    "Technology Skills.txt": [
        ["22-2222.00", "t", "Zeta Tool", "1", "Odd software", "N", "N"],
        ["22-2222.00", "t", "Microsoft Excel", "2", "Spreadsheet software", "Y", "Y"],
        ["22-2222.00", "t", "Gamma Suite", "3", "Odd software", "Y", "N"],
        ["33-3333.00", "t", "Obscure Calc", "2", "Spreadsheet software", "N", "N"],
    ],
    "Job Zones.txt": [["22-2222.00", "t", "3"], ["33-3333.00", "t", "4"]],
    "Alternate Titles.txt": [
        ["22-2222.00", "t", "Beta Worker", "", "08"],
        ["22-2222.00", "t", "beta workers", "", "04,08"],
        ["22-2222.00", "t", "Lead Beta", "", "04,08"],
    ],
    "Education, Training, and Experience.txt": [
        _education("22-2222.00", 2, "30"),
        _education("22-2222.00", 3, "10"),
        _education("22-2222.00", 6, "30"),
    ],
    "Education, Training, and Experience Categories.txt": [
        ["2.D.1", "RL", "RL", "RL", "2", "High School Diploma - or the equivalent"],
        ["2.D.1", "RL", "RL", "RL", "6", "Bachelor's Degree"],
    ],
}


def _write_database(folder: Path, rows: dict[str, list[list[str]]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, header in HEADERS.items():
        lines = ["\t".join(header), *("\t".join(row) for row in rows.get(name, []))]
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def made_up(tmp_path: Path) -> tuple[Path, Path]:
    """A made-up O*NET folder and a small knowledge folder that curates 11-1111.00."""
    knowledge = tmp_path / "knowledge"
    write_yaml(
        knowledge / "skills.yaml",
        "skill",
        [
            skill(
                "skill:reading-comprehension", "Reading Comprehension", onet_element_id="2.A.1.a"
            ),
            skill("skill:active-listening", "Active Listening", onet_element_id="2.A.1.b"),
            skill("skill:writing", "Writing", onet_element_id="2.A.1.c"),
            skill(
                "skill:administration-and-management",
                "Administration and Management",
                category="knowledge",
                onet_element_id="2.C.1.a",
            ),
            skill("skill:microsoft-excel", "Microsoft Excel", category="technology"),
            skill("skill:spreadsheet-software", "Spreadsheet software", category="technology"),
        ],
    )
    write_yaml(
        knowledge / "occupations.yaml",
        "occupation",
        [
            {
                "id": "occupation:11-1111.00",
                "name": "Alpha Managers",
                "soc_code": "11-1111.00",
                "typical_education": "bachelor",
                "body": "A curated description written for the tests.",
                "skills": [{"skill": "skill:writing", "importance": 0.9}],
                "source_url": "https://www.onetcenter.org/database.html",
                "as_of": "2026-11-29",
            }
        ],
    )
    return _write_database(tmp_path / "onet", MADE_UP_ROWS), knowledge


def _import(made_up: tuple[Path, Path], tmp_path: Path):
    folder, knowledge = made_up
    outcome = import_onet(folder, knowledge, tmp_path / "data", as_of=AS_OF)
    kb = load_with_overlays(knowledge, overlay_dir(tmp_path / "data"))
    return outcome, kb


def test_rated_elements_and_known_technology_become_the_skills(made_up, tmp_path):
    outcome, kb = _import(made_up, tmp_path)
    beta = kb.get("occupation:22-2222.00")
    assert isinstance(beta, Occupation)
    # 4.12 -> 0.78; 3.0 -> 0.5 ties with technology and comes first; below 3.0, suppressed
    # and unknown elements are left out.
    assert [(s.skill, s.importance) for s in beta.skills] == [
        ("skill:reading-comprehension", 0.78),
        ("skill:administration-and-management", 0.5),
        ("skill:microsoft-excel", 0.5),
    ]
    assert beta.tools == ["Microsoft Excel", "Gamma Suite", "Zeta Tool"]
    assert beta.alternate_titles == ["Lead Beta", "Beta Worker"]
    assert beta.typical_education == "high_school"  # a tie goes to the lower level
    assert beta.job_zone == 3 and beta.body == LONG
    assert any("2.A.9.z" in note for note in outcome.warnings)


def test_an_unrated_occupation_gets_what_it_has_and_its_job_zones_education(made_up, tmp_path):
    outcome, kb = _import(made_up, tmp_path)
    gamma = kb.get("occupation:33-3333.00")
    assert isinstance(gamma, Occupation)
    assert [(s.skill, s.importance) for s in gamma.skills] == [
        ("skill:spreadsheet-software", 0.5),
        ("skill:active-listening", 0.38),
    ]
    assert gamma.typical_education == "bachelor"  # Job Zone 4, no rating
    assert any("Job Zone: 33-3333.00." in note for note in outcome.warnings)
    assert any("best-rated elements instead: 33-3333.00." in note for note in outcome.warnings)


def test_curated_occupations_win_and_the_empty_ones_are_skipped_with_the_reason(made_up, tmp_path):
    outcome, kb = _import(made_up, tmp_path)
    assert outcome.counts == {"occupation": 2}
    assert kb.get("occupation:11-1111.00").body == "A curated description written for the tests."
    assert outcome.warnings[0].startswith("1 O*NET occupations are curated")
    reasons = {s.document: s.reason for s in outcome.skipped}
    assert "at least one skill" in reasons["44-4444.00 Delta Workers, All Other"]
    assert "neither an education level nor a Job Zone" in reasons["55-5555.00 Epsilon Workers"]


def test_a_second_import_reports_no_change(made_up, tmp_path):
    folder, knowledge = made_up
    import_onet(folder, knowledge, tmp_path / "data", as_of=AS_OF)
    first = overlay_path(tmp_path / "data", "onet").read_text(encoding="utf-8")
    again = import_onet(folder, knowledge, tmp_path / "data", as_of=dt.date(2026, 12, 1))
    assert not again.since_last.changed
    second = overlay_path(tmp_path / "data", "onet").read_text(encoding="utf-8")
    assert first.replace("2026-11-29", "2026-12-01") == second


def test_a_missing_file_or_column_is_named(made_up, tmp_path):
    folder, _ = made_up
    (folder / "Job Zones.txt").unlink()
    with pytest.raises(KnowledgeBaseError, match=r"'Job Zones\.txt' is not in"):
        load_onet_tables(folder)
    (folder / "Job Zones.txt").write_text("O*NET-SOC Code\tTitle\n22-2222.00\tt\n")
    with pytest.raises(KnowledgeBaseError, match="has no column Job Zone"):
        load_onet_tables(folder)
    with pytest.raises(KnowledgeBaseError, match="is not a folder"):
        load_onet_tables(tmp_path / "nope")


def test_a_release_that_renumbers_education_levels_is_refused(made_up, tmp_path):
    folder, _ = made_up
    rows = dict(MADE_UP_ROWS)
    rows["Education, Training, and Experience Categories.txt"] = [
        ["2.D.1", "RL", "RL", "RL", "6", "Master's Degree"]
    ]
    _write_database(folder, rows)
    with pytest.raises(KnowledgeBaseError, match="education category 6"):
        load_onet_tables(folder)
