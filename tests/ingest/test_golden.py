"""Golden profile dumps: one representative file per format, compared field by field.

Regenerate with ``UPDATE_GOLDEN=1 pytest tests/ingest/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import json
import os

import pytest

from ler_navigator.ingest import parse_bytes, profile_from
from tests.ingest.conftest import CREDENTIALS, GOLDEN, needs_fixtures
from tests.ingest.test_errors import pdf_bytes

REPRESENTATIVES = {
    "vc-v1": "vc-v1/dcc-v1-eddsa-rdfc-2022-didkey-olddccexample.json",
    "vc-v2": "vc-v2/w3c-vc-di-eddsa-rdfc-2022-alumni.json",
    "ob3": "ob3/1edtech-validator-ob3-complete.json",
    "ob3-baked-svg": "ob3/1edtech-validator-ob3-baked.svg",
    "clr2": "clr2/1edtech-validator-clr2-complex-v1-ed25519.json",
    "ob2-baked-png": "ob2/1edtech-validator-ob2-baked.png",
    "vc-jwt": "vc-jwt/1edtech-validator-clr2-simple.jwt",
    "ler-rs": "ler-rs/1edtech-validator-ler-rs-v2-vcwrapper.json",
}
RESUME_TEXT = (
    "Experience\nRobotics technician, Example Works\n- Python scripts for welding cells\n"
    "Education\nAssociate degree, Example College\n"
)


def _render(parsed) -> str:
    profile = profile_from([parsed])
    return json.dumps(profile.model_dump(mode="json"), indent=2, sort_keys=True) + "\n"


def _compare(name: str, rendered: str) -> None:
    path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(rendered, encoding="utf-8")
        return
    assert path.exists(), f"missing golden file {path.name}; run with UPDATE_GOLDEN=1"
    assert json.loads(rendered) == json.loads(path.read_text(encoding="utf-8"))


@needs_fixtures
@pytest.mark.parametrize("name", sorted(REPRESENTATIVES))
def test_credential_golden(name, fake_vocabulary):
    relative = REPRESENTATIVES[name]
    parsed = parse_bytes(
        (CREDENTIALS / relative).read_bytes(), relative, vocabulary=fake_vocabulary
    )
    _compare(name, _render(parsed))


@pytest.mark.parametrize("name", ["resume-text", "resume-pdf"])
def test_resume_golden(name, fake_vocabulary):
    data = RESUME_TEXT.encode() if name == "resume-text" else pdf_bytes(RESUME_TEXT)
    parsed = parse_bytes(data, f"{name}.example", vocabulary=fake_vocabulary)
    assert parsed.format == name
    _compare(name, _render(parsed))
