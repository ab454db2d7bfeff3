"""Import every O*NET-SOC occupation of the O*NET database into the ``onet`` overlay.

Reads the tab-separated text edition of the O*NET database (https://www.onetcenter.org/database.html,
CC BY 4.0): ``Occupation Data``, ``Skills``, ``Knowledge``, ``Technology Skills``, ``Job Zones``,
``Alternate Titles``, ``Education, Training, and Experience`` and its ``Categories``. Each file
is read once into dicts keyed by O*NET-SOC code.

The curated occupations win: a code whose ``occupation:<code>`` (or whose SOC code) is already
in ``knowledge/`` is left out and counted in the report. Every other occupation becomes a
complete item:

- ``name``, ``soc_code``, ``job_zone`` and ``body`` (O*NET's own description: imported data in
  the data folder may carry the source's text under CC BY 4.0; the attribution heads the file);
- ``typical_education``: the Required Level of Education category most respondents chose (ties
  go to the lower level); without a rating, the usual entry level of the occupation's Job Zone;
- ``alternate_titles``: up to ten, those named by more O*NET sources first;
- ``tools``: up to ten technology examples, Hot Technology and In Demand ones first;
- ``skills``: Skills and Knowledge elements with importance (IM) 3.0 or more, rescaled as
  (IM - 1) / 4 and resolved through the vocabulary's ``onet_element_id``, plus the occupation's
  technology examples the vocabulary names exactly (importance 0.5); at most 25, most important
  first. An occupation left with none gets what it has instead: its technology categories the
  vocabulary names and its best-rated elements below 3.0. One with nothing at all (the
  "All Other" catch-alls O*NET does not rate) is skipped and named in the report;
- ``tasks`` and ``related_occupations`` stay empty: those files are not part of the import.

Ratings O*NET recommends suppressing (too few respondents) are not used.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ler_navigator.errors import KnowledgeBaseError
from ler_navigator.kb.importers.overlay import (
    ImportOutcome,
    SkippedDocument,
    read_curated,
    save_import,
)
from ler_navigator.kb.loader import KnowledgeBase, build_knowledge
from ler_navigator.models.knowledge import Occupation, Skill

SOURCE = "onet"
DATABASE_PAGE = "https://www.onetcenter.org/database.html"
SUMMARY_PAGE = "https://www.onetonline.org/link/summary/"

OCCUPATION_FILE = "Occupation Data.txt"
SKILLS_FILE = "Skills.txt"
KNOWLEDGE_FILE = "Knowledge.txt"
TECHNOLOGY_FILE = "Technology Skills.txt"
JOB_ZONES_FILE = "Job Zones.txt"
TITLES_FILE = "Alternate Titles.txt"
EDUCATION_FILE = "Education, Training, and Experience.txt"
CATEGORIES_FILE = "Education, Training, and Experience Categories.txt"
README_FILE = "Read Me.txt"

CODE = "O*NET-SOC Code"
MIN_IMPORTANCE = 3.0
TECHNOLOGY_IMPORTANCE = 0.5
MAX_SKILLS = 25
MAX_TOOLS = 10
MAX_TITLES = 10
FALLBACK_ELEMENTS = 5

# Required Level of Education (RL) category -> the model's level, with the start of O*NET's
# category name, checked against the Categories file so a renumbered release fails loudly.
EDUCATION_CATEGORIES: dict[int, tuple[str, str]] = {
    1: ("none", "Less than a High School Diploma"),
    2: ("high_school", "High School Diploma"),
    3: ("postsecondary_certificate", "Post-Secondary Certificate"),
    4: ("some_college", "Some College Courses"),
    5: ("associate", "Associate's Degree"),
    6: ("bachelor", "Bachelor's Degree"),
    7: ("bachelor", "Post-Baccalaureate Certificate"),
    8: ("master", "Master's Degree"),
    9: ("master", "Post-Master's Certificate"),
    10: ("doctoral", "First Professional Degree"),
    11: ("doctoral", "Doctoral Degree"),
    12: ("doctoral", "Post-Doctoral Training"),
}
# The usual entry level of each Job Zone (O*NET's Job Zone Reference), for unrated occupations.
JOB_ZONE_EDUCATION: dict[int, str] = {
    1: "none",
    2: "high_school",
    3: "postsecondary_certificate",
    4: "bachelor",
    5: "master",
}

_RELEASE = re.compile(r"O\*NET\s+(\d+\.\d+)\s+Database")


@dataclass(frozen=True)
class Technology:
    """One technology example O*NET lists for an occupation."""

    example: str
    category: str
    hot: bool
    in_demand: bool


@dataclass
class OnetTables:
    """The O*NET files an import needs, keyed by O*NET-SOC code."""

    occupations: dict[str, tuple[str, str]] = field(default_factory=dict)  # title, description
    ratings: dict[str, dict[str, float]] = field(default_factory=dict)  # element id -> IM
    job_zones: dict[str, int] = field(default_factory=dict)
    education: dict[str, dict[int, float]] = field(default_factory=dict)  # RL category -> %
    titles: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # title, sources
    technology: dict[str, list[Technology]] = field(default_factory=dict)
    release: str | None = None


# ---------------------------------------------------------------- reading the text files
def load_onet_tables(directory: Path) -> OnetTables:
    """Read the O*NET text files in ``directory``, each once.

    Raises:
        KnowledgeBaseError: the folder, a file or a column the import needs is missing.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise KnowledgeBaseError(
            f"'{directory}' is not a folder.",
            hint="Pass the folder of the O*NET database text files (Occupation Data.txt, ...).",
        )
    tables = OnetTables()
    for code, title, description in _rows(directory, OCCUPATION_FILE, CODE, "Title", "Description"):
        tables.occupations[code] = (title.strip(), " ".join(description.split()))
    for name in (SKILLS_FILE, KNOWLEDGE_FILE):
        columns = ("Element ID", "Scale ID", "Data Value", "Recommend Suppress")
        for code, element, scale, value, suppress in _rows(directory, name, CODE, *columns):
            rating = _number(value)
            if scale == "IM" and suppress != "Y" and rating is not None:
                tables.ratings.setdefault(code, {})[element] = rating
    for code, zone in _rows(directory, JOB_ZONES_FILE, CODE, "Job Zone"):
        if zone.strip().isdigit():
            tables.job_zones[code] = int(zone)
    columns = ("Scale ID", "Category", "Data Value")
    for code, scale, category, value in _rows(directory, EDUCATION_FILE, CODE, *columns):
        share = _number(value)
        if scale == "RL" and category.strip().isdigit() and share is not None:
            tables.education.setdefault(code, {})[int(category)] = share
    for code, title, sources in _rows(directory, TITLES_FILE, CODE, "Alternate Title", "Source(s)"):
        if title.strip():
            count = len([s for s in sources.split(",") if s.strip()])
            tables.titles.setdefault(code, []).append((title.strip(), count))
    columns = ("Example", "Commodity Title", "Hot Technology", "In Demand")
    for code, example, category, hot, demand in _rows(directory, TECHNOLOGY_FILE, CODE, *columns):
        if example.strip():
            technology = Technology(example.strip(), category.strip(), hot == "Y", demand == "Y")
            tables.technology.setdefault(code, []).append(technology)
    _check_education_categories(directory)
    readme = directory / README_FILE
    if readme.is_file():
        found = _RELEASE.search(readme.read_text(encoding="utf-8-sig", errors="replace"))
        tables.release = found.group(1) if found else None
    return tables


