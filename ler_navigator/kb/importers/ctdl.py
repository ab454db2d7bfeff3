"""Import Credential Engine CTDL / CTDL-ASN JSON-LD into the ``ctdl`` overlay.

What a *document* is: every top-level resource in a file (a single object, each element of a
JSON array, each node of an ``@graph``, the resource inside a registry envelope, each JSON
text of a file that concatenates several). Support classes (condition, cost and duration
profiles, alignment objects, addresses, pathway components, tasks, ...) are parts of the
resources that point at them, not documents. Each document is imported or reported as
skipped with the reason.

Mapping:

- credentials (``ceterms:Certificate``, ``Certification``, ``License``, ``Badge``,
  ``OpenBadge``, ``*Degree``, ...) -> ``credential`` with ``credential_type`` mapped;
  learning opportunities, programs and courses -> ``credential`` of type ``course``. Skills come
  from the competencies, subjects, majors and keywords the record names, resolved through the
  skills vocabulary (name or alias, then a mention inside the name); only when none resolve,
  from vocabulary names written in the description. No skill -> skipped (a credential needs
  one). SOC codes in ``occupationType`` link curated occupations.
- ``ceasn:Competency`` with a name (a label, or a short statement) -> ``skill``, unless the
  vocabulary already has it or it only groups other competencies.
- ``ceterms:Occupation`` -> ``occupation`` only with a SOC code, named skills and an audience
  level that gives the typical education; otherwise skipped with the reason.
- organizations, jobs, pathways, competency frameworks (imported competency by competency),
  W3C Verifiable Credentials (LERs, read by ``ler-navigator ingest``): skipped with the reason.

Prose is never copied: bodies are built from the record's facts in our own words. A record's
CTID is kept as the tag ``ctid:<ctid>``. ``source_url`` is a URL the record itself states (its
``@id`` or subject webpage); a record with neither is skipped rather than given a made-up URL.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ler_navigator.errors import KnowledgeBaseError
from ler_navigator.kb.importers.overlay import (
    ImportOutcome,
    SkippedDocument,
    normalize_title,
    read_curated,
    save_import,
)
from ler_navigator.kb.loader import KnowledgeBase, build_knowledge
from ler_navigator.models.knowledge import CredentialProgram, KnowledgeItem, Occupation, slugify
from ler_navigator.skills.normalize import normalize_phrase
from ler_navigator.skills.vocabulary import SkillVocabulary

SOURCE = "ctdl"
FILE_SUFFIXES = (".json", ".jsonld")
LANGUAGES = ("en-US", "en-us", "en", "en-GB", "en-gb")
MAX_NAME_WORDS = 6

CREDENTIAL_TYPES: dict[str, str] = {
    "Certificate": "certificate",
    "AcademicCertificate": "certificate",
    "CertificateOfCompletion": "certificate",
    "CertificateOfParticipation": "certificate",
    "ProfessionalCertificate": "certificate",
    "ProfessionalDoctorate": "degree",
    "ResearchDoctorate": "degree",
    "Certification": "certification",
    "License": "license",
    "Badge": "badge",
    "DigitalBadge": "badge",
    "OpenBadge": "badge",
    "MicroCredential": "badge",
    "ApprenticeshipCertificate": "registered_apprenticeship",
    "JourneymanCertificate": "registered_apprenticeship",
    "LearningOpportunityProfile": "course",
    "LearningOpportunity": "course",
    "LearningProgram": "course",
    "Course": "course",
}
TYPE_LABELS: dict[str, str] = {
    "certificate": "A certificate",
    "certification": "A certification",
    "license": "A license",
    "badge": "A digital badge",
    "degree": "A degree",
    "registered_apprenticeship": "An apprenticeship credential",
    "course": "A learning opportunity",
}
# CTDL audience levels -> the occupation model's typical education.
EDUCATION_LEVELS: dict[str, str] = {
    "SecondaryLevel": "high_school",
    "HighSchoolLevel": "high_school",
    "PostSecondaryLevel": "postsecondary_certificate",
    "AssociatesDegreeLevel": "associate",
    "BachelorsDegreeLevel": "bachelor",
    "MastersDegreeLevel": "master",
    "DoctoralDegreeLevel": "doctoral",
}
ORGANIZATION_TYPES = frozenset(
    {"CredentialOrganization", "QACredentialOrganization", "Organization"}
)
SKIPPED_TYPES: dict[str, str] = {
    "Job": "job records are not imported: the knowledge base has no kind for a single job",
    "Pathway": "pathways are not imported: the knowledge base has no pathway kind; "
    "the credentials on a pathway are imported on their own",
    "PathwaySet": "pathway sets are not imported: the knowledge base has no pathway kind",
    "CompetencyFramework": "a competency framework is not an item itself; "
    "its competencies are imported one by one",
    "TransferValueProfile": "transfer value records are not imported",
    "ConceptScheme": "a concept scheme is a code list, not an item",
}
SUPPORT_TYPE_PATTERN = re.compile(
    r"(Profile|AlignmentObject|Address|Place|Component|Condition|Constraint|Value|Amount|"
    r"Task|WorkRole|Concept|ValueProfile|IdentifierValue)$"
)
# Properties whose values name what a credential teaches or certifies.
SKILL_KEYS = (
    "targetCompetency",
    "teaches",
    "assesses",
    "subject",
    "degreeMajor",
    "degreeMinor",
    "degreeConcentration",
    "keyword",
    "requires",
    "recommends",
    "corequisite",
    "skillEmbodied",
    "knowledgeEmbodied",
    "abilityEmbodied",
)
NON_SKILL_CATEGORIES = frozenset({"grade level"})
_EXAMPLES = re.compile(r"\s*\((?:e\.g\.|i\.e\.|for example)[^)]*\)\s*$", re.I)
_SOC = re.compile(r"^(\d{2}-\d{4})(\.\d{2})?$")
_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?)?$")


# ---------------------------------------------------------------- reading JSON-LD
@dataclass(frozen=True)
class Node:
    """One resource of a CTDL file, with where it came from."""

    label: str  # "file (document 2, @graph node 3)"
    data: dict[str, Any]
    file: str

    @property
    def type(self) -> str:
        return ctdl_type(self.data)


@dataclass
class ParsedFiles:
    nodes: list[Node] = field(default_factory=list)
    skipped: list[SkippedDocument] = field(default_factory=list)


def ctdl_type(data: dict[str, Any]) -> str:
    """The local CTDL class name of a node: 'ceterms:Certification' -> 'Certification'."""
    raw = data.get("@type", data.get("type"))
    types = raw if isinstance(raw, list) else [raw]
    names = [str(t).split(":")[-1].split("/")[-1] for t in types if t]
    ctdl = [n for n in names if n != "VerifiableCredential"]
    if "VerifiableCredential" in names:
        return "VerifiableCredential"
    return ctdl[0] if ctdl else ""


def text_of(value: object) -> str:
    """A plain string from a string, a language map or a list of either (English preferred)."""
    texts = texts_of(value)
    return texts[0] if texts else ""


def texts_of(value: object) -> list[str]:
    """Every string of a value that may be a language map ({'en-US': ...}) or a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [" ".join(value.split())] if value.strip() else []
    if isinstance(value, list):
        return [t for v in value for t in texts_of(v)]
    if isinstance(value, dict):
        if "@value" in value:
            return texts_of(value["@value"])
        keys = [k for k in LANGUAGES if k in value] or sorted(value)
        return texts_of(value[keys[0]]) if keys else []
    return [str(value)]


