"""Lines with their offsets: made at once, or each when it is read."""

from hypothesis import given
from hypothesis import strategies as st

from inzage.parse.lines import Lines, split_lines


@given(st.text(alphabet="ab \n>\t", max_size=60), st.integers(-70, 70), st.integers(-70, 70))
def test_every_line_stands_at_its_offset_made_at_once_or_when_read(
    text: str, low: int, high: int
) -> None:
    eager = split_lines(text)
    lazy = Lines(text)
    assert "\n".join(line.text for line in eager) == text
    assert all(text[line.start : line.end] == line.text for line in eager)
    assert all(text[line.end : line.end + 1] in ("\n", "") for line in eager)
    assert len(lazy) == len(eager) == text.count("\n") + 1
    assert lazy.starts == [line.start for line in eager]
    assert lazy[low:high] == eager[low:high]
    if -len(eager) <= low < len(eager):
        assert lazy[low] == eager[low]
