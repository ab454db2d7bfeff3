"""JSON helpers shared by the LER readers."""

from ler_navigator.ingest.fields import items_at


def test_items_at_gives_each_value_its_json_path():
    single = {"achievement": {"name": "Welding"}}
    assert items_at(single, "$.credentialSubject", "achievement") == [
        ({"name": "Welding"}, "$.credentialSubject.achievement")
    ]
    listed = {"achievement": [{"name": "A"}, {"name": "B"}]}
    assert [path for _, path in items_at(listed, "$", "achievement")] == [
        "$.achievement[0]",
        "$.achievement[1]",
    ]
    assert items_at({}, "$", "achievement") == []
    assert items_at({"achievement": None}, "$", "achievement") == []
