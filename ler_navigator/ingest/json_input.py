"""Reading untrusted JSON text within the nesting limit."""

from __future__ import annotations

import json
from typing import Any

from ler_navigator.ingest.errors import InputTooComplexError, MalformedJsonError
from ler_navigator.ingest.limits import IngestLimits


def load_json(raw: str, limits: IngestLimits, *, what: str = "This file") -> Any:
    """Parse JSON text, refusing malformed or too deeply nested input."""
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise MalformedJsonError(
            f"{what} looks like JSON but is broken at line {exc.lineno}, column {exc.colno} "
            f"({exc.msg}).",
            hint="Download the credential again from its issuer; it may have been cut off.",
        ) from exc
    except RecursionError as exc:
        raise _too_deep(limits, what) from exc
    if json_depth(value) > limits.max_json_depth:
        raise _too_deep(limits, what)
    return value


def json_depth(value: Any) -> int:
    """Nesting depth of a parsed JSON value (a scalar is 0), computed without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth + 1)
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return deepest


def _too_deep(limits: IngestLimits, what: str) -> InputTooComplexError:
    return InputTooComplexError(
        f"{what} nests its data more than {limits.max_json_depth} levels deep, more than a "
        "credential needs; it was not read.",
        hint="If this is a genuine credential, ask its issuer for a simpler export.",
    )
