"""Golden retrieval: fixed questions -> pinned top-3 ids, and quality on our labelled set.

Any change of order fails. When a change is intended, regenerate with
``UPDATE_GOLDEN=1 make test`` and say why in the commit message.
"""

from __future__ import annotations

import json

from ler_navigator.evaluation.retrieval import evaluate, hybrid_ranker, load_questions
from tests.golden.conftest import GOLDEN, build_service, update_golden

QUESTIONS = GOLDEN / "retrieval" / "questions.yaml"
PINNED = GOLDEN / "retrieval" / "top3.json"


def _queries() -> list[str]:
    return [q.text for q in load_questions(QUESTIONS)]


def test_golden_set_is_large_enough():
    assert len([q for q in load_questions(QUESTIONS) if q.in_scope]) >= 40


def test_top3_ids_are_pinned(real_service):
    current = {q: [h.id for h in real_service.search(q, 3)] for q in _queries()}
    if update_golden():
        PINNED.write_text(json.dumps(current, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    assert PINNED.exists(), "no pinned file: run with UPDATE_GOLDEN=1 and review it"
    pinned = json.loads(PINNED.read_text())
    changed = {q: (pinned.get(q), ids) for q, ids in current.items() if pinned.get(q) != ids}
    assert not changed, f"top-3 changed for {len(changed)} queries: {changed}"


def test_labelled_recall_and_refusals(real_service):
    report = evaluate(
        "hybrid",
        hybrid_ranker(real_service.index),
        load_questions(QUESTIONS),
        k=5,
        threshold=real_service.settings.min_relevance,
    )
    assert report.recall_at_k >= 0.9, report.misses
    assert report.out_of_scope_above == []


def test_two_builds_from_scratch_agree_on_top10(tmp_path, real_service):
    rebuilt = build_service(tmp_path / "again")
    for query in _queries():
        first = [h.id for h in real_service.search(query, 10)]
        second = [h.id for h in rebuilt.search(query, 10)]
        assert first == second, query