def parse_json_documents(text: str) -> Iterator[tuple[int, object | json.JSONDecodeError]]:
    """Each JSON text of ``text`` (one, or several concatenated), numbered from 1.

    A text that does not parse is yielded as its error; reading resumes at the next line
    that starts with '{' or '['.
    """
    decoder = json.JSONDecoder()
    position, number = 0, 0
    text = text.lstrip("\ufeff")
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return
        number += 1
        try:
            value, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            yield number, exc
            resume = re.compile(r"\n[\[{]").search(text, position + 1)
            if resume is None:
                return
            position = resume.start() + 1
            continue
        yield number, value


def load_nodes(paths: Iterable[Path]) -> ParsedFiles:
    """Every resource node of the CTDL files under ``paths`` (files or folders)."""
    parsed = ParsedFiles()
    for path in _files(paths):
        name = path.name
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            parsed.skipped.append(SkippedDocument(document=name, reason=f"unreadable: {exc}"))
            continue
        documents = list(parse_json_documents(text))
        for number, value in documents:
            where = name if len(documents) == 1 else f"{name} (document {number})"
            if isinstance(value, json.JSONDecodeError):
                parsed.skipped.append(
                    SkippedDocument(
                        document=where,
                        reason=f"not valid JSON (line {value.lineno}, column {value.colno}: "
                        f"{value.msg})",
                    )
                )
                continue
            parsed.nodes.extend(_nodes_of(value, where, name))
    return parsed


