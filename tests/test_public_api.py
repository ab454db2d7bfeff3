import ler_navigator


def test_all_lists_exactly_the_public_names():
    public = {name for name in vars(ler_navigator) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(ler_navigator, name)).__name__ == "module"}
    assert set(ler_navigator.__all__) == public - modules
    assert ler_navigator.__all__ == sorted(ler_navigator.__all__)


def test_public_names_resolve():
    for name in ler_navigator.__all__:
        assert getattr(ler_navigator, name) is not None
