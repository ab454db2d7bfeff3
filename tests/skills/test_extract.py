from __future__ import annotations

import hashlib

import numpy as np
import pytest

from ler_navigator.skills import SkillMention, SkillVocabulary


def _ids(mentions: list[SkillMention]) -> set[str]:
    return {m.skill_id for m in mentions}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Excel", {"skill:microsoft-excel"}),
        ("Advanced MS Excel (pivot tables)", {"skill:microsoft-excel"}),
        ("CDL-A", {"skill:commercial-driving-class-a"}),
        (
            "Holds a Class A CDL with hazmat endorsement",
            {"skill:commercial-driving-class-a", "skill:hazardous-materials-endorsement"},
        ),
        ("MIG and TIG welding", {"skill:gas-metal-arc-welding", "skill:gas-tungsten-arc-welding"}),
        (
            "SMAW, FCAW and stick welding on structural steel",
            {"skill:shielded-metal-arc-welding", "skill:flux-cored-arc-welding"},
        ),
        (
            "I prep 200 covers a night and keep the HACCP logs",
            {"skill:hazard-analysis-and-critical-control-points"},
        ),
        (
            "troubleshooting Windows 10 and Active Directory",
            {
                "skill:troubleshooting",
                "skill:microsoft-windows",
                "skill:microsoft-active-directory",
            },
        ),
        (
            "Phlebotomy, vital signs, CPR/BLS, EKG",
            {
                "skill:phlebotomy",
                "skill:vital-signs",
                "skill:cardiopulmonary-resuscitation",
                "skill:basic-life-support",
                "skill:electrocardiography",
            },
        ),
        (
            "Bookkeeping, A/R, A/P, payroll in QuickBooks",
            {
                "skill:bookkeeping",
                "skill:accounts-receivable",
                "skill:accounts-payable",
                "skill:payroll",
                "skill:intuit-quickbooks",
            },
        ),
        (
            "Forklift certified; pallet jack; order picking with RF scanner",
            {
                "skill:forklift-operation",
                "skill:pallet-jack-operation",
                "skill:order-picking",
                "skill:rf-scanning",
            },
        ),
        (
            "EPA 608 universal, ductwork and HVAC service",
            {
                "skill:refrigerant-handling",
                "skill:ductwork-installation",
                "skill:heating-ventilation-and-air-conditioning",
            },
        ),
        (
            "Bent EMT conduit and wired panels to NEC code",
            {"skill:conduit-bending", "skill:national-electrical-code"},
        ),
        (
            "CNC machining from blueprints, GD&T, OSHA 10",
            {
                "skill:cnc-machining",
                "skill:blueprint-reading",
                "skill:geometric-dimensioning-and-tolerancing",
                "skill:osha-safety-standards",
            },
        ),
        (
            "Skills: C++, C#, Python, R programming, .NET, Node.js",
            {
                "skill:c-plus-plus",
                "skill:c-sharp",
                "skill:python",
                "skill:r",
                "skill:microsoft-dotnet-framework",
                "skill:node.js",
            },
        ),
        (
            "Knife skills and line cooking; ServSafe certified",
            {"skill:knife-skills", "skill:line-cooking", "skill:food-safety"},
        ),
        ("Help desk support and TCP/IP networking", {"skill:help-desk-support", "skill:tcp-ip"}),
    ],
)
def test_extraction_table(vocab: SkillVocabulary, text: str, expected: set[str]) -> None:
    assert _ids(vocab.extract(text)) == expected


def test_longest_match_wins(vocab: SkillVocabulary) -> None:
    mentions = vocab.extract("Certified in gas metal arc welding")
    assert [(m.skill_id, m.matched_text, m.method) for m in mentions] == [
        ("skill:gas-metal-arc-welding", "gas metal arc welding", "exact")
    ]


def test_spans_point_at_the_supporting_text(vocab: SkillVocabulary) -> None:
    text = "Résumé — MIG/TIG welding; ＣＰＲ certified, ten-key data entry and custmer service."
    mentions = vocab.extract(text)
    assert mentions
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.matched_text
    by_id = {m.skill_id: m.matched_text for m in mentions}
    assert by_id["skill:gas-metal-arc-welding"] == "MIG"
    assert by_id["skill:gas-tungsten-arc-welding"] == "TIG welding"
    assert by_id["skill:cardiopulmonary-resuscitation"] == "ＣＰＲ certified"
    assert by_id["skill:ten-key-data-entry"] == "ten-key data entry"


