"""Imported data as overlays on the curated knowledge base.

Importers never write into ``knowledge/``. Each writes one file per source to
``<data_dir>/imported/<source>.yaml``: a YAML stream of documents shaped like the curated files
(``kind`` + ``items``), one document per kind. At load time the curated items come first, then
each overlay file in sorted file-name order:

- an overlay item with a **new id** is added as it stands (it must be a complete item);
- an overlay item with an **existing id** enriches that item: every field the overlay sets
  replaces the curated value, every field it leaves out keeps the curated value. Importers
  therefore leave out what the project curates (its own ``body``, ``aliases``, ``related``,
  ``tags``) and set only what the source is the authority for; see each importer's module
  docstring for the fields it owns.

The merged documents are validated exactly as the curated ones (``build_knowledge``): ids,
prefixes and links. The corpus checksum covers the merged items, so an import triggers an
index rebuild.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from ler_navigator.errors import KnowledgeBaseError
from ler_navigator.kb.loader import SAFE_LOADER, KnowledgeBase, build_knowledge
from ler_navigator.models.knowledge import KnowledgeItem

OVERLAY_FOLDER = "imported"

# An item or the raw mapping an overlay holds for it.
ItemLike = KnowledgeItem | Mapping[str, Any]


class SkippedDocument(BaseModel):
    """A source document an importer did not turn into an item, and why."""

    document: str = Field(description="File, and position or id inside it.")
    reason: str


class ImportReport(BaseModel):
    """Ids added, updated and removed between two sets of items, each list sorted."""

    added: list[str] = Field(default_factory=list)
    updated: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


class ImportOutcome(BaseModel):
    """The result of one import run: where it wrote, what it holds and what changed."""

    source: str = Field(description="Overlay name: 'lermap' or 'ctdl'.")
    path: str = Field(description="The overlay file written.")
    counts: dict[str, int] = Field(description="Imported items per kind.")
    since_last: ImportReport = Field(description="Changes against the previous import.")
    vs_curated: ImportReport = Field(
        description="Changes the overlay makes to the curated knowledge base; 'removed' lists "
        "curated items from this source that the source no longer lists (they stay curated)."
    )
    skipped: list[SkippedDocument] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


def overlay_dir(data_dir: Path) -> Path:
    """The folder that holds the overlays under a data directory."""
    return Path(data_dir) / OVERLAY_FOLDER


def overlay_path(data_dir: Path, source: str) -> Path:
    """Where the overlay of one source (``lermap``, ``ctdl``) lives."""
    return overlay_dir(data_dir) / f"{source}.yaml"


def normalize_title(text: str) -> str:
    """Comparable form of a name or title: entities decoded, case folded, punctuation dropped."""
    text = html.unescape(html.unescape(text or "")).replace("&", " and ").casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


# ---------------------------------------------------------------- reading and writing overlays
class _PlainDumper(yaml.SafeDumper):
    """Writes repeated values out in full (no &anchors), so the file reads like curated YAML."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def read_overlay(path: Path) -> list[tuple[str, list[dict[str, Any]]]]:
    """The (kind, raw items) documents of one overlay file.

    Raises:
        KnowledgeBaseError: the file cannot be read or is not a stream of kind + items mappings.
    """
    try:
        with Path(path).open(encoding="utf-8") as handle:
            documents = [d for d in yaml.load_all(handle, Loader=SAFE_LOADER) if d is not None]
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(
            f"Cannot read the imported data file {Path(path).name}: {exc}",
            hint="Run the import again, or delete the file to use the curated data only.",
        ) from exc
    parsed: list[tuple[str, list[dict[str, Any]]]] = []
    for document in documents:
        if not isinstance(document, dict) or "kind" not in document or "items" not in document:
            raise KnowledgeBaseError(
                f"{Path(path).name}: every document of an imported data file needs "
                "'kind' and 'items'.",
                hint="Run the import again, or delete the file to use the curated data only.",
            )
        items = document["items"] or []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise KnowledgeBaseError(f"{Path(path).name}: 'items' must be a list of mappings.")
        parsed.append((str(document["kind"]), [dict(i) for i in items]))
    return parsed


