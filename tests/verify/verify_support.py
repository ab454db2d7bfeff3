"""Paths and constants shared by the verification tests (importable as a plain module)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

SHARED_FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"
CREDENTIALS = SHARED_FIXTURES / "credentials"
CONTEXTS = SHARED_FIXTURES / "contexts"
STATUS_LIST = CREDENTIALS / "vc-v2" / "dcc-bitstring-status-list-credential.json"
# The addresses the DCC fixtures use for the one status list file we have (see its notes).
STATUS_LIST_URLS = (
    "https://digitalcredentials.github.io/vc-test-fixtures/statusLists/"
    "didkey-ed25519Signature2020/e5WK8CbZ1GjycuPombrj",
    "https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/"
    "src/test-fixtures/status/e5WK8CbZ1GjycuPombrj",
)
AS_OF = datetime(2026, 11, 29, tzinfo=UTC)
