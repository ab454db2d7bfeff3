"""Small readers for the loosely typed fields of credential JSON (string or object, one or many)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ler_navigator.models.ler import IssuerRef

JsonObject = dict[str, Any]


def as_list(value: Any) -> list[Any]:
    """``value`` as a list: None is empty, a single value becomes a one-item list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def items_at(doc: JsonObject, path: str, key: str) -> list[tuple[Any, str]]:
    """The values of ``doc[key]``, one value or a list, each with its JSON path: ``$.a.key``
    for a single value, ``$.a.key[i]`` for the items of a list."""
    value = doc.get(key)
    base = child(path, key)
    if isinstance(value, list):
        return [(item, child(base, index)) for index, item in enumerate(value)]
    return [(item, base) for item in as_list(value)]


def type_list(doc: JsonObject) -> list[str]:
    """The ``type`` (or ``@type``) of a JSON-LD object as a list of strings."""
    raw = doc.get("type", doc.get("@type"))
    return [t for t in as_list(raw) if isinstance(t, str)]


def text(value: Any) -> str | None:
    """A display string from a plain string, a number, or a language map / object with a name."""
    if isinstance(value, str):
        stripped = value.strip()
        return stripped or None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        for key in ("name", "@value", "value", "en", "en-US", "narrative"):
            if key in value:
                return text(value[key])
    if isinstance(value, list) and value:
        return text(value[0])
    return None


def plain_text(value: Any) -> str | None:
    """A string value only (never an object's name): for dates, ids and URLs."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def issuer_ref(value: Any) -> IssuerRef | None:
    """An issuer given as an id string or as a profile object."""
    if isinstance(value, str):
        return IssuerRef(id=value.strip() or None)
    if isinstance(value, dict):
        ref = IssuerRef(id=plain_text(value.get("id")), name=text(value.get("name")))
        return ref if ref.id or ref.name else None
    return None


def canonical_json(value: Any) -> str:
    """Canonical JSON text: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(data: str | bytes) -> str:
    """Hex sha256 of text (UTF-8) or bytes."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def content_digest(doc: JsonObject) -> str:
    """Digest of a credential without its proof: re-signing does not change it."""
    return sha256_hex(canonical_json({k: v for k, v in doc.items() if k != "proof"}))


def child(path: str, key: str | int) -> str:
    """The JSON path of a child: ``$.a.b`` + ``c`` → ``$.a.b.c``; integers become ``[i]``."""
    return f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}"
