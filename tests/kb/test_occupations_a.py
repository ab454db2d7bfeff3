"""Checks for ``knowledge/careers/occupations_a.yaml``: SOC groups 11-35 against O*NET 29.3."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from ler_navigator.kb.loader import build_knowledge
from ler_navigator.models.knowledge import Occupation
from tests.kb import occupation_support as support

REPO = Path(__file__).resolve().parents[2]
CAREERS_DIR = REPO / "knowledge" / "careers"
OCCUPATIONS_FILE = CAREERS_DIR / "occupations_a.yaml"
SKILLS_DIR = REPO / "knowledge" / "skills"
ONET_DIR = REPO / ".." / "shared" / "onet"  # O*NET 29.3 text files, read by tests only
AS_OF = dt.date(2026, 11, 29)
MAJOR_GROUPS = ("11", "13", "15", "17", "19", "21", "23", "25", "27", "29", "31", "33", "35")

# The pathways this file must cover: every listed occupation of the major groups above.
EXPECTED_CODES = (
    "11-3012.00",
    "11-3013.00",
    "11-3121.00",
    "11-9051.00",
    "11-9071.00",
    "11-9131.00",
    "13-1022.00",
    "13-1032.00",
    "13-1071.00",
    "13-1074.00",
    "13-1151.00",
    "13-2011.00",
    "13-2081.00",
    "13-2082.00",
    "15-1211.00",
    "15-1212.00",
    "15-1231.00",
    "15-1232.00",
    "15-1241.01",
    "15-1244.00",
    "15-1252.00",
    "15-1254.00",
    "15-1299.02",
    "15-1299.08",
    "17-1022.00",
    "17-3011.00",
    "17-3012.00",
    "17-3013.00",
    "17-3021.00",
    "17-3023.00",
    "17-3026.00",
    "17-3031.00",
    "19-4012.00",
    "19-4013.00",
    "19-4031.00",
    "19-4051.00",
    "19-4071.00",
    "21-1012.00",
    "21-1015.00",
    "21-1021.00",
    "21-1091.00",
    "21-1093.00",
    "23-1011.00",
    "23-2011.00",
    "23-2093.00",
    "25-1194.00",
    "25-2011.00",
    "25-3021.00",
    "25-3041.00",
    "25-4031.00",
    "25-9042.00",
    "27-1012.00",
    "27-1013.00",
    "27-1022.00",
    "27-1023.00",
    "27-1024.00",
    "27-1026.00",
    "27-4011.00",
    "29-1124.00",
    "29-1126.00",
    "29-1141.00",
    "29-1292.00",
    "29-2012.00",
    "29-2031.00",
    "29-2032.00",
    "29-2033.00",
    "29-2034.00",
    "29-2035.00",
    "29-2042.00",
    "29-2043.00",
    "29-2051.00",
    "29-2052.00",
    "29-2055.00",
    "29-2061.00",
    "31-1121.00",
    "31-1122.00",
    "31-1131.00",
    "31-1132.00",
    "31-1133.00",
    "31-2011.00",
    "31-2012.00",
    "31-2021.00",
    "31-9091.00",
    "31-9092.00",
    "31-9097.00",
    "33-1011.00",
    "33-1012.00",
    "33-1021.00",
    "33-2011.00",
    "33-2021.00",
    "33-2022.00",
    "33-3011.00",
    "33-3051.00",
    "33-9032.00",
    "35-1011.00",
    "35-1012.00",
    "35-2012.00",
    "35-2013.00",
    "35-2014.00",
    "35-2015.00",
    "35-2021.00",
    "35-3011.00",
    "35-3023.00",
)

# Required Level of Education category (O*NET "RL" scale) -> the model's EducationLevel.
RL_TO_EDUCATION = {
    1: "none",
    2: "high_school",
    3: "postsecondary_certificate",
    4: "some_college",
    5: "associate",
    6: "bachelor",
    7: "bachelor",
    8: "master",
    9: "master",
    10: "doctoral",
    11: "doctoral",
    12: "doctoral",
}


# ---------------------------------------------------------------- loading
def _raw_items() -> tuple[dict, ...]:
    return support.raw_items(OCCUPATIONS_FILE)


def _occupations() -> tuple[Occupation, ...]:
    return support.occupations(OCCUPATIONS_FILE)


def _by_code() -> dict[str, Occupation]:
    return support.by_code(OCCUPATIONS_FILE)


def _onet_rows(file_name: str, prefixes: tuple[str, ...] = MAJOR_GROUPS) -> Iterator[dict]:
    return support.onet_rows(file_name, prefixes)


def _onet_importance() -> dict[str, dict[str, float]]:
    return support.onet_importance(MAJOR_GROUPS)


_skill_documents = support.skill_documents
_vocabulary = support.vocabulary
_onet_titles = support.onet_titles
_words = support.words


# ---------------------------------------------------------------- coverage and ids
def test_every_listed_occupation_is_present_exactly_once() -> None:
    counts = Counter(raw["soc_code"] for raw in _raw_items())
    assert sorted(counts) == sorted(EXPECTED_CODES)
    assert set(counts.values()) == {1}
    assert len(EXPECTED_CODES) == len(set(EXPECTED_CODES)) == 103


def test_ids_are_the_soc_code() -> None:
    for occupation in _occupations():
        assert occupation.id == f"occupation:{occupation.soc_code}"
        assert occupation.major_group in MAJOR_GROUPS


def test_items_are_dated_and_link_to_onet() -> None:
    for occupation in _occupations():
        assert occupation.as_of == AS_OF
        assert str(occupation.source_url) == "https://www.onetcenter.org/database.html"
        assert str(occupation.url) == (
            f"https://www.onetonline.org/link/summary/{occupation.soc_code}"
        )


# ---------------------------------------------------------------- facts from O*NET 29.3
def test_names_are_the_onet_titles() -> None:
    titles = _onet_titles()
    for occupation in _occupations():
        assert occupation.name == titles[occupation.soc_code][0]


def test_job_zones_match_onet() -> None:
    zones = {row["O*NET-SOC Code"]: int(row["Job Zone"]) for row in _onet_rows("Job Zones.txt")}
    for occupation in _occupations():
        assert occupation.job_zone == zones[occupation.soc_code], occupation.soc_code


def test_typical_education_is_the_most_common_required_level() -> None:
    shares: dict[str, dict[int, float]] = defaultdict(dict)
    for row in _onet_rows("Education, Training, and Experience.txt"):
        if row["Scale ID"] == "RL":
            shares[row["O*NET-SOC Code"]][int(row["Category"])] = float(row["Data Value"])
    rated = [o for o in _occupations() if o.soc_code in shares]
    assert len(rated) >= 90
    for occupation in rated:
        by_category = shares[occupation.soc_code]
        most_common = max(sorted(by_category), key=lambda category: by_category[category])
        assert occupation.typical_education == RL_TO_EDUCATION[most_common], occupation.soc_code


def test_alternate_titles_are_exact_onet_titles() -> None:
    known: dict[str, set[str]] = defaultdict(set)
    for row in _onet_rows("Alternate Titles.txt"):
        known[row["O*NET-SOC Code"]].add(row["Alternate Title"])
    for occupation in _occupations():
        titles = occupation.alternate_titles
        assert 1 <= len(titles) <= 10, occupation.soc_code
        assert len(titles) >= min(5, len(known[occupation.soc_code])), occupation.soc_code
        assert len(set(titles)) == len(titles), occupation.soc_code
        assert set(titles) <= known[occupation.soc_code], occupation.soc_code


def test_tools_are_exact_onet_technology_names() -> None:
    known: dict[str, set[str]] = defaultdict(set)
    for row in _onet_rows("Technology Skills.txt"):
        known[row["O*NET-SOC Code"]].add(row["Example"])
    for occupation in _occupations():
        tools = occupation.tools
        assert 5 <= len(tools) <= 10, occupation.soc_code
        assert len(set(tools)) == len(tools), occupation.soc_code
        assert set(tools) <= known[occupation.soc_code], occupation.soc_code


def test_onet_rated_skills_carry_the_rescaled_importance() -> None:
    """Every rated element at IM >= 3.0 that is listed keeps at least (IM - 1) / 4."""
    ratings = _onet_importance()
    vocabulary = _vocabulary()
    checked = 0
    for occupation in _occupations():
        rated = ratings.get(occupation.soc_code)
        if not rated:
            continue
        for required in occupation.skills:
            element = vocabulary.get(required.skill)
            if element is None or element not in rated or rated[element] < 3.0:
                continue
            assert required.importance >= round((rated[element] - 1) / 4, 2) - 1e-9, (
                occupation.soc_code,
                required.skill,
            )
            checked += 1
        top_element = max(sorted(rated), key=lambda element_id: rated[element_id])
        top_skills = {s.skill for s in occupation.skills if vocabulary.get(s.skill) == top_element}
        assert top_skills, f"{occupation.soc_code} lacks its top-rated O*NET element {top_element}"
    assert checked >= 1000


def test_unrated_occupations_still_have_specific_skills() -> None:
    ratings = _onet_importance()
    vocabulary = _vocabulary()
    unrated = [o for o in _occupations() if o.soc_code not in ratings]
    assert {o.soc_code for o in unrated} == {"15-1252.00", "29-2042.00", "29-2043.00"}
    for occupation in unrated:
        specific = [s for s in occupation.skills if vocabulary.get(s.skill) is None]
        assert len(specific) >= 8, occupation.soc_code


# ---------------------------------------------------------------- skills and links
def test_each_occupation_has_ten_to_25_skills_that_resolve() -> None:
    vocabulary = _vocabulary()
    if not vocabulary:
        pytest.skip("the skills vocabulary is not written yet")
    for occupation in _occupations():
        ids = [required.skill for required in occupation.skills]
        assert 10 <= len(ids) <= 25, occupation.soc_code
        assert len(set(ids)) == len(ids), occupation.soc_code
        missing = sorted(set(ids) - set(vocabulary))
        assert not missing, f"{occupation.soc_code} links unknown skills {missing}"


def test_hand_weighted_skills_stay_in_their_band() -> None:
    vocabulary = _vocabulary()
    for occupation in _occupations():
        for required in occupation.skills:
            if vocabulary.get(required.skill) is None:
                assert 0.6 <= required.importance <= 0.95, (occupation.soc_code, required.skill)


@pytest.mark.parametrize(
    ("soc_code", "skill_id"),
    [
        ("31-1131.00", "skill:vital-signs"),
        ("31-1131.00", "skill:patient-care"),
        ("15-1232.00", "skill:help-desk-support"),
        ("15-1232.00", "skill:troubleshooting"),
        ("35-2014.00", "skill:food-safety"),
        ("35-2014.00", "skill:line-cooking"),
        ("31-9097.00", "skill:phlebotomy"),
        ("29-2042.00", "skill:cardiopulmonary-resuscitation"),
        ("13-2011.00", "skill:general-ledger"),
        ("33-9032.00", "skill:security-patrol"),
    ],
)
def test_distinguishing_skills_rank_high(soc_code: str, skill_id: str) -> None:
    skills = {required.skill: required.importance for required in _by_code()[soc_code].skills}
    assert skills.get(skill_id, 0.0) >= 0.8


def test_related_occupations_are_other_known_occupations() -> None:
    titles = _onet_titles()
    for occupation in _occupations():
        related = occupation.related_occupations
        assert 1 <= len(related) <= 4, occupation.soc_code
        assert occupation.id not in related
        for item_id in related:
            assert item_id.removeprefix("occupation:") in titles, item_id


def test_file_validates_with_the_loader() -> None:
    """Links resolve once stand-ins cover occupations that a sibling file defines."""
    vocabulary = _vocabulary()
    if not vocabulary:
        pytest.skip("the skills vocabulary is not written yet")
    documents: list[tuple[str, object]] = list(_skill_documents())
    documents.append((OCCUPATIONS_FILE.name, yaml.safe_load(OCCUPATIONS_FILE.read_text("utf-8"))))
    ours = {occupation.id for occupation in _occupations()}
    foreign = sorted({i for o in _occupations() for i in o.related_occupations} - ours)
    stubs = [
        {
            "id": item_id,
            "name": item_id,
            "soc_code": item_id.removeprefix("occupation:"),
            "typical_education": "none",
            "body": "Stand-in for an occupation another knowledge file defines.",
            "source_url": "https://www.onetcenter.org/database.html",
            "as_of": "2026-11-29",
            "skills": [{"skill": sorted(vocabulary)[0], "importance": 0.5}],
        }
        for item_id in foreign
    ]
    documents.append(("stand-ins", {"kind": "occupation", "items": stubs}))
    loaded = build_knowledge(documents)
    assert {item.id for item in loaded.by_kind("occupation")} >= ours


# ---------------------------------------------------------------- our own words
def test_bodies_share_no_eight_word_run_with_onet_descriptions() -> None:
    titles = _onet_titles()
    for occupation in _occupations():
        source = _words(titles[occupation.soc_code][1])
        runs = {tuple(source[i : i + 8]) for i in range(len(source) - 7)}
        body = _words(occupation.body)
        shared = [
            " ".join(body[i : i + 8])
            for i in range(len(body) - 7)
            if tuple(body[i : i + 8]) in runs
        ]
        assert not shared, (occupation.soc_code, shared)


def test_tasks_are_short_resume_phrases() -> None:
    for occupation in _occupations():
        tasks = occupation.tasks
        assert 4 <= len(tasks) <= 8, occupation.soc_code
        assert len(set(tasks)) == len(tasks), occupation.soc_code
        for task in tasks:
            assert 2 <= len(task.split()) <= 10, task
            assert not task.endswith("."), task


def test_bodies_have_two_or_three_sentences() -> None:
    for occupation in _occupations():
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", occupation.body) if s]
        assert 2 <= len(sentences) <= 3, occupation.soc_code


def test_routes_are_one_to_three_ways_in() -> None:
    for occupation in _occupations():
        routes = occupation.routes
        assert 1 <= len(routes) <= 3, occupation.soc_code
        assert len({route.route_type for route in routes}) == len(routes), occupation.soc_code


def test_middle_skill_pathways_show_a_way_in_without_a_degree() -> None:
    """Middle-skill pathways must show a way in that is not a four-year degree."""
    for occupation in _occupations():
        types = {route.route_type for route in occupation.routes}
        if occupation.typical_education in ("none", "high_school", "postsecondary_certificate"):
            assert types - {"bachelor_degree"}, occupation.soc_code
