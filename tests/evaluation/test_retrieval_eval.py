from pathlib import Path

import pytest
import yaml

from ler_navigator.errors import NavigatorError
from ler_navigator.evaluation.retrieval import (
    EvalQuestion,
    RankedResult,
    evaluate,
    hit_rank,
    load_questions,
    normalize_name,
)


def _r(title: str, url: str = "", score: float = 0.5, id_: str = "x") -> RankedResult:
    return RankedResult(id_, title, url, score)


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("Skill ", "skill"),
        ("Credentialing Everything&colon; A Primer", "credentialing everything a primer"),
        ("Learners & Earners", "learners earners"),
        ("OPEN STANDARDS", "open standards"),
    ],
)
def test_normalize_name(raw, normal):
    assert normalize_name(raw) == normal


def test_title_parts_split_on_em_dash_count():
    q = EvalQuestion(
        id="q", question="?", kind="stakeholder", expected=["Gathering Data on Impact"]
    )
    assert hit_rank(q, [_r("Other"), _r("Employers — Gathering Data on Impact")], 0) == 2


def test_no_substring_matches():
    q = EvalQuestion(id="q", question="?", kind="glossary", expected=["Badge"])
    assert hit_rank(q, [_r("Open Badges")], 0) is None


def test_any_of_alternatives_and_urls():
    q = EvalQuestion(
        id="q",
        question="?",
        kind="resource",
        expected=[["LERs Explained", "Why Do They Matter?"], "Some Report"],
        expected_urls=[None, "https://example.org/report/"],
    )
    results = [_r("Why Do They Matter?"), _r("Renamed", url="HTTPS://example.org/report")]
    assert hit_rank(q, results, 0) == 1
    assert hit_rank(q, results, 1) == 2


def test_evaluate_counts_all_expected_and_out_of_scope():
    questions = [
        EvalQuestion(id="a", question="both", kind="glossary", expected=["A", "B"]),
        EvalQuestion(id="b", question="one", kind="glossary", expected=["A", "C"]),
        EvalQuestion(id="c", question="weather", kind="out_of_scope"),
    ]

    def ranker(query: str, k: int):
        return (
            [_r("A", score=0.9), _r("B", score=0.2)] if query != "weather" else [_r("Z", score=0.4)]
        )

    report = evaluate("m", ranker, questions, k=5, threshold=0.3)
    assert report.recall_at_k == 0.5
    assert report.mrr == 1.0
    assert [m["id"] for m in report.misses] == ["b"]
    assert report.out_of_scope_above == ["c"]


def test_load_questions_errors_are_friendly(tmp_path: Path):
    bad = tmp_path / "q.yaml"
    bad.write_text("nothing: here")
    with pytest.raises(NavigatorError, match="Cannot read the question file"):
        load_questions(bad)
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump({"questions": [{"id": "1", "question": "x", "kind": "page"}]}))
    assert load_questions(good)[0].in_scope