@pytest.mark.parametrize(
    "text",
    [
        "it was a long day and it went fine",
        "I excel at keeping things tidy",
        "Go to the front and cut them some slack",
        "The job outlook is good",
        "We did R&D on vitamin C",
        "He sat on a pos chair and used a saw",
    ],
)
def test_no_false_positives_on_short_or_everyday_words(vocab: SkillVocabulary, text: str) -> None:
    assert vocab.extract(text) == []


def test_capital_acronym_matches_only_in_capitals(vocab: SkillVocabulary) -> None:
    assert _ids(vocab.extract("Worked in IT for two years")) == {"skill:information-technology"}
    assert _ids(vocab.extract("Worked in it for two years")) == set()


@pytest.mark.parametrize(
    ("text", "skill_id", "matched"),
    [
        ("custmer service", "skill:customer-service", "custmer service"),
        ("strong problm solving", "skill:complex-problem-solving", "problm solving"),
        ("phlebotomey", "skill:phlebotomy", "phlebotomey"),
        ("Pyton", "skill:python", "Pyton"),
    ],
)
def test_fuzzy_catches_near_spellings(
    vocab: SkillVocabulary, text: str, skill_id: str, matched: str
) -> None:
    mentions = vocab.extract(text)
    assert [(m.skill_id, m.matched_text, m.method) for m in mentions] == [
        (skill_id, matched, "fuzzy")
    ]
    assert 0.0 < mentions[0].confidence < 0.9


@pytest.mark.parametrize(
    "text", ["Exel", "Sql", "waiting on customers", "reading glasses", "writing"]
)
def test_fuzzy_leaves_short_tokens_and_far_words_alone(vocab: SkillVocabulary, text: str) -> None:
    assert all(m.method != "fuzzy" for m in vocab.extract(text))


def test_fuzzy_can_be_switched_off(vocab: SkillVocabulary) -> None:
    assert vocab.extract("custmer service", fuzzy=False) == []


def test_methods_and_confidences(vocab: SkillVocabulary) -> None:
    by_text = {m.matched_text: m for m in vocab.extract("Blueprint reading, MIG, monitoring")}
    assert (by_text["Blueprint reading"].method, by_text["Blueprint reading"].confidence) == (
        "exact",
        1.0,
    )
    assert (by_text["MIG"].method, by_text["MIG"].confidence) == ("alias", 0.9)
    # A one-word O*NET element name in lower case is often plain English.
    assert by_text["monitoring"].confidence < by_text["MIG"].confidence


def test_output_is_deterministic_and_ordered(vocab: SkillVocabulary) -> None:
    text = (
        "Mathematics, Excel, CDL-A, custmer service, HACCP, Active Directory, MIG and TIG welding"
    )
    first = vocab.extract(text)
    assert first == vocab.extract(text)
    assert first == sorted(first, key=lambda m: (m.start, m.skill_id))
    assert first[0].skill_id == "skill:mathematics"


class TrigramEmbedder:
    """Hash character trigrams into a fixed-size unit vector: same text, same vector."""

    def __init__(self, dim: int = 512) -> None:
        self.dim = dim
        self.calls: list[list[str]] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {text.casefold()}  "
            for i in range(len(padded) - 2):
                digest = hashlib.sha256(padded[i : i + 3].encode()).digest()
                rows[row, int.from_bytes(digest[:4], "big") % self.dim] += 1.0
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1.0, norms)


def test_semantic_step_matches_short_list_items(vocab: SkillVocabulary) -> None:
    text = "Skills: keeping the books; Forklift certified"
    plain = vocab.extract(text)
    assert "skill:bookkeeping" not in _ids(plain)
    embedder = TrigramEmbedder()
    mentions = vocab.extract(text, embedder=embedder, semantic_threshold=0.7)
    semantic = [m for m in mentions if m.method == "semantic"]
    assert [(m.skill_id, m.matched_text) for m in semantic] == [
        ("skill:bookkeeping", "keeping the books")
    ]
    assert 0.7 <= semantic[0].confidence <= 1.0
    assert text[semantic[0].start : semantic[0].end] == "keeping the books"
    # Items already matched by phrase are never sent to the embedder.
    assert "Forklift certified" not in embedder.calls[-1]


def test_semantic_threshold_filters_weak_matches(vocab: SkillVocabulary) -> None:
    mentions = vocab.extract(
        "keeping the books", embedder=TrigramEmbedder(), semantic_threshold=0.99
    )
    assert mentions == []


def test_semantic_skips_long_sentences(vocab: SkillVocabulary) -> None:
    text = "I spent many long evenings keeping the household books in order for my family"
    assert vocab.extract(text, embedder=TrigramEmbedder(), semantic_threshold=0.3) == []