def _rows(directory: Path, name: str, *columns: str) -> Iterator[list[str]]:
    """The named columns of every data row of one tab-separated file whose first one is set."""
    path = directory / name
    if not path.is_file():
        raise KnowledgeBaseError(
            f"The O*NET file '{name}' is not in {directory.name or directory}.",
            hint="Pass the folder of the O*NET database text files (the text edition).",
        )
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = handle.readline().rstrip("\r\n").split("\t")
            missing = [c for c in columns if c not in header]
            if missing:
                raise KnowledgeBaseError(
                    f"The O*NET file '{name}' has no column {', '.join(missing)}.",
                    hint="Use the O*NET database text edition, release 28.0 or later.",
                )
            positions = [header.index(c) for c in columns]
            width = max(positions) + 1
            for line in handle:
                cells = line.rstrip("\r\n").split("\t")
                if len(cells) >= width and cells[positions[0]]:
                    yield [cells[p] for p in positions]
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(f"Cannot read the O*NET file '{name}': {exc}") from exc


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _check_education_categories(directory: Path) -> None:
    """Fail when the release names its education categories differently than we map them."""
    if not (directory / CATEGORIES_FILE).is_file():
        return
    rows = _rows(
        directory, CATEGORIES_FILE, "Element ID", "Scale ID", "Category", "Category Description"
    )
    for _, scale, category, description in rows:
        if scale != "RL" or not category.strip().isdigit():
            continue
        expected = EDUCATION_CATEGORIES.get(int(category))
        if expected is None or not description.startswith(expected[1]):
            raise KnowledgeBaseError(
                f"O*NET education category {category} is '{description[:60]}', which this "
                "import does not know.",
                hint="The O*NET release changed its education levels; update the import.",
            )


