"""JSON-LD document loader that serves only allowlisted contexts, each pinned by sha256.

A context decides what a signed credential *means*: a verifier that fetched whatever a URL
serves today would accept a signature over different statements. So every allowed URL is
pinned to the sha256 of its canonical JSON (sorted keys, no whitespace), which stays the same
whichever package or folder a copy comes from. Sources, in order: the copies bundled with
pyld, the folder in ``Settings.contexts_dir`` (a ``contexts.json`` URL -> file map), and - only
when ``Settings.allow_network`` is on - the official URL. Nothing else is ever loaded.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pyld.context_resolver import ContextResolver

from ler_navigator.errors import VerificationError

# Pins: the canonical-JSON sha256 of each context as published. Several pins for one URL mean
# several published contents are known and each is acceptable.
PINNED_CONTEXTS: Mapping[str, tuple[str, ...]] = {
    "https://www.w3.org/2018/credentials/v1": (
        "b01e671e873981f19a9102a9a57f666dbcaeb31b99e3e124378d143e71549247",
    ),
    "https://www.w3.org/ns/credentials/v2": (
        "b463c8d6a066214123ddd9827b135e1b50e1fc73322cc52a9b12a4f1fc7d86cf",
    ),
    "https://www.w3.org/2018/credentials/examples/v1": (
        "5bca9da34aefb4c5e0cd993e222e58827734e0928fda0210ee73413c43d6e5e5",
    ),
    "https://www.w3.org/ns/credentials/examples/v2": (
        "8a675bead391be98e6054c4e07c41f73337508d398e07047344c5d349aa2dc58",
    ),
    "https://www.w3.org/ns/credentials/status/v1": (
        "b2fcebfbaf4e6beae2be370fda8a5f9f99c28540c798a75a8cdccc0fb1a12492",
    ),
    "https://w3id.org/vc/status-list/2021/v1": (
        "9768f9aa81ab6c3e2ad96b2d669eaba67afe13fff0140a853f1e3d313fab13b6",
    ),
    "https://w3id.org/security/suites/ed25519-2020/v1": (
        "fb517f09d990829aed734c9bad8cbbb2ac3d5063b865c7e3d81f246074bf5691",
    ),
    "https://w3id.org/security/suites/ed25519-2018/v1": (
        "b4cb4ede62cd5c1e98b54340bf9d5ae636e6ba6e92b6bffb50be3c12b473a2de",
    ),
    "https://w3id.org/security/data-integrity/v1": (
        "9505bf85338a4c2121ad03992ac90061bc85d43bcfa34d9d47b779381cf08b5f",
    ),
    "https://w3id.org/security/data-integrity/v2": (
        "7ba3c50acf2689d5e07927267343eb353249c7c22a9f2d00307cc970e855e305",
    ),
    "https://w3id.org/security/multikey/v1": (
        "be20c3ee6af6e9c4102e66a85c26617831218e32216bdf050f870e389e737cdc",
    ),
    "https://w3id.org/security/v1": (
        "d87de2ce3ce407bcac481f8af31e211e54beb5cbd7dd459826ed0502302ee234",
    ),
    "https://w3id.org/security/v2": (
        "38a9ef19cf3a75bf856202bd1ed4cbd55c985ad4a809eb7f4ef584ba9d51dc90",
    ),
    "https://w3id.org/security/suites/jws-2020/v1": (
        "eed16334842a5635257913b33acd1aeee29009eb188d855f9a1d0ceee4a8ae4d",
    ),
    "https://www.w3.org/ns/did/v1": (
        "a7e146c40fcec005d3f0f14ae745665f446da58d7914a9d8f733746686fad82b",
    ),
    # The unversioned OB 3.0 URL changed content over time; only the final 3.0.0 content is
    # accepted, because credentials signed under the beta content mean something else.
    "https://purl.imsglobal.org/spec/ob/v3p0/context.json": (
        "2c54acaa1cffda2420be32ab61f0a2082051211131c6337686f36f2537aa859b",
    ),
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json": (
        "8bb2354552b70cbdf2066f6d3e24bc5c2be2619145737580ad2aebdc366e77d5",
    ),
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json": (
        "bdd1d11a55a660322f24660862a1d430ee80cce584465f750909daa43684357c",
    ),
    # 3.0.3 was edited after release (terms added): the current and the 2024-03 content.
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": (
        "04b1136ddc4eda9a8966bc7ef182789f233a26739473140ef75d6968c29a2966",
        "c5e555a91a5cf48e32ae0a05674c61ddd5c053b680b5643b2f57f9965e386d99",
    ),
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json": (
        "15f4c347c6fe4380d9b6b93795859e33747ef48d5c55b91a71c52fb51c7bcbd7",
    ),
    "https://imsglobal.github.io/openbadges-specification/ob_v3p0.html": (
        "f6c4c3b3b800cb9ffc87828d8105e3dd0d20692e5936d2cc4dead2b247e11a08",
    ),
    "https://w3c-ccg.github.io/vc-ed/plugfest-1-2022/jff-vc-edu-plugfest-1-context.json": (
        "f6c4c3b3b800cb9ffc87828d8105e3dd0d20692e5936d2cc4dead2b247e11a08",
    ),
    "https://purl.imsglobal.org/spec/clr/v2p0/context.json": (
        "a2dd0c0c07434663b7b54a51dd8a3363f6d5c420efa87e3d97b4ef8661596d44",
    ),
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json": (
        "7defe702c102faf14108579b7d65ef39ecf4c3bbef925b803e15bd77cd6e3394",
    ),
    "https://w3id.org/openbadges/v2": (
        "5f063cc07234984e99d3fe24abdb084a0de95ac073c30580b4d31f4d9c3e1d94",
    ),
    "https://openbadgespec.org/v2/context.json": (
        "5f063cc07234984e99d3fe24abdb084a0de95ac073c30580b4d31f4d9c3e1d94",
    ),
    "https://w3id.org/openbadges/v1": (
        "b89b3e6b57d3ec343cded9bb0a1d0611ec77d91f4b81f0d50f124c94113c8356",
    ),
    "https://w3id.org/dcc/v1": (
        "72bbeeb602655938f472f98317cab12c1bf6abc96a915d1fcc3fe18e79f92a42",
    ),
}

MAX_CONTEXT_BYTES = 512 * 1024

Fetcher = Callable[[str], Any]


class ContextUnavailable(VerificationError):
    """A context the credential needs is not allowlisted or no pinned copy is at hand."""


def canonical_sha256(document: Any) -> str:
    """sha256 of a JSON value serialised with sorted keys and no whitespace."""
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def bundled_context_files() -> dict[str, Path]:
    """Context copies shipped inside pyld (credentials, security, DID, Ed25519 2020, JWS 2020)."""
    try:
        from pyld.documentloader.frozen import BUNDLED_CONTEXTS
    except ImportError:  # older pyld without a bundle: the contexts folder must supply them
        return {}
    return {url: Path(path) for url, path in BUNDLED_CONTEXTS.items()}


def folder_context_files(contexts_dir: Path) -> dict[str, Path]:
    """The ``contexts.json`` URL -> file map of a contexts folder, as absolute paths."""
    index = contexts_dir / "contexts.json"
    try:
        mapping = json.loads(index.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise VerificationError(
            f"The contexts folder {contexts_dir} has no contexts.json.",
            hint="Add a contexts.json that maps each context URL to a file in the folder.",
        ) from exc
    except (OSError, ValueError) as exc:
        raise VerificationError(f"The contexts map {index} cannot be read: {exc}") from exc
    if not isinstance(mapping, dict):
        raise VerificationError(f"The contexts map {index} must be a JSON object.")
    return {str(url): contexts_dir / str(name) for url, name in sorted(mapping.items())}


class ContextLoader:
    """A pyld document loader over pinned contexts; also owns pyld's resolved-context cache.

    The cache is per loader (not pyld's process-wide one) so that two loaders with different
    sources can never hand each other's contexts to a verification.
    """

    def __init__(
        self,
        *,
        contexts_dir: Path | None = None,
        fetch: Fetcher | None = None,
        pins: Mapping[str, tuple[str, ...]] = PINNED_CONTEXTS,
    ) -> None:
        self._pins = pins
        self._candidates: dict[str, list[Path]] = {}
        for url, path in bundled_context_files().items():
            self._candidates.setdefault(url, []).append(path)
        if contexts_dir is not None:
            for url, path in folder_context_files(contexts_dir).items():
                self._candidates.setdefault(url, []).append(path)
        self._fetch = fetch
        self._documents: dict[str, dict[str, Any]] = {}
        self._failures: dict[str, str] = {}
        self._resolved_cache: dict[str, Any] = {}

    def __call__(self, url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        """Return the pinned context for ``url`` as a pyld remote document."""
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": self.load(url),
            # 'static' lets our own resolver cache keep the processed context between runs.
            "tag": "static",
        }

    def context_resolver(self) -> ContextResolver:
        """A pyld context resolver whose shared cache belongs to this loader."""
        return ContextResolver(self._resolved_cache, self)

    def load(self, url: str) -> dict[str, Any]:
        """The parsed context for ``url``, or ``ContextUnavailable`` saying why not."""
        if url in self._documents:
            return self._documents[url]
        if url in self._failures:
            raise ContextUnavailable(self._failures[url])
        try:
            document = self._load_uncached(url)
        except ContextUnavailable as exc:
            self._failures[url] = exc.user_message
            raise
        self._documents[url] = document
        return document

    def _load_uncached(self, url: str) -> dict[str, Any]:
        pins = self._pins.get(url)
        if pins is None:
            raise ContextUnavailable(f"the JSON-LD context {url} is not on the allowlist")
        mismatched: list[str] = []
        for path in self._candidates.get(url, []):
            document = _read_json(path)
            if document is None:
                continue
            if canonical_sha256(document) in pins:
                return document
            mismatched.append(path.name)
        if self._fetch is not None:
            document = self._fetch(url)
            if isinstance(document, dict) and canonical_sha256(document) in pins:
                return document
            mismatched.append("the copy served at its URL")
        if mismatched:
            raise ContextUnavailable(
                f"the JSON-LD context {url} does not match its pinned hash "
                f"({', '.join(mismatched)})"
            )
        raise ContextUnavailable(f"no pinned copy of the JSON-LD context {url} is available")


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        if path.stat().st_size > MAX_CONTEXT_BYTES:
            return None
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None