def _files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix in FILE_SUFFIXES
            )
        elif path.is_file():
            found.append(path)
        else:
            raise KnowledgeBaseError(
                f"'{path}' does not exist.", hint="Pass CTDL JSON-LD files or folders."
            )
    return sorted(set(found), key=lambda p: str(p))


def _nodes_of(value: object, where: str, file: str) -> list[Node]:
    if isinstance(value, list):
        return [
            node
            for position, element in enumerate(value, start=1)
            for node in _nodes_of(element, f"{where} [item {position}]", file)
        ]
    if not isinstance(value, dict):
        return [Node(where, {"@type": "", "_value": value}, file)]
    if isinstance(value.get("decoded_resource"), dict):  # a Credential Registry envelope
        return _nodes_of(value["decoded_resource"], f"{where} [envelope]", file)
    if isinstance(value.get("@graph"), list):
        return [
            Node(f"{where} [@graph node {position}]", element, file)
            for position, element in enumerate(value["@graph"], start=1)
            if isinstance(element, dict)
        ]
    return [Node(where, value, file)]


# ---------------------------------------------------------------- the import
def import_ctdl(
    paths: Iterable[Path], knowledge_dir: Path, data_dir: Path, *, as_of: dt.date
) -> ImportOutcome:
    """Read CTDL files and write ``<data_dir>/imported/ctdl.yaml``.

    Raises:
        KnowledgeBaseError: a path does not exist, or the imported items do not validate.
    """
    curated_docs = read_curated(knowledge_dir)
    curated = build_knowledge(curated_docs)
    parsed = load_nodes(paths)
    importer = CtdlImporter(curated, as_of=as_of)
    documents, skipped = importer.run(parsed.nodes)
    return save_import(
        SOURCE,
        documents,
        curated_docs=curated_docs,
        data_dir=data_dir,
        tracked=lambda item: False,
        skipped=[*parsed.skipped, *skipped],
    )


