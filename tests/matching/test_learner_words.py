"""Reading the learner's free text for occupation matching, on small occupations made here."""

from dataclasses import dataclass

import pytest

from ler_navigator.index.documents import IndexDocument
from ler_navigator.index.hybrid import HybridIndex
from ler_navigator.matching.fit import Matcher
from ler_navigator.matching.learner_words import LearnerWords, shows_degree
from ler_navigator.matching.text_evidence import TextEvidenceFinder
from ler_navigator.models.ler import LearnerProfile
from tests.fakes import FakeEmbedder
from tests.matching.test_fit import VOCAB
from tests.matching.test_text_evidence import CNA, MECHANIC, OCCUPATIONS


@dataclass(frozen=True)
class Hit:
    code: str
    score: float


def _careers(texts: dict[str, str]) -> HybridIndex:
    docs = [
        IndexDocument(id=oid, parent_id=oid, kind="occupation", title=oid, url="", text=text)
        for oid, text in sorted(texts.items())
    ]
    embedder = FakeEmbedder()
    return HybridIndex(docs, embedder.embed([d.text for d in docs]), embedder, None, "careers")


CAREERS = _careers(
    {
        "occupation:35-2014.00": "Cooks prepare food and keep HACCP temperature logs.",
        "occupation:51-4121.00": "Welders join metal and keep logs of their welds.",
        "occupation:51-4041.00": "Machinists set up lathes.",
    }
)


class Careers:
    """The current careers index; a test swaps it, as a rebuild does."""

    def __init__(self, index: HybridIndex | None) -> None:
        self.index = index

    def __call__(self) -> HybridIndex | None:
        return self.index


def _words(hits=(), careers: Careers | None = None) -> LearnerWords:
    finder = TextEvidenceFinder(OCCUPATIONS, [CNA], [MECHANIC], FakeEmbedder())
    return LearnerWords(
        finder,
        Matcher(OCCUPATIONS, [CNA], [], VOCAB),
        OCCUPATIONS,
        lambda _text, k: list(hits)[:k],
        careers or Careers(CAREERS),
    )


def test_relevance_spreads_between_the_last_and_the_best_hit():
    hits = [Hit("35-2014.00", 0.9), Hit("51-4121.00", 0.6), Hit("51-4041.00", 0.5)]
    evidence, has_degree = _words(hits).text_evidence(None, "I keep haccp logs")
    assert evidence["occupation:35-2014.00"].relevance == 1.0
    assert evidence["occupation:51-4121.00"].relevance == 0.25
    assert evidence["occupation:51-4041.00"].relevance == 0.0
    assert has_degree is False


def test_no_positive_hit_means_no_relevance():
    evidence, _ = _words([Hit("35-2014.00", 0.0)]).text_evidence(None, "I keep logs")
    assert all(e.relevance == 0 for e in evidence.values())


def test_shared_words_are_rarest_first_and_as_the_learner_wrote_them():
    hits = [Hit("35-2014.00", 0.9), Hit("51-4121.00", 0.6)]
    evidence, _ = _words(hits).text_evidence(None, "I kept HACCP logs and the temperature")
    # "logs" is in two careers texts, "HACCP" and "temperature" in one each.
    assert evidence["occupation:35-2014.00"].shared_words == ["HACCP", "temperature", "logs"]
    assert evidence["occupation:51-4121.00"].shared_words == ["logs"]


def test_a_rebuilt_careers_index_gets_its_own_word_counts():
    hits = [Hit("35-2014.00", 0.9), Hit("51-4121.00", 0.6)]
    careers = Careers(CAREERS)
    words = _words(hits, careers)
    assert words.text_evidence(None, "HACCP logs")[0]["occupation:35-2014.00"].shared_words == [
        "HACCP",
        "logs",
    ]
    careers.index = _careers(
        {
            "occupation:35-2014.00": "Cooks keep HACCP logs.",
            "occupation:51-4121.00": "Welders read HACCP plans.",
        }
    )
    evidence, _ = words.text_evidence(None, "HACCP logs")
    # Now "logs" is the rarer word, and the welders' text shares only "HACCP".
    assert evidence["occupation:35-2014.00"].shared_words == ["logs", "HACCP"]
    assert evidence["occupation:51-4121.00"].shared_words == ["HACCP"]


def test_no_careers_index_means_no_shared_words():
    evidence, _ = _words([Hit("35-2014.00", 0.9)], Careers(None)).text_evidence(None, "HACCP")
    assert evidence["occupation:35-2014.00"].shared_words == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("I have a bachelor's in biology", True), ("Ph.D. in chemistry", True), ("GED", False)],
)
def test_a_degree_shows_in_the_learners_words(text, expected):
    assert shows_degree(None, text) is expected
    assert _words().text_evidence(None, text)[1] is expected


def test_nothing_said_and_no_profile_leaves_the_degree_unknown():
    assert _words().text_evidence(None, "  ") == ({}, None)
    assert _words().text_evidence(LearnerProfile(), None) == ({}, False)


def test_the_work_described_before_a_change_wish_is_what_the_learner_leaves():
    words = _words()
    leaving = words.leaving([], "Ten years as a line cook. I want to get out of kitchens.")
    assert "occupation:35-2014.00" in leaving
    assert words.leaving([], "I am a line cook.") == set()


def test_a_veteran_leaving_the_service_leaves_no_civilian_work():
    text = "Army veteran, served as a 91B. I want to move into civilian work."
    assert _words().leaving([], text) == set()
