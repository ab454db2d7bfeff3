"""Checks for ``knowledge/careers/credentials.yaml`` and ``knowledge/careers/employers.yaml``.

Credentials close skill gaps and employers show who hires on skills, so every link they carry
(skills, occupations, programs) must resolve, and every alias must point at one credential only:
aliases are how typed text and résumé lines are recognised as credentials.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pytest
import yaml
from pydantic import TypeAdapter

from ler_navigator.matching.text_evidence import credential_words as normalize_name
from ler_navigator.models.knowledge import CredentialProgram, Employer

REPO = Path(__file__).resolve().parents[2]
KNOWLEDGE = REPO / "knowledge"
CREDENTIALS_FILE = KNOWLEDGE / "careers" / "credentials.yaml"
EMPLOYERS_FILE = KNOWLEDGE / "careers" / "employers.yaml"
AS_OF = dt.date(2026, 11, 29)

MIN_CREDENTIALS = 300
MIN_EMPLOYERS = 60


def _items(path: Path, kind: str) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["kind"] == kind, f"{path.name} must hold kind: {kind}"
    return data["items"]


def _ids(pattern: str, kind: str) -> set[str]:
    found: set[str] = set()
    for path in sorted(KNOWLEDGE.glob(pattern)):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("kind") == kind:
            found.update(item["id"] for item in data["items"])
    return found


@pytest.fixture(scope="module")
def credentials() -> list[CredentialProgram]:
    adapter = TypeAdapter(CredentialProgram)
    return [
        adapter.validate_python({"kind": "credential", **raw})
        for raw in _items(CREDENTIALS_FILE, "credential")
    ]


@pytest.fixture(scope="module")
def employers() -> list[Employer]:
    adapter = TypeAdapter(Employer)
    return [
        adapter.validate_python({"kind": "employer", **raw})
        for raw in _items(EMPLOYERS_FILE, "employer")
    ]


@pytest.fixture(scope="module")
def skill_ids() -> set[str]:
    return _ids("skills/*.yaml", "skill")


@pytest.fixture(scope="module")
def occupation_ids() -> set[str]:
    ids = _ids("careers/occupations_*.yaml", "occupation")
    if not ids:
        pytest.skip("no knowledge/careers/occupations_*.yaml yet: occupation links not checkable")
    return ids


def alias_collisions(credentials: Iterable[CredentialProgram]) -> dict[str, list[str]]:
    """Normalized name or alias -> the credential ids it would match, where more than one.

    Uses the same normalization as the credential matcher, so 'CDL-A' and 'CDL A' count as one.
    """
    owners: dict[str, set[str]] = defaultdict(set)
    for credential in credentials:
        for label in [credential.name, *credential.aliases]:
            owners[normalize_name(label)].add(credential.id)
    return {form: sorted(ids) for form, ids in sorted(owners.items()) if len(ids) > 1}


def _credential(item_id: str, name: str, aliases: list[str]) -> CredentialProgram:
    return CredentialProgram(
        id=item_id,
        name=name,
        aliases=aliases,
        credential_type="certification",
        issuer="Example issuer",
        skills=["skill:a", "skill:b"],
        body="A credential used only to exercise the collision check.",
        source_url="https://example.org/",
        as_of=AS_OF,
    )


def test_alias_collisions_ignore_case_and_punctuation() -> None:
    found = alias_collisions(
        [
            _credential("credential:one", "One", ["CDL-A", "Solo"]),
            _credential("credential:two", "Two", ["cdl a"]),
        ]
    )
    assert found == {"cdl a": ["credential:one", "credential:two"]}


def test_counts(credentials: list[CredentialProgram], employers: list[Employer]) -> None:
    assert len(credentials) >= MIN_CREDENTIALS
    assert len(employers) >= MIN_EMPLOYERS


def test_ids_are_unique_and_sorted(
    credentials: list[CredentialProgram], employers: list[Employer]
) -> None:
    for items in (credentials, employers):
        ids = [item.id for item in items]
        assert len(ids) == len(set(ids))
        assert ids == sorted(ids), "keep items in id order so diffs stay small"


def test_every_credential_has_occupations_and_skills(credentials: list[CredentialProgram]) -> None:
    thin = [c.id for c in credentials if not c.occupations or len(c.skills) < 2]
    assert thin == []
    too_many = [c.id for c in credentials if len(c.skills) > 8 or len(c.occupations) > 5]
    assert too_many == []


def test_credential_skills_resolve(
    credentials: list[CredentialProgram], skill_ids: set[str]
) -> None:
    missing = sorted({s for c in credentials for s in c.skills} - skill_ids)
    assert missing == []


def test_credential_occupations_resolve(
    credentials: list[CredentialProgram], occupation_ids: set[str]
) -> None:
    missing = sorted({o for c in credentials for o in c.occupations} - occupation_ids)
    assert missing == []


def test_aliases_are_unique_across_credentials(credentials: list[CredentialProgram]) -> None:
    assert alias_collisions(credentials) == {}


def test_aliases_do_not_repeat_within_a_credential(credentials: list[CredentialProgram]) -> None:
    for credential in credentials:
        forms = [normalize_name(alias) for alias in credential.aliases]
        assert len(forms) == len(set(forms)), f"{credential.id} repeats an alias"
        assert normalize_name(credential.name) not in forms, f"{credential.id} aliases its name"


# Words and acronyms that mean something else in everyday or résumé text ("any tips?", "6 mos",
# a military MOS, 9am CST, FEMA's NIMS). The credential matcher credits a learner with a
# credential whenever one of its aliases appears, so none of these may be an alias on its own.
AMBIGUOUS_FORMS = {
    "cet",
    "cfd",
    "cma",
    "cqi",
    "crt",
    "csm",
    "cst",
    "mos",
    "nate",
    "network",
    "nims",
    "nrp",
    "pals",
    "security",
    "sit",
    "tips",
}


def test_no_alias_is_an_everyday_word_or_ambiguous_acronym(
    credentials: list[CredentialProgram],
) -> None:
    ambiguous = sorted(
        (c.id, alias)
        for c in credentials
        for alias in c.aliases
        if normalize_name(alias) in AMBIGUOUS_FORMS
    )
    assert ambiguous == []


def test_common_resume_spellings_are_recognised(credentials: list[CredentialProgram]) -> None:
    owner = {normalize_name(label): c.id for c in credentials for label in [c.name, *c.aliases]}
    expected = {
        "CDL-A": "credential:cdl-class-a",
        "CDL Class A": "credential:cdl-class-a",
        "CNA": "credential:certified-nursing-assistant",
        "ServSafe Manager": "credential:servsafe-manager",
        "EPA 608": "credential:epa-section-608",
        "OSHA 30": "credential:osha-30-hour",
        "CPhT": "credential:ptcb-cpht",
        "CCNA": "credential:cisco-ccna",
        "PMP": "credential:pmp",
        "A+": "credential:comptia-a-plus",
        "Network+": "credential:comptia-network-plus",
        "Sec+": "credential:comptia-security-plus",
    }
    assert {text: owner.get(normalize_name(text)) for text in expected} == expected


def test_apprenticeships_are_paid_and_name_their_sponsor(
    credentials: list[CredentialProgram],
) -> None:
    apprenticeships = [c for c in credentials if c.credential_type == "registered_apprenticeship"]
    assert len(apprenticeships) >= 9
    assert all(c.cost_band == "paid_while_learning" for c in apprenticeships)
    assert all("Registered Apprenticeship" in c.issuer for c in apprenticeships)


def test_every_employer_is_sourced_and_hires_into_an_occupation(
    employers: list[Employer],
) -> None:
    assert [e.id for e in employers if not e.occupations] == []
    assert all(str(e.source_url).startswith("https://") for e in employers)


def test_employer_links_resolve(
    employers: list[Employer], credentials: list[CredentialProgram], skill_ids: set[str]
) -> None:
    credential_ids = {c.id for c in credentials}
    assert sorted({p for e in employers for p in e.programs} - credential_ids) == []
    assert sorted({s for e in employers for s in e.skills} - skill_ids) == []


def test_employer_occupations_resolve(employers: list[Employer], occupation_ids: set[str]) -> None:
    missing = sorted({o for e in employers for o in e.occupations} - occupation_ids)
    assert missing == []


def test_items_were_checked_on_the_curation_date(
    credentials: list[CredentialProgram], employers: list[Employer]
) -> None:
    assert {item.as_of for item in [*credentials, *employers]} == {AS_OF}