class CtdlImporter:
    """Turns CTDL nodes into overlay items; one instance per import run."""

    def __init__(self, curated: KnowledgeBase, *, as_of: dt.date) -> None:
        self.curated = curated
        self.as_of = as_of
        self.vocabulary = SkillVocabulary.from_items(curated.by_kind("skill"))
        self.skill_names: dict[str, str] = {s.id: s.name for s in self.vocabulary.skills}
        self.index: dict[str, dict[str, Any]] = {}
        self.taken: set[str] = set(curated.items)
        self.occupations = {
            o.soc_code: o.id for o in curated.by_kind("occupation") if isinstance(o, Occupation)
        }
        self.curated_credentials = {
            normalize_title(c.name): c.id
            for c in curated.by_kind("credential")
            if isinstance(c, CredentialProgram)
        }
        # Skills this run adds, by normalized name; credentials resolve these first.
        self._extra_skills: dict[str, str] = {}

    def run(self, nodes: list[Node]) -> tuple[dict[str, list[dict]], list[SkippedDocument]]:
        """Items per kind and skipped documents, for nodes in file order."""
        for node in nodes:
            for key in _ids_of(node.data):
                self.index.setdefault(key, node.data)
        items: dict[str, list[dict[str, Any]]] = {}
        skipped: list[SkippedDocument] = []
        # Competencies first, so credentials can name skills the same run adds.
        ordered = sorted(enumerate(nodes), key=lambda p: (p[1].type != "Competency", p[0]))
        for _, node in ordered:
            if not is_document(node):
                continue  # part of another resource
            result = self._convert(node)
            if isinstance(result, str):
                skipped.append(SkippedDocument(document=_describe(node), reason=result))
                continue
            kind, item = result
            items.setdefault(kind, []).append(item)
            self.taken.add(item["id"])
        skipped.sort(key=lambda s: s.document)
        return items, skipped

    # ------------------------------------------------------------ per type
    def _convert(self, node: Node) -> tuple[str, dict[str, Any]] | str:
        kind_type = node.type
        if not kind_type:
            return "it has no @type, so it is not a CTDL resource"
        if kind_type == "VerifiableCredential":
            return (
                "a W3C Verifiable Credential about one learner (an LER), not a CTDL "
                "description; read it with `ler-navigator ingest`"
            )
        if kind_type in SKIPPED_TYPES:
            return SKIPPED_TYPES[kind_type]
        if kind_type in ORGANIZATION_TYPES:
            return (
                "organization records are not imported; their names are used as the "
                "issuer of the credentials they own"
            )
        if kind_type == "Competency":
            return self._skill(node)
        if kind_type == "Occupation":
            return self._occupation(node)
        credential_type = CREDENTIAL_TYPES.get(kind_type)
        if credential_type is None and kind_type.endswith(("Degree", "Doctorate")):
            credential_type = "degree"
        if credential_type is None:
            return f"the CTDL type '{kind_type}' has no matching kind in the knowledge base"
        return self._credential(node, credential_type)

    def _credential(self, node: Node, credential_type: str) -> tuple[str, dict[str, Any]] | str:
        data = node.data
        name = text_of(data.get("ceterms:name") or data.get("schema:name"))
        if not name:
            return "it has no name"
        if (curated_id := self.curated_credentials.get(normalize_title(name))) is not None:
            return f"already curated as {curated_id}; the curated item is kept"
        source_url = _source_url(data)
        if source_url is None:
            return "it states no URL (an http(s) @id or subject webpage) to cite"
        skills = self._skills_of(data)
        if not skills:
            return (
                "none of its competencies, subjects or keywords, nor its description, names a "
                "skill in the skills vocabulary (a credential needs at least one skill)"
            )
        issuer = self._issuer(data)
        occupations = sorted(
            {
                self.occupations[soc]
                for soc in _soc_codes(data.get("ceterms:occupationType"))
                if soc in self.occupations
            }
        )
        item: dict[str, Any] = {
            "id": self._new_id("credential", name, data),
            "name": name,
            "credential_type": credential_type,
            "issuer": issuer,
            "skills": skills,
            "body": self._credential_body(credential_type, issuer, skills, data),
            "source_url": source_url,
            "as_of": self.as_of,
            "tags": _tags(data),
        }
        if occupations:
            item["occupations"] = occupations
        if (
            page := _http(data.get("ceterms:subjectWebpage") or data.get("schema:url"))
        ) is not None:
            item["url"] = page
        aliases = [a for a in texts_of(data.get("ceterms:alternateName")) if a != name]
        if aliases:
            item["aliases"] = sorted(set(aliases))
        if (duration := _duration(data.get("ceterms:estimatedDuration"))) is not None:
            item["duration"] = duration
        return "credential", item

    def _credential_body(
        self, credential_type: str, issuer: str, skills: list[str], data: dict[str, Any]
    ) -> str:
        names = [self.skill_names.get(s, s) for s in skills[:8]]
        more = f" and {len(skills) - 8} more" if len(skills) > 8 else ""
        sentences = [
            f"{TYPE_LABELS[credential_type]} from {issuer}, described in Credential Engine's "
            "Credential Transparency Description Language (CTDL).",
            f"Skills it covers: {', '.join(names)}{more}.",
        ]
        levels = texts_of(
            [a.get("ceterms:targetNodeName") for a in _dicts(data.get("ceterms:audienceLevelType"))]
        )
        if levels:
            sentences.append(f"Audience level: {', '.join(dict.fromkeys(levels))}.")
        return " ".join(sentences)

    def _skill(self, node: Node) -> tuple[str, dict[str, Any]] | str:
        data = node.data
        label = text_of(data.get("ceasn:competencyLabel"))
        statement = text_of(data.get("ceasn:competencyText"))
        # "Mathematics (e.g., geometry, algebra)" is named "Mathematics".
        short = _EXAMPLES.sub("", statement).strip()
        name = label or (short if _name_like(short) else "")
        if not name:
            return "a competency statement without a short name; not a vocabulary skill"
        children = [c for c in _as_list(data.get("ceasn:hasChild")) if c]
        if children:
            return f"'{name}' groups {len(children)} competencies; it is not a skill itself"
        categories = {c.casefold() for c in texts_of(data.get("ceasn:competencyCategory"))}
        if categories & NON_SKILL_CATEGORIES:
            return f"'{name}' is a {sorted(categories & NON_SKILL_CATEGORIES)[0]}, not a skill"
        known = self.vocabulary.lookup(name) or next(
            (
                self.vocabulary.get(f.skill_id)
                for f in self.vocabulary.forms(normalize_phrase(name))
            ),
            None,
        )
        if known is not None:
            return f"'{name}' is already in the skills vocabulary as {known.id}"
        source_url = _source_url(data)
        if source_url is None:
            return f"'{name}' states no URL (an http(s) @id) to cite"
        item_id = self._new_id("skill", name, data)
        statement_kind = (statement or name).casefold()
        item: dict[str, Any] = {
            "id": item_id,
            "name": name,
            "category": "knowledge" if statement_kind.startswith("knowledge") else "skill",
            "source_url": source_url,
            "as_of": self.as_of,
            "tags": _tags(data),
        }
        self.skill_names[item_id] = name
        self._extra_skills[normalize_phrase(name)] = item_id
        return "skill", item

    def _occupation(self, node: Node) -> tuple[str, dict[str, Any]] | str:
        data = node.data
        name = text_of(data.get("ceterms:name"))
        codes = _soc_codes(data.get("ceterms:occupationType")) or _soc_codes(
            [{"ceterms:codedNotation": c} for c in texts_of(data.get("ceterms:codedNotation"))]
        )
        if not codes:
            return f"occupation '{name}' has no O*NET-SOC code"
        soc = codes[0]
        if soc in self.occupations:
            return f"occupation {soc} is already curated as {self.occupations[soc]}"
        skills = self._skills_of(data)
        if not skills:
            return f"occupation '{name}' names no skill of the skills vocabulary"
        levels = [
            EDUCATION_LEVELS[level]
            for a in _dicts(data.get("ceterms:audienceLevelType"))
            if (level := str(a.get("ceterms:targetNode", "")).split(":")[-1]) in EDUCATION_LEVELS
        ]
        if not levels:
            return f"occupation '{name}' states no audience level to give its typical education"
        source_url = _source_url(data)
        if source_url is None or not name:
            return f"occupation '{name}' has no name or no URL to cite"
        item = {
            "id": f"occupation:{soc}",
            "name": name,
            "soc_code": soc,
            "typical_education": levels[0],
            "skills": [{"skill": s, "importance": 0.5} for s in skills],
            "body": f"An occupation with O*NET-SOC code {soc}, described in CTDL; it calls for "
            + ", ".join(self.skill_names.get(s, s) for s in skills[:8])
            + ".",
            "source_url": source_url,
            "as_of": self.as_of,
            "tags": _tags(data),
        }
        return "occupation", item

    # ------------------------------------------------------------ helpers
    def _skills_of(self, data: dict[str, Any]) -> list[str]:
        found: list[str] = []
        for name, code, framework in self._competency_names(data, depth=0, seen=set()):
            skill_id = self._extra_skills.get(normalize_phrase(name))
            if skill_id is None:
                skill_id = self._resolve(name, code, framework)
            if skill_id and skill_id not in found:
                found.append(skill_id)
        if not found:
            description = text_of(data.get("ceterms:description") or data.get("schema:description"))
            for mention in self.vocabulary.extract(description, fuzzy=False):
                certain = mention.method in ("exact", "alias") and mention.confidence >= 0.9
                if certain and mention.skill_id not in found:
                    found.append(mention.skill_id)
        return sorted(found)

    def _resolve(self, name: str, code: str | None, framework: str | None) -> str | None:
        """A vocabulary skill for a competency: its code (O*NET element id), its name or an
        alias, else the most specific skill written inside the name. No fuzzy matching here:
        a near spelling of a short title ("Financial Markets") is too often another skill."""
        if code and (skill := self.vocabulary.from_alignment(None, code, framework)):
            return skill.id
        if (skill := self.vocabulary.lookup(name)) is not None:
            return skill.id
        mentions = [
            m
            for m in self.vocabulary.extract(name, fuzzy=False)
            if m.method in ("exact", "alias") and m.confidence >= 0.9
        ]
        broader = {b for m in mentions for b in self.vocabulary.broader_closure(m.skill_id)}
        specific = [m for m in mentions if m.skill_id not in broader]
        if not specific:
            return None
        return min(specific, key=lambda m: (-(m.end - m.start), m.start, m.skill_id)).skill_id

    def _competency_names(
        self, data: dict[str, Any], *, depth: int, seen: set[str]
    ) -> Iterator[tuple[str, str | None, str | None]]:
        if depth > 3:
            return
        for key, value in sorted(data.items()):
            local = key.split(":")[-1]
            if local not in SKILL_KEYS:
                continue
            for element in _as_list(value):
                if isinstance(element, str):
                    target = self.index.get(element)
                    if local == "keyword":
                        yield element, None, None
                    elif target is not None and element not in seen:
                        seen.add(element)
                        yield from self._named(target, depth=depth, seen=seen)
                elif isinstance(element, dict):
                    if "@type" not in element and "type" not in element and local == "keyword":
                        for word in texts_of(element):
                            yield word, None, None
                        continue
                    yield from self._named(element, depth=depth, seen=seen)

    def _named(
        self, element: dict[str, Any], *, depth: int, seen: set[str]
    ) -> Iterator[tuple[str, str | None, str | None]]:
        element_type = ctdl_type(element)
        if element_type == "Competency":
            label = text_of(element.get("ceasn:competencyLabel"))
            statement = text_of(element.get("ceasn:competencyText"))
            name = label or statement
            if name:
                yield name, text_of(element.get("ceasn:codedNotation")) or None, None
        elif element_type.endswith("AlignmentObject"):
            name = text_of(element.get("ceterms:targetNodeName"))
            if name:
                yield (
                    name,
                    text_of(element.get("ceterms:codedNotation")) or None,
                    text_of(element.get("ceterms:frameworkName")) or None,
                )
        elif element_type.endswith("Profile") or not element_type:
            yield from self._competency_names(element, depth=depth + 1, seen=seen)

    def _issuer(self, data: dict[str, Any]) -> str:
        for key in ("ceterms:ownedBy", "ceterms:offeredBy", "ceterms:owner", "schema:creator"):
            for reference in _as_list(data.get(key)):
                if isinstance(reference, dict) and (name := text_of(reference.get("ceterms:name"))):
                    return name
                if isinstance(reference, dict):
                    reference = reference.get("@id") or reference.get("id")
                target = self.index.get(str(reference)) if isinstance(reference, str) else None
                if target is not None and (name := text_of(target.get("ceterms:name"))):
                    return name
        for key in ("ceterms:ownedBy", "ceterms:offeredBy", "ceterms:owner", "schema:creator"):
            for reference in _as_list(data.get(key)):
                if isinstance(reference, dict):
                    reference = reference.get("@id") or reference.get("id")
                if isinstance(reference, str) and reference:
                    ctid = _ctid_in(reference)
                    return (
                        f"the organization {ctid} in the Credential Registry"
                        if ctid
                        else f"the organization at {reference}"
                    )
        return "an organization the record does not name"

    def _new_id(self, prefix: str, name: str, data: dict[str, Any]) -> str:
        base = f"{prefix}:{_short_slug(name)}"
        if base not in self.taken:
            return base
        ctid = _ctid_in(str(data.get("ceterms:ctid") or data.get("@id") or data.get("id") or ""))
        suffix = ctid[3:11] if ctid else ""
        candidate = f"{base}-{suffix}" if suffix else base
        counter = 2
        while candidate in self.taken:
            candidate = f"{base}-{suffix or 'v'}{counter}"
            counter += 1
        return candidate


