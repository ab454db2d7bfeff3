"""The settings tables in README.md and docs/configuration.md match ``Settings``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ler_navigator.settings import Settings
from scripts import gen_config_docs as gen


def test_checked_in_tables_are_current():
    for path in gen.TARGETS:
        text = path.read_text(encoding="utf-8")
        assert gen.render_block() in text, f"{path.name} is stale: run `make docs`"


def test_every_setting_is_listed_with_its_description():
    table = gen.render_table()
    for name, field in Settings.model_fields.items():
        assert f"| `LER_NAV_{name.upper()}` |" in table
        assert field.description and field.description in table


def test_defaults_inside_the_checkout_are_shown_relative():
    table = gen.render_table()
    assert "| `LER_NAV_DATA_DIR` | `.data/` (in the checkout) | path |" in table
    assert "| `LER_NAV_TOP_K` | `8` | integer (> 0, ≤ 50) |" in table
    assert str(gen.REPO_ROOT) not in table


def test_check_mode_catches_a_stale_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    copies = []
    for path in gen.TARGETS:
        copy = tmp_path / path.name
        shutil.copy(path, copy)
        copies.append(copy)
    stale = copies[0].read_text(encoding="utf-8").replace("`LER_NAV_TOP_K`", "`LER_NAV_TOPK`")
    copies[0].write_text(stale, encoding="utf-8")
    monkeypatch.setattr(gen, "TARGETS", tuple(copies))
    monkeypatch.setattr(gen, "REPO_ROOT", tmp_path)
    assert gen.main(["--check"]) == 1
    assert gen.main([]) == 0
    assert gen.main(["--check"]) == 0
    assert "`LER_NAV_TOP_K`" in copies[0].read_text(encoding="utf-8")


def test_missing_markers_are_reported(tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_text("# No table here\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="markers are missing"):
        gen.updated(page.read_text(encoding="utf-8"), page)