def write_overlay(path: Path, documents: Mapping[str, Iterable[Mapping[str, Any]]]) -> None:
    """Write kind -> items as a YAML stream, kinds and items in id order, to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    stream = []
    for kind in sorted(documents):
        items = sorted((dict(i) for i in documents[kind]), key=lambda i: str(i["id"]))
        stream.append({"kind": kind, "items": items})
    text = yaml.dump_all(
        stream, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=100
    )
    # Written next to the target first, so a reader never sees half a file.
    partial = path.with_suffix(path.suffix + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def overlay_items(path: Path) -> list[dict[str, Any]]:
    """All raw items of an overlay file (empty when there is none yet), kind included."""
    if not Path(path).is_file():
        return []
    return [{"kind": kind, **item} for kind, items in read_overlay(path) for item in items]


# ---------------------------------------------------------------- merging
def load_with_overlays(knowledge_dir: Path, overlay_dir: Path | None) -> KnowledgeBase:
    """The curated knowledge base with every overlay in ``overlay_dir`` applied.

    Curated items load first; then each ``*.yaml`` overlay in sorted order. An overlay item
    with a new id is added; one with an existing id replaces only the fields it sets, so
    curated prose, aliases and links stay unless the overlay states them. The result is
    validated like ``load_knowledge`` (duplicate ids, id prefixes, dangling links) and its
    checksum covers the merged items. A missing or empty ``overlay_dir`` gives the curated
    knowledge base unchanged.

    Args:
        knowledge_dir: the curated ``knowledge/`` folder.
        overlay_dir: ``<data_dir>/imported`` (see ``overlay_dir()``), or None.

    Raises:
        KnowledgeBaseError: a curated or overlay file is invalid, an overlay changes an
            item's kind, or a merged item fails validation.

    Example::

        kb = load_with_overlays(settings.knowledge_dir, overlay_dir(settings.data_dir))
    """
    knowledge_dir = Path(knowledge_dir)
    curated = read_curated(knowledge_dir)
    overlays: list[tuple[str, list[tuple[str, list[dict[str, Any]]]]]] = []
    if overlay_dir is not None and Path(overlay_dir).is_dir():
        for path in sorted(Path(overlay_dir).glob("*.yaml")):
            overlays.append((f"{OVERLAY_FOLDER}/{path.name}", read_overlay(path)))
    return merge_documents(curated, overlays)


def merge_documents(
    curated: Iterable[tuple[str, object]],
    overlays: Iterable[tuple[str, list[tuple[str, list[dict[str, Any]]]]]],
) -> KnowledgeBase:
    """Apply overlay documents to curated documents (see ``load_with_overlays``) and validate."""
    # id -> (source, kind, raw item); curated documents keep their own order.
    items: dict[str, tuple[str, str, dict[str, Any]]] = {}
    curated_docs: list[tuple[str, object]] = []
    for source, data in curated:
        curated_docs.append((source, data))
        if isinstance(data, dict) and isinstance(data.get("items"), list):
            for raw in data["items"]:
                if isinstance(raw, dict) and "id" in raw:
                    items.setdefault(str(raw["id"]), (source, str(data.get("kind")), raw))
    replaced: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for source, documents in overlays:
        for kind, raw_items in documents:
            for raw in raw_items:
                item_id = str(raw.get("id", ""))
                if not item_id:
                    raise KnowledgeBaseError(f"{source}: an imported {kind} item has no id.")
                base = replaced.get(item_id) or items.get(item_id)
                if base is None:
                    replaced[item_id] = (source, kind, dict(raw))
                    continue
                if base[1] != kind:
                    raise KnowledgeBaseError(
                        f"{source}: item {item_id} is a {base[1]} but the import says {kind}.",
                        hint="Run the import again with the current knowledge base.",
                    )
                replaced[item_id] = (source, kind, {**base[2], **raw})
    documents: list[tuple[str, object]] = []
    for source, data in curated_docs:
        if isinstance(data, dict) and isinstance(data.get("items"), list):
            kept = [
                raw
                for raw in data["items"]
                if not (isinstance(raw, dict) and str(raw.get("id")) in replaced)
            ]
            data = {**data, "items": kept}
        documents.append((source, data))
    by_document: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for item_id in sorted(replaced):
        source, kind, raw = replaced[item_id]
        by_document.setdefault((source, kind), []).append(raw)
    for (source, kind), raws in sorted(by_document.items()):
        documents.append((source, {"kind": kind, "items": raws}))
    return build_knowledge(documents)


def read_curated(directory: Path) -> list[tuple[str, object]]:
    """The curated YAML files below ``directory`` as (relative path, parsed data) pairs."""
    directory = Path(directory)
    if not directory.is_dir():
        raise KnowledgeBaseError(
            f"The knowledge folder '{directory}' does not exist.",
            hint="Set LER_NAV_KNOWLEDGE_DIR to the folder that holds the knowledge YAML files.",
        )
    documents: list[tuple[str, object]] = []
    for path in sorted(p for p in directory.rglob("*.yaml") if p.is_file()):
        try:
            with path.open(encoding="utf-8") as handle:
                documents.append(
                    (str(path.relative_to(directory)), yaml.load(handle, Loader=SAFE_LOADER))
                )
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise KnowledgeBaseError(f"Cannot read knowledge file {path.name}: {exc}") from exc
    if not documents:
        raise KnowledgeBaseError(f"The knowledge folder '{directory}' holds no YAML files.")
    return documents


# ---------------------------------------------------------------- saving an import
def save_import(
    source: str,
    documents: Mapping[str, list[dict[str, Any]]],
    *,
    curated_docs: list[tuple[str, object]],
    data_dir: Path,
    tracked: Callable[[KnowledgeItem], bool],
    skipped: Iterable[SkippedDocument] = (),
    warnings: Iterable[str] = (),
) -> ImportOutcome:
    """Validate an import against the curated documents, compare it, and write its overlay.

    ``tracked`` says which curated items this source is the authority for; those the import
    no longer lists are reported as removed. Nothing is written when validation fails.

    Raises:
        KnowledgeBaseError: the imported items, merged with the curated ones, are invalid.
    """
    name = f"{OVERLAY_FOLDER}/{source}.yaml"
    curated = build_knowledge(curated_docs)
    merged = merge_documents(curated_docs, [(name, sorted(documents.items()))])
    new_items = [{"kind": kind, **item} for kind, items in documents.items() for item in items]
    path = overlay_path(data_dir, source)
    notes = list(warnings)
    try:
        previous = overlay_items(path)
    except KnowledgeBaseError as exc:
        notes.append(f"The previous import could not be read ({exc.user_message}); replaced.")
        previous = []
    ids = {str(item["id"]) for item in new_items}
    before = [item for item in curated.items.values() if item.id in ids or tracked(item)]
    after = [merged.items[item_id] for item_id in sorted(ids)]
    write_overlay(path, documents)
    counts: dict[str, int] = {}
    for item in new_items:
        counts[item["kind"]] = counts.get(item["kind"], 0) + 1
    return ImportOutcome(
        source=source,
        path=str(path),
        counts=dict(sorted(counts.items())),
        since_last=diff_items(previous, new_items),
        vs_curated=diff_items(before, after),
        skipped=list(skipped),
        warnings=notes,
    )


# ---------------------------------------------------------------- reports
def diff_items(
    old: Iterable[ItemLike], new: Iterable[ItemLike], *, ignore: Collection[str] = ("as_of",)
) -> ImportReport:
    """Ids added, updated and removed between two sets of items (or raw overlay items).

    Fields in ``ignore`` do not count as a change: by default ``as_of``, so a re-import on
    another day with the same facts reports nothing updated.
    """
    before = {_id_of(i): _comparable(i, ignore) for i in old}
    after = {_id_of(i): _comparable(i, ignore) for i in new}
    return ImportReport(
        added=sorted(set(after) - set(before)),
        removed=sorted(set(before) - set(after)),
        updated=sorted(i for i in set(before) & set(after) if before[i] != after[i]),
    )


def _id_of(item: ItemLike) -> str:
    return item.id if isinstance(item, KnowledgeItem) else str(item["id"])


def _comparable(item: ItemLike, ignore: Collection[str]) -> str:
    data = item.model_dump(mode="json") if isinstance(item, KnowledgeItem) else dict(item)
    kept = {k: v for k, v in data.items() if k not in ignore}
    return json.dumps(kept, sort_keys=True, ensure_ascii=False, default=str)
