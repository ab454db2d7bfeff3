"""Trusted local documents (DID documents, keys, status lists, OB 2.0 profiles) by their URL.

Every JSON file under ``Settings.local_docs_dir`` (recursively) is served by its ``id``; keys
embedded in a DID document are also served by their own id. A ``documents.json`` at the top
of the folder may map further URLs to files there (``{"https://...": "status/list.json"}``),
for documents whose own ``id`` differs from the URL credentials reference - status lists are
often published under several addresses. Remote fetching happens only when network use is on.
"""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ler_navigator.errors import VerificationError

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
FETCH_TIMEOUT_SECONDS = 10.0
ALIASES_FILE = "documents.json"
KEY_SECTIONS = (
    "verificationMethod",
    "assertionMethod",
    "authentication",
    "publicKey",
    "capabilityInvocation",
    "capabilityDelegation",
    "keyAgreement",
)

Fetcher = Callable[[str], Any]


def fetch_json(url: str) -> Any:
    """GET a JSON document over https (used only when network use is enabled)."""
    if not url.startswith("https://"):
        raise VerificationError(f"Only https addresses are fetched, not {url}.")
    request = urllib.request.Request(
        url, headers={"Accept": "application/ld+json, application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
            body = response.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        raise VerificationError(f"{url} could not be fetched: {exc}") from exc
    if len(body) > MAX_DOCUMENT_BYTES:
        raise VerificationError(f"{url} is larger than {MAX_DOCUMENT_BYTES} bytes.")
    try:
        return json.loads(body)
    except ValueError as exc:
        raise VerificationError(f"{url} did not return JSON.") from exc


class LocalDocuments:
    """Documents from a trusted folder, and (optionally) from the network, by URL."""

    def __init__(self, folder: Path | None = None, *, fetch: Fetcher | None = None) -> None:
        self._by_url: dict[str, Any] = {}
        self._fetch = fetch
        self._fetched: dict[str, Any] = {}
        if folder is not None:
            self._index_folder(folder)

    @property
    def network_enabled(self) -> bool:
        """Whether documents missing locally may be fetched."""
        return self._fetch is not None

    def get(self, url: str) -> Any | None:
        """The document served for ``url``, or None when there is none."""
        if url in self._by_url:
            return self._by_url[url]
        if self._fetch is None or not url.startswith("https://"):
            return None  # DIDs and key ids are never URLs to fetch; did:web maps to https first
        if url not in self._fetched:
            try:
                self._fetched[url] = self._fetch(url)
            except VerificationError:
                self._fetched[url] = None
        return self._fetched[url]

    def add(self, url: str, document: Any) -> None:
        """Serve ``document`` for ``url`` (tests and callers with in-memory documents)."""
        self._by_url[url] = document

    def _index_folder(self, folder: Path) -> None:
        if not folder.is_dir():
            raise VerificationError(
                f"The local documents folder {folder} does not exist.",
                hint="Set LER_NAV_LOCAL_DOCS_DIR to an existing folder, or unset it.",
            )
        for path in _json_files(folder):
            if path.name == ALIASES_FILE and path.parent == folder:
                continue
            document = _read_json(path)
            if isinstance(document, dict):
                self._index_document(document)
        aliases = folder / ALIASES_FILE
        if aliases.is_file():
            mapping = _read_json(aliases)
            if not isinstance(mapping, dict):
                raise VerificationError(f"{aliases} must map URLs to files in the folder.")
            for url, name in sorted(mapping.items()):
                document = _read_json(folder / str(name))
                if document is None:
                    raise VerificationError(f"{aliases} names {name}, which cannot be read.")
                self._by_url[str(url)] = document

    def _index_document(self, document: dict[str, Any]) -> None:
        doc_id = document.get("id")
        if isinstance(doc_id, str):
            self._by_url.setdefault(doc_id, document)
        for section in KEY_SECTIONS:
            entries = document.get(section)
            for entry in entries if isinstance(entries, list) else [entries]:
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    self._by_url.setdefault(_absolute_key_id(entry["id"], doc_id), entry)


def _absolute_key_id(key_id: str, doc_id: Any) -> str:
    if key_id.startswith("#") and isinstance(doc_id, str):
        return doc_id + key_id
    return key_id


def _json_files(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=True):
        dirs.sort()
        found.extend(Path(root) / name for name in sorted(files) if name.endswith(".json"))
    return found


def _read_json(path: Path) -> Any | None:
    try:
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            return None
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
