"""Importers that turn public sources into overlays on the curated knowledge base.

Imported data lives in ``<data_dir>/imported/<source>.yaml``, never in ``knowledge/``;
``load_with_overlays`` applies it (see ``overlay.py`` for the merge rule).
"""

from ler_navigator.kb.importers.overlay import (
    ImportOutcome,
    ImportReport,
    SkippedDocument,
    diff_items,
    load_with_overlays,
    overlay_dir,
    overlay_path,
)

__all__ = [
    "ImportOutcome",
    "ImportReport",
    "SkippedDocument",
    "diff_items",
    "load_with_overlays",
    "overlay_dir",
    "overlay_path",
]
