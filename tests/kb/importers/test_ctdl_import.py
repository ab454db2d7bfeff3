"""The CTDL import: every document imported or skipped with a reason; formats tolerated."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ler_navigator.cli import app
from ler_navigator.kb.importers.ctdl import (
    import_ctdl,
    is_document,
    load_nodes,
    parse_json_documents,
    text_of,
)
from ler_navigator.kb.importers.overlay import load_with_overlays, overlay_dir
from ler_navigator.models.knowledge import CredentialProgram, Occupation
from tests.kb.importers.conftest import KNOWLEDGE_DIR
from tests.kb.importers.importer_support import skill, write_yaml

AS_OF = dt.date(2026, 11, 29)


# ---------------------------------------------------------------- reading
def test_concatenated_documents_with_a_bom_and_a_broken_one_in_between():
    text = '\ufeff{"a": 1}\n{"b": 2,, }\n{"c": 3}\n[{"d": 4}]'
    parsed = list(parse_json_documents(text))
    assert [n for n, _ in parsed] == [1, 2, 3, 4]
    assert parsed[0][1] == {"a": 1}
    assert isinstance(parsed[1][1], json.JSONDecodeError)
    assert parsed[2][1] == {"c": 3} and parsed[3][1] == [{"d": 4}]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"en-US": "Welding  Basics"}, "Welding Basics"),
        ({"fr": "Soudage", "en-us": "Welding"}, "Welding"),
        ({"fr": "Soudage"}, "Soudage"),
        ([{"en": ["First", "Second"]}], "First"),
        ({"@value": "Plain"}, "Plain"),
        (None, ""),
    ],
)
def test_language_maps(value: object, expected: str):
    assert text_of(value) == expected


# ---------------------------------------------------------------- small, made-up records
@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    write_yaml(
        folder / "skills.yaml",
        "skill",
        [
            skill("skill:welding", "Welding", aliases=["arc welding"]),
            skill("skill:python", "Python"),
            skill("skill:blueprint-reading", "Blueprint reading"),
        ],
    )
    return folder


def _write(folder: Path, name: str, payload: object, *, bom: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    text = payload if isinstance(payload, str) else json.dumps(payload)
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def _credential(name: str, ctdl_type: str = "ceterms:Certificate", **extra: object) -> dict:
    return {
        "@id": f"https://example.org/resources/{name.lower().replace(' ', '-')}",
        "@type": ctdl_type,
        "ceterms:ctid": "ce-11111111-2222-3333-4444-555555555555",
        "ceterms:name": {"en-US": name},
        **extra,
    }


def test_records_become_items_or_named_skips(knowledge: Path, tmp_path: Path):
    records = tmp_path / "ctdl"
    org = {
        "@id": "https://example.org/resources/org",
        "@type": "ceterms:CredentialOrganization",
        "ceterms:name": {"en": "Example Welding School"},
    }
    _write(
        records,
        "graph.json",
        {
            "@graph": [
                _credential(
                    "Welding Certificate",
                    **{
                        "ceterms:ownedBy": ["https://example.org/resources/org"],
                        "ceterms:requires": [
                            {
                                "@type": "ceterms:ConditionProfile",
                                "ceterms:targetCompetency": [
                                    {
                                        "@type": "ceterms:CredentialAlignmentObject",
                                        "ceterms:targetNodeName": {"en": "Arc welding"},
                                    }
                                ],
                            }
                        ],
                        "ceterms:estimatedDuration": [
                            {"@type": "ceterms:DurationProfile", "ceterms:exactDuration": "P6M"}
                        ],
                    },
                ),
                org,
                _credential("Pottery Badge", "ceterms:OpenBadge"),
            ]
        },
    )
    _write(
        records,
        "array.json",
        [
            _credential(
                "Python Course",
                "ceterms:Course",
                **{"ceterms:keyword": {"en-us": ["Python", "Jupyter"]}},
            ),
            {
                "@id": "https://example.org/resources/blueprints",
                "@type": "ceasn:Competency",
                "ceasn:competencyText": {"en-us": "Reading shop drawings (e.g., welds)"},
            },
            {"@type": "ceterms:Occupation", "ceterms:name": {"en": "Welder"}},
        ],
        bom=True,
    )
    _write(records, "broken.json", '{"@type": "ceterms:Job",, }')
    outcome = import_ctdl([records], knowledge, tmp_path / "data", as_of=AS_OF)
    assert outcome.counts == {"credential": 2, "skill": 1}
    reasons = {s.document: s.reason for s in outcome.skipped}
    assert any("Pottery Badge" in d and "skill" in r for d, r in reasons.items())
    assert any("Example Welding School" in d and "organization" in r for d, r in reasons.items())
    assert any("Welder" in d and "SOC" in r for d, r in reasons.items())
    assert any(d == "broken.json" and "not valid JSON" in r for d, r in reasons.items())
    kb = load_with_overlays(knowledge, overlay_dir(tmp_path / "data"))
    welding = kb.get("credential:welding-certificate")
    assert isinstance(welding, CredentialProgram)
    assert welding.skills == ["skill:welding"]
    assert welding.issuer == "Example Welding School"
    assert welding.duration == "6 months"
    assert "ctid:ce-11111111-2222-3333-4444-555555555555" in welding.tags
    assert kb.get("credential:python-course").credential_type == "course"
    new_skill = kb.get("skill:reading-shop-drawings")
    assert new_skill is not None and new_skill.name == "Reading shop drawings"


def test_an_occupation_needs_a_soc_code_skills_and_an_education_level(knowledge, tmp_path):
    occupation = {
        "@id": "https://example.org/resources/welder",
        "@type": "ceterms:Occupation",
        "ceterms:name": {"en": "Welders, Cutters, Solderers, and Brazers"},
        "ceterms:occupationType": [
            {
                "@type": "ceterms:CredentialAlignmentObject",
                "ceterms:codedNotation": "51-4121",
                "ceterms:targetNodeName": "Welders",
            }
        ],
        "ceterms:keyword": ["Welding", "Blueprint reading"],
        "ceterms:audienceLevelType": [
            {
                "@type": "ceterms:CredentialAlignmentObject",
                "ceterms:targetNode": "audLevel:SecondaryLevel",
            }
        ],
    }
    _write(tmp_path / "in", "occupation.json", occupation)
    outcome = import_ctdl([tmp_path / "in"], knowledge, tmp_path / "data", as_of=AS_OF)
    assert outcome.counts == {"occupation": 1}
    kb = load_with_overlays(knowledge, overlay_dir(tmp_path / "data"))
    item = kb.get("occupation:51-4121.00")
    assert isinstance(item, Occupation)
    assert item.typical_education == "high_school"
    assert [s.skill for s in item.skills] == ["skill:blueprint-reading", "skill:welding"]


# ---------------------------------------------------------------- the shared samples
@pytest.fixture(scope="module")
def shared_import(ctdl_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    data_dir = tmp_path_factory.mktemp("ctdl-data")
    outcome = import_ctdl([ctdl_dir], KNOWLEDGE_DIR, data_dir, as_of=AS_OF)
    return outcome, load_with_overlays(KNOWLEDGE_DIR, overlay_dir(data_dir))


def test_every_shared_document_is_imported_or_skipped_with_a_reason(ctdl_dir, shared_import):
    outcome, _ = shared_import
    parsed = load_nodes([ctdl_dir])
    documents = [n for n in parsed.nodes if is_document(n)]
    assert sum(outcome.counts.values()) + len(outcome.skipped) == len(documents) + len(
        parsed.skipped
    )
    assert all(s.reason for s in outcome.skipped)
    assert outcome.counts["credential"] >= 25


def test_shared_samples_map_to_the_expected_kinds(shared_import):
    outcome, kb = shared_import
    skipped = {s.document: s.reason for s in outcome.skipped}
    assert any(
        d.startswith("HutchinsonWeldingAAS.json (document 2)") and "not valid JSON" in r
        for d, r in skipped.items()
    )
    assert sum("Verifiable Credential" in r for r in skipped.values()) == 4
    assert any("Bar Tender" in d and "SOC" in r for d, r in skipped.items())
    assert any("Pathway" in d and "pathway" in r for d, r in skipped.items())
    credentials = {c.name: c for c in kb.by_kind("credential") if "ctdl" in c.tags}
    envelope = credentials["Insurance Studies Certificate"]  # inside a registry envelope
    assert envelope.credential_type == "course"
    degree = credentials["Bachelor of Science, Computer Science (BSCS_202412)"]
    assert degree.credential_type == "degree"
    assert "skill:computer-networking" in degree.skills
    assert "ctid:ce-8f5a2e25-7a30-4eb0-ab9e-ab441ac928c6" in degree.tags
    assert credentials["WGU Certificate: AWS Cloud DevOps v1.1"].credential_type == "badge"


def test_import_ctdl_command(ctdl_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LER_NAV_KNOWLEDGE_DIR", str(KNOWLEDGE_DIR))
    monkeypatch.setenv("LER_NAV_DATA_DIR", str(tmp_path))
    wgu = ctdl_dir / "ctdl-xtra" / "eval" / "wgu"
    result = CliRunner().invoke(app, ["import", "ctdl", str(wgu), "--as-of", "2026-11-29"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Imported ctdl: 5 credential."
    missing = CliRunner().invoke(app, ["import", "ctdl", str(tmp_path / "nope")])
    assert missing.exit_code == 1
    assert "does not exist" in missing.output
