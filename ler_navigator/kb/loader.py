"""Load ``knowledge/**/*.yaml`` into validated models and compute the corpus checksum."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import TypeAdapter, ValidationError

from ler_navigator.errors import KnowledgeBaseError
from ler_navigator.models.knowledge import (
    ID_PREFIX,
    MODEL_BY_KIND,
    CredentialProgram,
    Employer,
    Initiative,
    KnowledgeItem,
    MilitaryOccupation,
    Occupation,
    Organization,
    Skill,
)

# libyaml's safe loader when PyYAML was built with it (several times faster), else pure Python.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class KnowledgeBase:
    """Validated items by id, in id order, plus a checksum over their canonical form."""

    items: dict[str, KnowledgeItem]
    checksum: str
    sources: dict[str, str] = field(default_factory=dict)  # item id -> relative file path
    _kinds: dict[str, list[KnowledgeItem]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def by_kind(self, kind: str) -> list[KnowledgeItem]:
        """Items of one kind, in id order (indexed on first use; the items never change)."""
        if not self._kinds:
            for item in self.items.values():
                self._kinds.setdefault(item.kind, []).append(item)
        return list(self._kinds.get(kind, []))

    def get(self, item_id: str) -> KnowledgeItem | None:
        return self.items.get(item_id)

    def __len__(self) -> int:
        return len(self.items)


def load_knowledge(directory: Path) -> KnowledgeBase:
    """Read every YAML file below ``directory`` and validate it.

    Raises:
        KnowledgeBaseError: a file is unreadable or invalid, an id repeats, a link dangles.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise KnowledgeBaseError(
            f"The knowledge folder '{directory}' does not exist.",
            hint="Set LER_NAV_KNOWLEDGE_DIR to the folder that holds the knowledge YAML files.",
        )
    files = sorted(p for p in directory.rglob("*.yaml") if p.is_file())
    if not files:
        raise KnowledgeBaseError(f"The knowledge folder '{directory}' holds no YAML files.")
    return build_knowledge((str(path.relative_to(directory)), _read_yaml(path)) for path in files)


def build_knowledge(documents: Iterable[tuple[str, object]]) -> KnowledgeBase:
    """Validate already-parsed YAML documents, given as (source name, data) pairs."""
    items: dict[str, KnowledgeItem] = {}
    sources: dict[str, str] = {}
    for source, data in documents:
        for item in _parse_document(source, data):
            if item.id in items:
                raise KnowledgeBaseError(
                    f"Duplicate id '{item.id}' in {source} (first defined in {sources[item.id]})."
                )
            items[item.id] = item
            sources[item.id] = source
    _check_links(items, sources)
    ordered = dict(sorted(items.items()))
    return KnowledgeBase(items=ordered, checksum=corpus_checksum(ordered.values()), sources=sources)


def corpus_checksum(items: Iterable[KnowledgeItem]) -> str:
    """sha256 over the canonical JSON of all items in id order."""
    digest = hashlib.sha256()
    for item in sorted(items, key=lambda i: i.id):
        digest.update(canonical_json(item).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def canonical_json(item: KnowledgeItem) -> str:
    return json.dumps(item.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)


def _read_yaml(path: Path) -> object:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(f"Cannot read knowledge file {path.name}: {exc}") from exc


def _parse_document(source: str, data: object) -> list[KnowledgeItem]:
    if not isinstance(data, dict) or "kind" not in data or "items" not in data:
        raise KnowledgeBaseError(
            f"{source}: a knowledge file must be a mapping with 'kind' and 'items'."
        )
    kind = data["kind"]
    model = MODEL_BY_KIND.get(kind)
    if model is None:
        raise KnowledgeBaseError(
            f"{source}: unknown kind '{kind}'.", hint=f"Use one of: {', '.join(MODEL_BY_KIND)}."
        )
    raw_items = data["items"] or []
    if not isinstance(raw_items, list):
        raise KnowledgeBaseError(f"{source}: 'items' must be a list.")
    adapter = TypeAdapter(model)
    parsed: list[KnowledgeItem] = []
    for position, raw in enumerate(raw_items):
        label = raw.get("id", f"#{position + 1}") if isinstance(raw, dict) else f"#{position + 1}"
        if isinstance(raw, dict):
            raw = {"kind": kind, **raw}
        try:
            item = adapter.validate_python(raw)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or 'item'}: {err['msg']}"
                for err in exc.errors()
            )
            raise KnowledgeBaseError(f"{source}: item {label} is invalid: {problems}") from exc
        prefix = ID_PREFIX[kind]
        if not item.id.startswith(prefix + ":"):
            raise KnowledgeBaseError(
                f"{source}: item {item.id} must have an id starting with '{prefix}:'."
            )
        parsed.append(item)
    return parsed


def _check_links(items: dict[str, KnowledgeItem], sources: dict[str, str]) -> None:
    for item in items.values():
        links = list(item.related)
        if isinstance(item, Organization | Initiative):
            links += item.stakeholder_groups
        if isinstance(item, Initiative):
            links += item.organizations
        if isinstance(item, Skill):
            links += item.broader
        if isinstance(item, Occupation):
            links += [s.skill for s in item.skills]
            links += item.related_credentials + item.related_occupations
            links += [c for route in item.routes for c in route.credentials]
        if isinstance(item, CredentialProgram):
            links += item.skills + item.occupations
        if isinstance(item, Employer):
            links += item.occupations + item.skills + item.programs
        if isinstance(item, MilitaryOccupation):
            links += item.occupations + item.skills
        for target in links:
            if target not in items:
                raise KnowledgeBaseError(
                    f"{sources[item.id]}: item {item.id} links to '{target}', which does not exist."
                )
            if target == item.id:
                raise KnowledgeBaseError(f"{sources[item.id]}: item {item.id} links to itself.")
        for group in getattr(item, "stakeholder_groups", []):
            if items[group].kind != "stakeholder":
                raise KnowledgeBaseError(
                    f"{sources[item.id]}: item {item.id} lists '{group}' as a stakeholder group."
                )
