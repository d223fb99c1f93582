"""The page of an offset in a reading text whose pages a form feed divides."""

from hypothesis import given
from hypothesis import strategies as st

from inzage.read.pages import page_at, page_starts


@given(st.text(alphabet="ab\n\f", max_size=60), st.data())
def test_the_page_is_one_more_than_the_form_feeds_before_it(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    assert page_at(page_starts(text), offset) == text.count("\f", 0, offset) + 1


def test_a_text_without_form_feeds_is_one_page() -> None:
    assert page_starts("een pagina") == [0]
    assert page_at([0], 5) == 1
