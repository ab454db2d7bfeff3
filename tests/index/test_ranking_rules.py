"""The ranking rules on top of fusion: names spread over a question, two named things both
kept, the asked-for kind only displacing near-equals, and the source prior that orders
near-equals without changing what counts as relevant."""

from dataclasses import replace

import pytest

from ler_navigator.index.documents import IndexDocument
from ler_navigator.index.hybrid import FusionWeights, HybridIndex, ScoredDocument
from ler_navigator.index.query import EntityLinker, QueryRewriter
from ler_navigator.index.store import InMemoryStore
from tests.fakes import FakeEmbedder


def _doc(doc_id: str, text: str, kind: str = "glossary_term", **flags: bool) -> IndexDocument:
    return IndexDocument(
        id=doc_id,
        parent_id=doc_id,
        kind=kind,
        title=doc_id,
        url="https://example.org/" + doc_id.replace(":", "/"),
        text=text,
        **flags,
    )


def _index(docs: list[IndexDocument], **weights) -> HybridIndex:
    index = HybridIndex.build(docs, FakeEmbedder(), InMemoryStore(), "rules")
    index.weights = replace(FusionWeights(), **weights)
    return index


def _scored(doc: IndexDocument, score: float) -> ScoredDocument:
    return ScoredDocument(doc, score, 0.0, 0.0, 0.0, score)


LINKER = EntityLinker(
    {
        "term:verifiable-credential": ["Verifiable Credential"],
        "term:credential": ["Credential"],
        "term:ctdl": ["Credential Transparency Description Language", "CTDL"],
    }
)


def test_a_name_spread_over_the_question_is_found():
    question = "if a credential is 'verifiable', has it been checked?"
    assert LINKER.spread(question) == {"term:verifiable-credential"}
    assert LINKER.spread("is a credential checked?") == set()
    # A one-word name is never "spread": it is either in the question or not.
    assert "term:credential" not in LINKER.spread(question)


def test_linking_reads_the_question_with_typos_fixed():
    rewriter = QueryRewriter({"credential": 10, "verifiable": 4}, {})
    result = rewriter.rewrite("is CTDL a rival to verifable credentials?")
    assert result.corrected == "is ctdl a rival to verifiable credentials"
    named, _ = LINKER.link(result.corrected)
    assert named["term:verifiable-credential"] == 2
    assert rewriter.rewrite("no typos here").corrected == "no typos here"


def test_two_named_things_both_keep_a_place():
    words = "rival credential transparency description language verifiable credentials"
    fillers = [_doc(f"term:rival-{i}", f"{words} {i}") for i in range(4)]
    named = [
        _doc("term:ctdl", "CTDL. A schema for describing programs."),
        _doc("term:verifiable-credential", "VC. A signed record."),
    ]
    names = {
        "term:ctdl": ["Credential Transparency Description Language"],
        "term:verifiable-credential": ["Verifiable Credential"],
    }
    question = "is Credential Transparency Description Language a rival to verifiable credentials"
    for slots, both in ((0, False), (2, True)):
        index = _index(fillers + named, named_slots=slots, named=0.0, spread=0.0)
        index.with_names(names)
        ids = {r.document.id for r in index.search(question, k=3)}
        assert ({"term:ctdl", "term:verifiable-credential"} <= ids) is both, ids


def test_an_asked_for_kind_only_displaces_near_equals():
    strong = [_doc(f"term:t{i}", "x") for i in range(3)]
    weak = _doc("resource:r", "x", kind="resource")
    ranked = [*[_scored(d, 0.9) for d in strong], _scored(weak, 0.3)]
    lenient = _index([*strong, weak], kind_swap=10.0)
    picked = lenient._select(list(ranked), 2, 2, 0.0, {"resource"})
    assert "resource:r" in [r.document.id for r in picked]
    strict = _index([*strong, weak], kind_swap=1.5)
    picked = strict._select(list(ranked), 2, 2, 0.0, {"resource"})
    assert "resource:r" not in [r.document.id for r in picked]


def test_the_source_prior_orders_near_equals_but_not_relevance():
    text = "Issuer. The organization that signs a credential."
    docs = [
        _doc("term:a-guide", text, guide=True),
        _doc("term:b-plain", text),
        _doc("term:c-map", text, from_map=True),
    ]
    index = _index(docs, map_prior=0.06, guide=0.06)
    results = index.search("who signs a credential", k=3)
    assert [r.document.id for r in results] == ["term:c-map", "term:b-plain", "term:a-guide"]
    assert {round(r.relevance, 6) for r in results} == {round(results[1].relevance, 6)}
    assert results[0].score == pytest.approx(results[1].score + 0.06, abs=1e-5)
    # The threshold reads relevance: all three pass or fail together.
    cut = results[1].relevance
    assert len(index.search("who signs a credential", k=3, min_score=cut - 1e-4)) == 3
    assert index.search("who signs a credential", k=3, min_score=cut + 1e-4) == []


def test_a_misspelt_question_word_is_fixed_from_everyday_english():
    rewriter = QueryRewriter({"badge": 3, "credential": 9}, {})
    result = rewriter.rewrite("whats the diffrence between a badge and a credential")
    assert result.corrections == {"diffrence": "difference"}
    # Short unknown words are more often acronyms than typos, and stay as typed.
    assert rewriter.rewrite("what is cben").corrections == {}


def test_a_comparison_with_a_typo_still_compares():
    docs = [
        _doc("term:badge", "Badge. A digital symbol of an achievement."),
        _doc("term:micro-credential", "Micro-credential. A short, focused credential."),
        *[_doc(f"term:other-{i}", f"difference between micro micro {i}") for i in range(5)],
    ]
    index = _index(docs)
    index.with_aliases({})
    ids = [r.document.id for r in index.search("the diffrence between badge and micro", k=3)]
    assert "term:badge" in ids


def test_a_kind_small_enough_to_list_whole_is_listed_whole():
    areas = [
        _doc(f"action:area-{i}", f"Area {i}. Work on adoption.", kind="action_area")
        for i in range(4)
    ]
    noise = [_doc(f"term:noise-{i}", "what are the areas areas areas") for i in range(6)]
    index = _index(areas + noise, kind_swap=10.0)
    ids = [r.document.id for r in index.search("what are the action areas", k=5)]
    assert sum(i.startswith("action:") for i in ids) == 4
    # A kind too large to list (more items than places) keeps the usual quota of three.
    many = [
        _doc(f"action:x-{i}", f"X {i}. Work on adoption.", kind="action_area") for i in range(7)
    ]
    ids = [
        r.document.id
        for r in _index(many + noise, kind_swap=10.0).search("what are the action areas", k=5)
    ]
    assert sum(i.startswith("action:") for i in ids) >= 3


def test_the_most_common_english_words_are_known_as_such():
    from ler_navigator.index.query import common_english

    assert common_english("get") and common_english("Keep")
    assert not common_english("forklift") and not common_english("HACCP")
