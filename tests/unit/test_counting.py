from itbtimer.core.counting import counted


def test_one_is_singular_and_every_other_count_plural() -> None:
    assert counted(1, "session") == "1 session"
    assert [counted(n, "run") for n in (0, 2, 12)] == ["0 runs", "2 runs", "12 runs"]
