"""Lines with their offsets: made at once, or each when it is read."""

from hypothesis import given
from hypothesis import strategies as st

from inzage.parse.lines import Lines, split_lines


@given(st.text(alphabet="ab \n>\t", max_size=60), st.integers(-70, 70), st.integers(-70, 70))
def test_lines_made_when_read_are_the_lines_made_at_once(text: str, low: int, high: int) -> None:
    eager = split_lines(text)
    lazy = Lines(text)
    assert len(lazy) == len(eager)
    assert lazy.starts == [line.start for line in eager]
    assert list(lazy) == eager
    assert lazy[low:high] == eager[low:high]
    if -len(eager) <= low < len(eager):
        assert lazy[low] == eager[low]
