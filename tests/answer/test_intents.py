import pytest

from ler_navigator.answer.followup import is_follow_up, ordinal_pick, previous_subject
from ler_navigator.answer.intents import detect_intent
from ler_navigator.models.chat import Turn


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What is a comprehensive learner record?", "define"),
        ("define micro-credential", "define"),
        ("who issues LERs?", "roles"),
        ("where do workforce boards fit in", "roles"),
        ("anything to read on the paper ceiling?", "resources"),
        ("which organizations run state LER pilots?", "organizations"),
        ("how do I share my credentials with an employer?", "howto"),
        ("what are all the action areas", "list"),
        ("hello", "greeting"),
        ("verifiable credentials", "explain"),
    ],
)
def test_detect_intent(question, kind):
    assert detect_intent(question).kind == kind


@pytest.mark.parametrize(
    ("question", "subjects"),
    [
        ("micro credntial vs certificate", ["micro credntial", "certificate"]),
        ("difference between a badge and a micro-credential?", ["badge", "micro-credential"]),
        ("compare Open Badges with CLR", ["Open Badges", "CLR"]),
        ("how is a verifier different from an issuer", ["verifier", "issuer"]),
    ],
)
def test_comparisons_carry_both_subjects(question, subjects):
    intent = detect_intent(question)
    assert intent.kind == "compare"
    assert intent.subjects == subjects


HISTORY = [
    Turn(role="user", text="What are Open Badges?"),
    Turn(role="assistant", text="...", item_ids=["term:open-badges", "term:badge"]),
]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("and who issues them?", True),
        ("tell me more about the second one", True),
        ("What is a digital wallet?", False),
    ],
)
def test_follow_up_detection(question, expected):
    assert is_follow_up(question, HISTORY) is expected
    assert is_follow_up(question, []) is False


def test_previous_subject_and_ordinals():
    question, items = previous_subject(HISTORY)
    assert question == "What are Open Badges?"
    assert ordinal_pick("the second one", items) == "term:badge"
    assert ordinal_pick("the fifth", items) is None


@pytest.mark.parametrize(
    "question",
    ["what are the stakeholder groups", "list all the action areas", "what are the principles?"],
)
def test_questions_for_every_item_of_a_kind_are_lists(question):
    assert detect_intent(question).kind == "list"
