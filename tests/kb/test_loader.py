from pathlib import Path

import pytest
import yaml

from ler_navigator.errors import KnowledgeBaseError
from ler_navigator.kb.loader import build_knowledge, load_knowledge

TERM = {
    "id": "term:badge",
    "name": "Badge",
    "body": "A small digital emblem that stands for something a person learned or did.",
    "source_url": "https://example.org/glossary",
    "as_of": "2026-11-29",
}


def _term(**changes):
    return {**TERM, **changes}


def _kb(*items, kind="glossary_term"):
    return build_knowledge([("test.yaml", {"kind": kind, "items": list(items)})])


def test_valid_items_load_sorted_by_id():
    kb = _kb(_term(id="term:zeta", name="Zeta"), _term(id="term:alpha", name="Alpha"))
    assert list(kb.items) == ["term:alpha", "term:zeta"]
    assert kb.get("term:alpha").name == "Alpha"


def test_duplicate_ids_are_rejected_with_both_places():
    with pytest.raises(KnowledgeBaseError, match="Duplicate id 'term:badge'"):
        _kb(_term(), _term(name="Other"))


def test_dangling_link_is_rejected():
    with pytest.raises(KnowledgeBaseError, match="links to 'term:missing'"):
        _kb(_term(related=["term:missing"]))


def test_self_link_is_rejected():
    with pytest.raises(KnowledgeBaseError, match="links to itself"):
        _kb(_term(related=["term:badge"]))


def test_missing_source_is_rejected():
    item = _term()
    del item["source_url"]
    with pytest.raises(KnowledgeBaseError, match="source_url"):
        _kb(item)


def test_wrong_id_prefix_is_rejected():
    with pytest.raises(KnowledgeBaseError, match="starting with 'term:'"):
        _kb(_term(id="org:badge"))


def test_unknown_kind_is_rejected():
    with pytest.raises(KnowledgeBaseError, match="unknown kind"):
        _kb(_term(), kind="recipe")


def test_unknown_field_is_rejected():
    with pytest.raises(KnowledgeBaseError, match="Extra inputs"):
        _kb(_term(colour="blue"))


def test_checksum_is_stable_and_content_sensitive():
    first = _kb(_term(), _term(id="term:issuer", name="Issuer"))
    again = _kb(_term(id="term:issuer", name="Issuer"), _term())
    changed = _kb(_term(), _term(id="term:issuer", name="Issuer", aliases=["Issuing body"]))
    assert first.checksum == again.checksum
    assert first.checksum != changed.checksum


def test_load_knowledge_reads_nested_yaml(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "terms.yaml").write_text(
        yaml.safe_dump({"kind": "glossary_term", "items": [TERM]})
    )
    kb = load_knowledge(tmp_path)
    assert len(kb) == 1
    assert kb.sources["term:badge"] == "sub/terms.yaml"


def test_load_knowledge_reports_bad_yaml(tmp_path: Path):
    (tmp_path / "broken.yaml").write_text("kind: glossary_term\nitems: [unclosed\n")
    with pytest.raises(KnowledgeBaseError, match=r"Cannot read knowledge file broken\.yaml"):
        load_knowledge(tmp_path)


def test_missing_folder_has_a_hint(tmp_path: Path):
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge(tmp_path / "nope")
    assert "LER_NAV_KNOWLEDGE_DIR" in (info.value.hint or "")