# ---------------------------------------------------------------- the import
def import_onet(
    directory: Path, knowledge_dir: Path, data_dir: Path, *, as_of: dt.date
) -> ImportOutcome:
    """Read the O*NET text files in ``directory`` and write ``<data_dir>/imported/onet.yaml``.

    Raises:
        KnowledgeBaseError: a file or column is missing, or the imported occupations do not
            validate against the curated knowledge base.
    """
    curated_docs = read_curated(knowledge_dir)
    curated = build_knowledge(curated_docs)
    tables = load_onet_tables(directory)
    importer = OnetImporter(curated, tables, as_of=as_of)
    items = importer.run()
    outcome = save_import(
        SOURCE,
        {"occupation": items} if items else {},
        curated_docs=curated_docs,
        data_dir=data_dir,
        tracked=lambda item: False,
        skipped=importer.skipped,
        warnings=importer.notes(),
    )
    _add_header(Path(outcome.path), attribution(tables.release), as_of)
    return outcome


def attribution(release: str | None) -> str:
    """The CC BY 4.0 attribution O*NET asks of products that include its data."""
    database = f"O*NET {release} Database" if release else "O*NET Database"
    return (
        f"This product includes information from the {database} by the U.S. Department of "
        "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 "
        "license. O*NET® is a trademark of USDOL/ETA. LER Navigator has modified all or some "
        "of this information. USDOL/ETA has not approved, endorsed, or tested these "
        "modifications."
    )


def _add_header(path: Path, credit: str, as_of: dt.date) -> None:
    """Put the attribution at the top of the written overlay, as YAML comments."""
    lines = [
        f"O*NET occupations imported by 'ler-navigator import onet' on {as_of.isoformat()}",
        f"from {DATABASE_PAGE}. Re-run the import rather than editing this file.",
        "",
        *_wrap(credit, 94),
    ]
    header = "".join(f"# {line}".rstrip() + "\n" for line in lines)
    partial = path.with_suffix(path.suffix + ".partial")
    partial.write_text(header + path.read_text(encoding="utf-8"), encoding="utf-8")
    partial.replace(path)


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


