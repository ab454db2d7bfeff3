"""The document loader serves only allowlisted contexts whose content matches the pinned hash."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from verify_support import AS_OF, CONTEXTS, CREDENTIALS

from ler_navigator.verify.canonical import RdfCanonicalizer
from ler_navigator.verify.contexts import (
    PINNED_CONTEXTS,
    ContextLoader,
    ContextUnavailable,
    canonical_sha256,
)
from ler_navigator.verify.documents import LocalDocuments
from ler_navigator.verify.verifier import Verifier

OB3_303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB3_UNVERSIONED = "https://purl.imsglobal.org/spec/ob/v3p0/context.json"


def test_pyld_bundled_contexts_are_served_without_a_folder() -> None:
    loader = ContextLoader()
    document = loader.load("https://www.w3.org/ns/credentials/v2")
    assert canonical_sha256(document) in PINNED_CONTEXTS["https://www.w3.org/ns/credentials/v2"]
    with pytest.raises(ContextUnavailable, match="no pinned copy"):
        loader.load(OB3_303)


def test_urls_off_the_allowlist_are_refused(fixtures_available: None) -> None:
    loader = ContextLoader(contexts_dir=CONTEXTS)
    with pytest.raises(ContextUnavailable, match="not on the allowlist"):
        loader.load("https://example.org/my-context.jsonld")


def test_every_shared_context_matches_its_pin(fixtures_available: None) -> None:
    loader = ContextLoader(contexts_dir=CONTEXTS)
    mapping = json.loads((CONTEXTS / "contexts.json").read_text(encoding="utf-8"))
    assert sorted(mapping) == sorted(PINNED_CONTEXTS)
    for url in sorted(mapping):
        loader.load(url)


def test_both_published_versions_of_ob_3_0_3_are_accepted_but_not_the_beta(
    tmp_path: Path, fixtures_available: None
) -> None:
    folder = tmp_path / "contexts"
    folder.mkdir()
    shutil.copy(CONTEXTS / "ob-v3p0-context-3.0.3.spec-2024-03.json", folder / "ob303.json")
    shutil.copy(CONTEXTS / "ob-v3p0-beta.json", folder / "beta.json")
    mapping = {OB3_303: "ob303.json", OB3_UNVERSIONED: "beta.json"}
    (folder / "contexts.json").write_text(json.dumps(mapping), encoding="utf-8")
    loader = ContextLoader(contexts_dir=folder)
    loader.load(OB3_303)
    with pytest.raises(ContextUnavailable, match="does not match its pinned hash"):
        loader.load(OB3_UNVERSIONED)


def test_an_edited_context_is_refused(tmp_path: Path, fixtures_available: None) -> None:
    folder = tmp_path / "contexts"
    folder.mkdir()
    context = json.loads((CONTEXTS / "ob-v3p0-context-3.0.3.json").read_text(encoding="utf-8"))
    context["@context"]["name"] = "https://example.org/not-the-name"
    (folder / "ob.json").write_text(json.dumps(context), encoding="utf-8")
    (folder / "contexts.json").write_text(json.dumps({OB3_303: "ob.json"}), encoding="utf-8")
    with pytest.raises(ContextUnavailable, match="does not match its pinned hash"):
        ContextLoader(contexts_dir=folder).load(OB3_303)


def test_a_missing_context_makes_a_proof_unverifiable_not_invalid(
    read_fixture: Any,
) -> None:
    verifier = Verifier(loader=ContextLoader(), documents=LocalDocuments(), clock=lambda: AS_OF)
    result = verifier.verify(read_fixture("ob3/1edtech-validator-ob3-simple.json"))[0]
    assert result.signature.verdict.value == "unverifiable_offline"
    assert (
        result.signature.reason == f"no pinned copy of the JSON-LD context {OB3_303} is available"
    )


def test_canonical_n_quads_match_the_ob3_test_vector_byte_for_byte(
    read_fixture: Any,
) -> None:
    credential = read_fixture("ob3/1edtech-spec-ob3-testvector-eddsa-rdfc-2022.json")
    unsecured = {k: v for k, v in credential.items() if k != "proof"}
    expected = (CREDENTIALS / "ob3/1edtech-spec-ob3-testvector-document-canon.nq").read_text()
    canonical = RdfCanonicalizer(ContextLoader(contexts_dir=CONTEXTS)).canonize(unsecured)
    assert canonical == expected
