"""Verification never opens a socket unless network use is enabled (and tests never enable it)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
import yaml
from verify_support import AS_OF, CONTEXTS, CREDENTIALS

from ler_navigator.models.verification import SignatureVerdict
from ler_navigator.settings import Settings
from ler_navigator.verify.contexts import ContextLoader
from ler_navigator.verify.did import KeyResolver, KeyUnavailable, did_web_url
from ler_navigator.verify.documents import LocalDocuments
from ler_navigator.verify.verifier import Verifier


@pytest.fixture
def socket_attempts(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record (and refuse) every attempt to resolve a name or open a connection."""
    attempts: list[object] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args[1:] if args and isinstance(args[0], socket.socket) else args)
        raise OSError("network use attempted during verification")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_verifying_every_fixture_opens_no_socket(
    socket_attempts: list[object], local_docs_dir: Path
) -> None:
    settings = Settings(contexts_dir=CONTEXTS, local_docs_dir=local_docs_dir)
    assert settings.allow_network is False
    verifier = Verifier.from_settings(settings, clock=lambda: AS_OF)
    expected = yaml.safe_load((CREDENTIALS / "expected.yaml").read_text(encoding="utf-8"))
    results = [r for entry in expected for r in verifier.verify_file(CREDENTIALS / entry["file"])]
    assert len(results) > len(expected)  # nested credentials were checked too
    assert socket_attempts == []


def test_did_web_is_not_fetched_when_network_is_off(fixtures_available: None) -> None:
    resolver = KeyResolver(LocalDocuments())
    with pytest.raises(KeyUnavailable, match="network use is off"):
        resolver.resolve("did:web:issuer.example#key-1")


def test_did_web_address_and_fetch_when_network_is_on() -> None:
    fetched: list[str] = []

    def fake_fetch(url: str) -> Any:
        fetched.append(url)
        return None

    resolver = KeyResolver(LocalDocuments(fetch=fake_fetch))
    with pytest.raises(KeyUnavailable):
        resolver.resolve("did:web:example.com:issuers:42#key-1")
    assert fetched == ["https://example.com/issuers/42/did.json"]
    assert did_web_url("did:web:example.com") == "https://example.com/.well-known/did.json"
    assert did_web_url("did:web:localhost%3A8443") == "https://localhost:8443/.well-known/did.json"


def test_a_local_did_web_document_stands_in_for_the_network(
    make_verifier: Any, read_fixture: Any
) -> None:
    result = make_verifier().verify(read_fixture("ob3/dcc-v1-ed25519-didweb-revoked.json"))[0]
    assert result.signature.verdict == SignatureVerdict.VALID
    assert result.issuer.did_method == "web"
    assert result.issuer.key_bound is True


def test_without_local_documents_did_web_is_unverifiable(read_fixture: Any) -> None:
    verifier = Verifier(
        loader=ContextLoader(contexts_dir=CONTEXTS), documents=LocalDocuments(), clock=lambda: AS_OF
    )
    result = verifier.verify(read_fixture("ob3/dcc-v1-ed25519-didweb-revoked.json"))[0]
    assert result.signature.verdict == SignatureVerdict.UNVERIFIABLE_OFFLINE
    assert result.status.verdict.value == "unknown"
