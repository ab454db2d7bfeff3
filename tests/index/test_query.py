import pytest

from ler_navigator.index.query import QueryRewriter

VOCAB = {"credential": 10, "credentials": 8, "micro": 3, "certificate": 4, "learner": 12}
ALIASES = {
    "Skills-based Hiring and Advancement (SBHA)": ["SBHA"],
    "Jobs for the Future": ["JFF"],
    "Digital Credential Wallet": ["wallet", "digital wallet"],
}


@pytest.fixture
def rewriter() -> QueryRewriter:
    return QueryRewriter(VOCAB, ALIASES)


def test_typos_are_corrected_against_the_corpus(rewriter):
    result = rewriter.rewrite("micro credntial vs certificate")
    assert result.corrections == {"credntial": "credential"}
    assert "credential" in result.text.split()


def test_short_and_known_words_are_left_alone(rewriter):
    assert rewriter.rewrite("vc vs ob").corrections == {}
    assert rewriter.rewrite("learner").text == "learner"


def test_acronyms_expand_to_the_names_they_stand_for(rewriter):
    assert rewriter.rewrite("what's sbha").expansions == [
        "Skills-based Hiring and Advancement (SBHA)"
    ]
    assert rewriter.rewrite("any JFF reports?").expansions == ["Jobs for the Future"]


def test_everyday_single_word_aliases_do_not_expand(rewriter):
    assert rewriter.rewrite("where is my wallet").expansions == []
    assert rewriter.rewrite("a digital wallet").expansions == ["Digital Credential Wallet"]


def test_name_already_in_query_is_not_repeated(rewriter):
    assert rewriter.rewrite("Jobs for the Future JFF").expansions == []


def test_rewriting_is_deterministic(rewriter):
    assert rewriter.rewrite("credentail sbha") == rewriter.rewrite("credentail sbha")
