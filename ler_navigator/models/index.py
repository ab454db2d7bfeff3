"""What the service reports about its search index."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class IndexStatus(BaseModel):
    model_config = ConfigDict(frozen=True)

    backend: str
    location: str
    collection: str
    checksum: str
    embedder: str
    documents: int
    items: int
    counts_by_kind: dict[str, int]
    sources: dict[str, int] = {}  # "knowledge" or "imported/<file>" -> items indexed from it
    fresh: bool
    built_at: str | None = None
    reused: bool = False


class DataSource(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    url: str
    license: str
    note: str
