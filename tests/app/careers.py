"""The made-up careers knowledge base and shared credential fixtures for UI and browser tests."""

from __future__ import annotations

from pathlib import Path

from ler_navigator.service import NavigatorService
from ler_navigator.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]
CAREERS_KNOWLEDGE = Path(__file__).resolve().parent / "careers_knowledge"
SHARED_FIXTURES = REPO_ROOT.parent / "shared" / "fixtures"
CREDENTIALS = SHARED_FIXTURES / "credentials"
CONTEXTS = SHARED_FIXTURES / "contexts"

VERIFIED = CREDENTIALS / "ob3" / "dcc-v2-ed25519-didkey-valid.json"  # Teamwork, Example Corp
VERIFIED_PYTHON = CREDENTIALS / "ob3" / "dcc-v1-ed25519-didkey-valid.json"  # Python
UNBOUND_KEY = CREDENTIALS / "ob3" / "1edtech-validator-ob3-simple.json"
NURSING_CLR = CREDENTIALS / "clr2" / "1edtech-validator-clr2-complex-v1-ed25519.json"
TAMPERED = CREDENTIALS / "ob3" / "dcc-v2-ed25519-didkey-tampered.json"
UNSIGNED_LER_RS = CREDENTIALS / "ler-rs" / "1edtech-validator-ler-rs-v2-uc010-applying.json"
BROKEN_BADGE = CREDENTIALS / "ob2" / "mozilla-bakery-bad-json.svg"


def careers_settings(data_dir: Path) -> Settings:
    """Settings over the careers knowledge base, verifying with the pinned JSON-LD contexts."""
    return Settings(knowledge_dir=CAREERS_KNOWLEDGE, data_dir=data_dir, contexts_dir=CONTEXTS)


def careers_env(settings: Settings) -> dict[str, str]:
    """The ``LER_NAV_*`` variables that point the app at ``settings``."""
    return {
        "LER_NAV_KNOWLEDGE_DIR": str(settings.knowledge_dir),
        "LER_NAV_DATA_DIR": str(settings.data_dir),
        "LER_NAV_CONTEXTS_DIR": str(settings.contexts_dir),
    }


def ready_service(settings: Settings) -> NavigatorService:
    """A service whose index is built, so the app reuses it and starts in a second."""
    service = NavigatorService(settings)
    service.ensure_index()
    return service
