"""Helpers that write small knowledge files for the importer tests."""

from __future__ import annotations

from pathlib import Path

import yaml


def write_yaml(path: Path, kind: str, items: list[dict]) -> Path:
    """Write one knowledge file of ``kind``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump({"kind": kind, "items": items}, sort_keys=False))
    return path


def term(item_id: str, name: str, **extra: object) -> dict:
    """A valid glossary term."""
    return {
        "id": item_id,
        "name": name,
        "body": f"A made-up description of {name} for the tests.",
        "source_url": "https://example.org/glossary",
        "as_of": "2026-11-29",
        **extra,
    }


def skill(item_id: str, name: str, **extra: object) -> dict:
    """A valid vocabulary skill."""
    return {
        "id": item_id,
        "name": name,
        "category": "skill",
        "source_url": "https://example.org/skills",
        "as_of": "2026-11-29",
        **extra,
    }
