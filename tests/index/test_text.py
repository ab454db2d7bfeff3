import pytest

from ler_navigator.index.text import normalize_text, stem, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Open Badges 3.0", ["open", "badg", "3.0"]),
        ("version 1 of the map", ["version", "1", "map"]),
        ("Learners &amp; Earners", ["learner", "earner"]),
        ("micro-credentials", ["micro", "credential"]),
        ("Café résumé", ["cafe", "resum"]),
    ],
)
def test_tokenize_keeps_versions_and_digits(text, expected):
    assert tokenize(text) == expected


def test_question_words_are_not_stopwords_when_they_matter():
    assert tokenize("what is it") == []
    assert "issu" in tokenize("who issues them")


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [("badges", "badg"), ("badge", "badg"), ("policies", "policy"), ("business", "business")],
)
def test_stem_folds_inflections(word, stemmed):
    assert stem(word) == stemmed


def test_normalize_unescapes_and_folds():
    assert normalize_text("Credentialing Everything&colon; A Primer") == (
        "credentialing everything: a primer"
    )
