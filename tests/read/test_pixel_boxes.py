"""Redaction boxes in page images."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.read.pixel_boxes import MIN_HEIGHT, PixelBox, find_boxes, iou


def _page() -> np.ndarray:
    return np.full((400, 600, 3), 255, dtype=np.uint8)


def test_black_and_grey_boxes_with_text_on_them_are_found() -> None:
    page = _page()
    page[50:80, 40:200] = 0  # black
    page[60:70, 60:120] = 255  # white code printed on it
    page[150:175, 300:420] = 190  # grey
    page[158:166, 320:380] = 250
    page[250:270, 100:180] = (200, 40, 40)  # coloured
    assert find_boxes(page) == [
        PixelBox(40, 50, 160, 30),
        PixelBox(300, 150, 120, 25),
        PixelBox(100, 250, 80, 20),
    ]


def test_text_and_lines_are_not_boxes() -> None:
    page = _page()
    page[100:130, 50:80] = 0
    page[104:126, 54:76] = 255  # an "o": a ring, mostly paper inside
    page[200:202, 20:580] = 0  # a rule
    page[300:320, 300:306] = 0  # an "l"
    assert find_boxes(page) == []


def test_touching_boxes_are_told_apart() -> None:
    page = _page()
    # A header block redacted line by line: boxes of two lines touch, staggered.
    page[20:52, 40:200] = 192
    page[52:84, 120:300] = 192
    # Two boxes stacked exactly, each with its code printed on it.
    page[120:152, 40:220] = 192
    page[152:184, 40:220] = 192
    page[130:142, 90:150] = 255
    page[162:174, 90:150] = 255
    # Two black boxes side by side, a lighter seam between them.
    page[250:280, 40:140] = 0
    page[250:280, 142:260] = 0
    page[250:280, 140:142] = 160
    found = find_boxes(page)
    expected = [
        PixelBox(40, 20, 160, 32),
        PixelBox(120, 52, 180, 32),
        PixelBox(40, 120, 180, 32),
        PixelBox(40, 152, 180, 32),
        PixelBox(40, 250, 100, 30),
        PixelBox(142, 250, 118, 30),
    ]
    assert len(found) == len(expected)
    assert all(max(iou(f, e) for f in found) >= 0.8 for e in expected)


def test_outlined_boxes_are_found_and_table_cells_are_not() -> None:
    page = _page()
    page[40:80, 50:250] = 0
    page[42:78, 52:248] = 255  # an outline two pixels wide ...
    for x in range(120, 180, 6):
        page[55:65, x : x + 2] = 0  # ... with its code printed inside
    for y in (150, 190, 230):  # a table: three rows of three cells
        page[y : y + 2, 50:500] = 0
    for x in (50, 200, 350, 498):
        page[150:232, x : x + 2] = 0
    assert find_boxes(page) == [PixelBox(50, 40, 200, 40)]


def test_logo_shapes_are_not_boxes() -> None:
    page = _page()
    page[20:220, 40:100] = 0  # the tall black band of a government logo
    yy, xx = np.mgrid[0:60, 0:60]
    letter = (xx < 30) | ((xx - 30) ** 2 + (yy - 30) ** 2 < 30**2)  # a bold D
    page[250:310, 300:360][letter] = 0
    assert find_boxes(page) == []


def test_iou() -> None:
    a = PixelBox(0, 0, 10, 10)
    assert iou(a, a) == 1.0
    assert iou(a, PixelBox(5, 0, 10, 10)) == 50 / 150
    assert iou(a, PixelBox(20, 20, 5, 5)) == 0.0


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(20, 120), st.integers(MIN_HEIGHT, 40), st.integers(0, 200)),
        min_size=1,
        max_size=5,
    )
)
def test_separate_filled_rectangles_are_all_found(shapes: list[tuple[int, int, int]]) -> None:
    page = np.full((60 * len(shapes) + 20, 200, 3), 255, dtype=np.uint8)
    drawn = []
    for row, (width, height, shade) in enumerate(shapes):
        y = 10 + row * 60
        page[y : y + height, 30 : 30 + width] = shade
        drawn.append(PixelBox(30, y, width, height))
    assert find_boxes(page) == drawn
