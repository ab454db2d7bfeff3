"""Canonical forms that Data Integrity proofs sign: RDFC-1.0 N-Quads (with safe mode) and JCS.

Safe mode: a proof covers the RDF statements, not the JSON. A property that no context defines
is silently dropped by expansion, and a relative ``@type`` or ``@id`` stays relative (with
``base`` unset) and vanishes from the RDF - either way the signed statements would not say
what the JSON shows. Any of these makes canonicalization fail with ``SafeModeViolation``.
"""

from __future__ import annotations

import json
import math
import re
import time
from typing import Any

from pyld.canon import URDNA2015
from pyld.jsonld import JsonLdError, JsonLdProcessor

from ler_navigator.errors import VerificationError
from ler_navigator.verify.contexts import ContextLoader

MAX_INPUT_BYTES = 1024 * 1024
MAX_QUADS = 20_000
MAX_BLANK_NODES = 2_000
MAX_SECONDS = 2.0

_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


class SafeModeViolation(VerificationError):
    """Expansion lost or could not place part of the document: the proof cannot cover it."""


class CanonicalizationLimit(VerificationError):
    """The document is too large or too costly to canonicalize safely."""


class _LimitedRDFC(URDNA2015):
    """pyld's RDFC-1.0 (which pyld calls URDNA2015) with a deadline on the costly step."""

    def __init__(self, deadline: float) -> None:
        super().__init__()
        self._deadline = deadline

    def hash_n_degree_quads(self, id_: str, issuer: Any) -> Any:
        if time.monotonic() > self._deadline:
            raise CanonicalizationLimit("canonicalization took too long (possible blank-node bomb)")
        return super().hash_n_degree_quads(id_, issuer)


class RdfCanonicalizer:
    """RDFC-1.0 canonical N-Quads of JSON-LD documents, through a pinned context loader."""

    def __init__(self, loader: ContextLoader, *, max_seconds: float = MAX_SECONDS) -> None:
        self._loader = loader
        self._max_seconds = max_seconds

    def canonize(self, document: dict[str, Any]) -> str:
        """Canonical N-Quads of ``document``; raises on data loss, missing contexts or limits."""
        if len(json.dumps(document, ensure_ascii=False)) > MAX_INPUT_BYTES:
            raise CanonicalizationLimit("the document is too large to canonicalize")
        deadline = time.monotonic() + self._max_seconds
        dropped: list[str] = []
        processor = JsonLdProcessor(on_property_dropped=lambda name: dropped.append(str(name)))
        options = {
            "base": None,
            "documentLoader": self._loader,
            "contextResolver": self._loader.context_resolver(),
            "processingMode": "json-ld-1.1",
        }
        try:
            expanded = processor.expand(document, options)
        except JsonLdError as exc:
            raise _translate(exc) from exc
        if dropped:
            names = ", ".join(sorted(set(dropped)))
            raise SafeModeViolation(f"no context defines the propert{_ies(dropped)} {names}")
        relative = sorted(set(_relative_iris(expanded)))
        if relative:
            raise SafeModeViolation(f"relative type or id not defined by a context: {relative[0]}")
        try:
            dataset = processor.to_rdf(expanded, {**options, "produceGeneralizedRdf": False})
        except JsonLdError as exc:
            raise _translate(exc) from exc
        _check_size(dataset)
        return _LimitedRDFC(deadline).main(dataset, {"format": "application/n-quads"})


def _ies(items: list[str]) -> str:
    return "y" if len(set(items)) == 1 else "ies"


def _translate(exc: JsonLdError) -> VerificationError:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, VerificationError):
            return cause
        cause = cause.__cause__
    return SafeModeViolation(f"the JSON-LD cannot be processed ({_short(exc)})")


def _short(exc: JsonLdError) -> str:
    code = getattr(exc, "code", None)
    return str(code) if code else str(exc).splitlines()[0]


def _check_size(dataset: dict[str, list[dict[str, Any]]]) -> None:
    quads = sum(len(triples) for triples in dataset.values())
    if quads > MAX_QUADS:
        raise CanonicalizationLimit(f"the document has too many statements ({quads})")
    blank = {
        part["value"]
        for triples in dataset.values()
        for triple in triples
        for part in (triple["subject"], triple["object"])
        if part.get("type") == "blank node"
    }
    if len(blank) > MAX_BLANK_NODES:
        raise CanonicalizationLimit(f"the document has too many blank nodes ({len(blank)})")


def _relative_iris(node: Any) -> list[str]:
    """Every @type / @id / datatype in expanded JSON-LD that is not an absolute IRI."""
    found: list[str] = []
    if isinstance(node, list):
        for item in node:
            found.extend(_relative_iris(item))
    elif isinstance(node, dict):
        if "@value" in node:
            datatype = node.get("@type")
            if isinstance(datatype, str) and datatype != "@json" and not _is_iri(datatype):
                found.append(datatype)
            return found
        for key, value in node.items():
            if key == "@type":
                types = value if isinstance(value, list) else [value]
                found.extend(t for t in types if isinstance(t, str) and not _is_iri(t))
            elif key == "@id":
                if isinstance(value, str) and not _is_iri(value):
                    found.append(value)
            else:
                found.extend(_relative_iris(value))
    return found


def _is_iri(value: str) -> bool:
    return value.startswith("_:") or bool(_ABSOLUTE_IRI.match(value))


def jcs(value: Any) -> bytes:
    """RFC 8785 JSON Canonicalization Scheme serialisation of a JSON value."""
    return _jcs(value).encode("utf-8")


def _jcs(value: Any) -> str:
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(f"{_jcs(str(k))}:{_jcs(value[k])}" for k in keys) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_jcs(item) for item in value) + "]"
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _jcs_number(value)
    raise VerificationError(f"a {type(value).__name__} cannot be canonicalized as JSON")


def _jcs_number(number: float) -> str:
    if not math.isfinite(number):
        raise CanonicalizationLimit("JSON numbers must be finite")
    if number.is_integer() and abs(number) < 1e21:
        return str(int(number))
    text = repr(number)
    if "e" in text:  # ECMAScript writes 1e-7 and 1e+21, Python 1e-07 and 1e+21
        mantissa, exponent = text.split("e")
        sign = "-" if exponent.startswith("-") else "+"
        text = f"{mantissa}e{sign}{int(exponent.lstrip('+-'))}"
    return text