def is_document(node: Node) -> bool:
    """False for support-class nodes (profiles, alignment objects, components, ...), which
    belong to the resource that points at them."""
    kind_type = node.type
    if not kind_type:
        return "_value" not in node.data or node.data["_value"] is not None
    return not (
        SUPPORT_TYPE_PATTERN.search(kind_type)
        and kind_type not in CREDENTIAL_TYPES
        and kind_type not in SKIPPED_TYPES
    )


# ---------------------------------------------------------------- small helpers
def _describe(node: Node) -> str:
    name = text_of(
        node.data.get("ceterms:name")
        or node.data.get("ceasn:name")
        or node.data.get("ceasn:competencyLabel")
        or node.data.get("ceasn:competencyText")
    )
    kind = node.type or "untyped JSON"
    short = f" “{name[:60]}”" if name else ""
    return f"{node.label}: {kind}{short}"


def _ids_of(data: dict[str, Any]) -> list[str]:
    keys = [str(data[k]) for k in ("@id", "id") if isinstance(data.get(k), str)]
    ctid = data.get("ceterms:ctid")
    if isinstance(ctid, str):
        keys.append(ctid)
    return keys


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in _as_list(value) if isinstance(v, dict)]


def _http(value: object) -> str | None:
    for text in texts_of(value):
        if text.startswith(("http://", "https://")) and " " not in text.strip():
            return text.strip()
    return None