class OnetImporter:
    """Turns O*NET tables into occupation items; one instance per import run."""

    def __init__(self, curated: KnowledgeBase, tables: OnetTables, *, as_of: dt.date) -> None:
        self.tables = tables
        self.as_of = as_of
        skills = [s for s in curated.by_kind("skill") if isinstance(s, Skill)]
        self.by_element = {s.onet_element_id: s.id for s in skills if s.onet_element_id}
        self.by_name = {s.name: s.id for s in sorted(skills, key=lambda s: s.id)}
        occupations = [o for o in curated.by_kind("occupation") if isinstance(o, Occupation)]
        self.curated_codes = {o.soc_code for o in occupations} | {
            o.id.removeprefix("occupation:") for o in occupations
        }
        self.skipped: list[SkippedDocument] = []
        self.kept: list[str] = []
        self.by_job_zone: list[str] = []
        self.fallback_skills: list[str] = []
        self.unresolved: set[str] = set()

    def run(self) -> list[dict[str, Any]]:
        """The occupation items, in code order; ``skipped`` and ``kept`` say what was not."""
        items = []
        for code in sorted(self.tables.occupations):
            if code in self.curated_codes:
                self.kept.append(code)
                continue
            item = self.occupation(code)
            if isinstance(item, str):
                title = self.tables.occupations[code][0]
                self.skipped.append(SkippedDocument(document=f"{code} {title}", reason=item))
            else:
                items.append(item)
        return items

    def occupation(self, code: str) -> dict[str, Any] | str:
        """One occupation item, or the reason it cannot be one."""
        title, description = self.tables.occupations[code]
        skills = self.skills(code)
        if not skills:
            return (
                "O*NET rates no skill or knowledge for it and lists no technology the "
                "vocabulary knows, and an occupation needs at least one skill"
            )
        education = self.education(code)
        if education is None:
            return "O*NET gives it neither an education level nor a Job Zone"
        if len(description) < 20:
            return "O*NET's description of it is too short for an occupation item"
        item: dict[str, Any] = {"id": f"occupation:{code}", "name": title, "soc_code": code}
        if code in self.tables.job_zones:
            item["job_zone"] = self.tables.job_zones[code]
        item.update(
            typical_education=education,
            body=description,
            tasks=[],
            skills=skills,
            tools=self.tools(code),
            alternate_titles=self.alternate_titles(code, title),
            related_occupations=[],
            url=SUMMARY_PAGE + code,
            source_url=DATABASE_PAGE,
            as_of=self.as_of,
        )
        return item

    def skills(self, code: str) -> list[dict[str, Any]]:
        """Rated elements of IM 3.0 or more and known technology, most important first.

        Equal weights keep rated elements first, then technology in ``tools`` order (Hot
        Technology and In Demand first), so the cap of 25 keeps what matters most.
        """
        ratings = self.tables.ratings.get(code, {})
        weights: dict[str, float] = {}
        for element, rating in ratings.items():
            if rating >= MIN_IMPORTANCE:
                self._weigh(weights, self._element_skill(element), _rescale(rating))
        elements = len(weights)
        technology = self._ranked_technology(code)
        for tech in technology:
            self._weigh(weights, self.by_name.get(tech.example), TECHNOLOGY_IMPORTANCE)
        if not weights:
            for tech in technology:
                self._weigh(weights, self.by_name.get(tech.category), TECHNOLOGY_IMPORTANCE)
            best = sorted(ratings.items(), key=lambda r: (-r[1], r[0]))[:FALLBACK_ELEMENTS]
            for element, rating in best:
                self._weigh(weights, self._element_skill(element), _rescale(rating))
            if weights:
                self.fallback_skills.append(code)
        # Rated elements tie-break by id; technology keeps its rank (weights keep insertion order).
        keys = {
            skill: (-weight, 0, skill, 0) if position < elements else (-weight, 1, "", position)
            for position, (skill, weight) in enumerate(weights.items())
        }
        ranked = sorted(weights, key=keys.__getitem__)[:MAX_SKILLS]
        return [{"skill": skill, "importance": weights[skill]} for skill in ranked]

    def _ranked_technology(self, code: str) -> list[Technology]:
        """The occupation's technology, Hot Technology and In Demand first, then file order."""
        technology = self.tables.technology.get(code, [])
        order = sorted(
            range(len(technology)),
            key=lambda i: (-(technology[i].hot + technology[i].in_demand), i),
        )
        return [technology[i] for i in order]

    def _element_skill(self, element: str) -> str | None:
        skill = self.by_element.get(element)
        if skill is None:
            self.unresolved.add(element)
        return skill

    @staticmethod
    def _weigh(weights: dict[str, float], skill: str | None, weight: float) -> None:
        if skill is not None:
            weights[skill] = max(weight, weights.get(skill, 0.0))

    def education(self, code: str) -> str | None:
        """The level most respondents named (lower level on a tie), else the Job Zone's."""
        shares = self.tables.education.get(code, {})
        known = {c: s for c, s in shares.items() if c in EDUCATION_CATEGORIES}
        if known and max(known.values()) > 0:
            category = min(known, key=lambda c: (-known[c], c))
            return EDUCATION_CATEGORIES[category][0]
        zone = self.tables.job_zones.get(code)
        if zone not in JOB_ZONE_EDUCATION:
            return None
        self.by_job_zone.append(code)
        return JOB_ZONE_EDUCATION[zone]

    def tools(self, code: str) -> list[str]:
        """Up to ten technology examples: Hot Technology and In Demand first, then file order."""
        return _first_unique((t.example for t in self._ranked_technology(code)), MAX_TOOLS)

    def alternate_titles(self, code: str, title: str) -> list[str]:
        """Up to ten alternate titles, those more sources report first, then file order."""
        titles = self.tables.titles.get(code, [])
        order = sorted(range(len(titles)), key=lambda i: (-titles[i][1], i))
        named = (titles[i][0] for i in order if titles[i][0].casefold() != title.casefold())
        return _first_unique(named, MAX_TITLES)

    def notes(self) -> list[str]:
        """What the report should say besides the counts."""
        notes = [
            f"{len(self.kept)} O*NET occupations are curated in the knowledge base and were "
            "kept as curated (not imported)."
        ]
        if self.by_job_zone:
            notes.append(
                f"{len(self.by_job_zone)} occupations have no O*NET education rating; their "
                "typical education is the usual entry level of their Job Zone: "
                + ", ".join(self.by_job_zone)
                + "."
            )
        if self.fallback_skills:
            notes.append(
                f"{len(self.fallback_skills)} occupations have no skill rated 3.0 or more nor "
                "known technology; they got their technology categories and best-rated "
                "elements instead: " + ", ".join(self.fallback_skills) + "."
            )
        if self.unresolved:
            notes.append(
                "O*NET elements missing from the skills vocabulary were left out: "
                + ", ".join(sorted(self.unresolved))
                + "."
            )
        return notes


def _rescale(rating: float) -> float:
    """O*NET importance (1-5) as the model's 0-1 weight."""
    return round((rating - 1) / 4, 2)


def _first_unique(values: Iterator[str] | Sequence[str], limit: int) -> list[str]:
    chosen: list[str] = []
    seen: set[str] = set()
    for value in values:
        if value.casefold() not in seen:
            seen.add(value.casefold())
            chosen.append(value)
        if len(chosen) == limit:
            break
    return chosen