def _source_url(data: dict[str, Any]) -> str | None:
    return _http(data.get("@id") or data.get("id")) or _http(
        data.get("ceterms:subjectWebpage") or data.get("schema:url")
    )


def _ctid_in(text: str) -> str | None:
    match = re.search(r"ce-[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}", text)
    return match.group(0).lower() if match else None


def _tags(data: dict[str, Any]) -> list[str]:
    tags = ["ctdl"]
    ctid = data.get("ceterms:ctid")
    if isinstance(ctid, str) and ctid.strip():
        tags.append(f"ctid:{ctid.strip().removeprefix('urn:ctid:').lower()}")
    if kind_type := ctdl_type(data):
        tags.append(f"ctdl-type:{kind_type}")
    return tags


def _soc_codes(value: object) -> list[str]:
    codes: list[str] = []
    for alignment in _dicts(value):
        for text in texts_of(alignment.get("ceterms:codedNotation")):
            match = _SOC.match(text.strip())
            if match:
                code = match.group(1) + (match.group(2) or ".00")
                if code not in codes:
                    codes.append(code)
    return codes


def _duration(value: object) -> str | None:
    for profile in _dicts(value):
        match = _DURATION.match(str(profile.get("ceterms:exactDuration") or "").strip())
        if not match or not any(match.groups()):
            continue
        units = ("year", "month", "week", "day", "hour")
        parts = [
            f"{int(n)} {unit}{'s' if int(n) != 1 else ''}"
            for n, unit in zip(match.groups(), units, strict=True)
            if n
        ]
        return ", ".join(parts)
    return None


def _name_like(text: str) -> bool:
    """A short statement that reads as a name ("Core research methodology concepts")."""
    words = text.split()
    return (
        0 < len(words) <= MAX_NAME_WORDS
        and not text.rstrip().endswith((".", "…", ":"))
        and "(" not in text
    )


def _short_slug(name: str, limit: int = 60) -> str:
    slug = slugify(name) or "unnamed"
    if len(slug) <= limit:
        return slug
    return slug[:limit].rsplit("-", 1)[0].strip("-.") or slug[:limit]


def is_ctdl_item(item: KnowledgeItem) -> bool:
    """True for items that came from a CTDL import (tagged 'ctdl')."""
    return "ctdl" in item.tags
