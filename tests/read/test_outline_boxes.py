"""Redaction boxes drawn as an outline only (thin, dotted, dashed, broken, touching
text, side by side) and boxes printed side by side, in synthetic page images."""

from __future__ import annotations

from typing import Literal, NamedTuple

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from inzage.read.pixel_boxes import PixelBox, find_boxes, iou, outlined_boxes
from inzage.read.scan_boxes import page_boxes

Style = Literal["solid", "dotted", "dashed"]
WIDTH = 1654  # A4 at 200 dpi: the sizes the detector is set for
FONT = ImageFont.load_default(size=26)  # about 10 pt at 200 dpi


def paper(height: int = 1000, width: int = WIDTH) -> Image.Image:
    return Image.new("L", (width, height), 255)


def outline(
    page: Image.Image,
    box: PixelBox,
    line: int = 1,
    style: Style = "solid",
    dash: int = 2,
    gap: int = 3,
    shade: int = 0,
) -> None:
    """A box's outline, ``line`` pixels thick and ``shade`` dark: solid, or
    dots/dashes ``dash`` long with ``gap`` between them, each side drawn from
    its first corner."""
    draw = ImageDraw.Draw(page)
    right, bottom = box.x + box.width - 1, box.y + box.height - 1
    sides = [
        (box.x, box.y, right, box.y + line - 1),
        (box.x, bottom - line + 1, right, bottom),
        (box.x, box.y, box.x + line - 1, bottom),
        (right - line + 1, box.y, right, bottom),
    ]
    for left, top, end_x, end_y in sides:
        if style == "solid":
            draw.rectangle((left, top, end_x, end_y), fill=shade)
            continue
        length = dash if style == "dotted" else 3 * dash
        horizontal = end_x - left > end_y - top
        start, stop = (left, end_x) if horizontal else (top, end_y)
        for at in range(start, stop + 1, length + gap):
            piece = min(at + length - 1, stop)
            area = (at, top, piece, end_y) if horizontal else (left, at, end_x, piece)
            draw.rectangle(area, fill=shade)


def write(page: Image.Image, x: float, y: float, text: str) -> tuple[int, int, int, int]:
    """Text in the default font; its ink's bounds (left, top, right, bottom)."""
    draw = ImageDraw.Draw(page)
    draw.text((x, y), text, fill=0, font=FONT)
    bounds = draw.textbbox((x, y), text, font=FONT)
    return int(bounds[0]), int(bounds[1]), int(bounds[2]), int(bounds[3])


def coded(page: Image.Image, box: PixelBox, line: int = 1, style: Style = "solid") -> None:
    """An outlined box with its code printed in the middle, as the tools print it."""
    outline(page, box, line, style)
    left, top, right, bottom = ImageDraw.Draw(page).textbbox((0, 0), "5.1.2e", font=FONT)
    x = box.x + (box.width - (right - left)) // 2 - left
    y = box.y + (box.height - (bottom - top)) // 2 - top
    write(page, x, y, "5.1.2e")


def found_in(page: Image.Image) -> list[PixelBox]:
    return outlined_boxes(np.asarray(page))


def matched(found: list[PixelBox], drawn: list[PixelBox], at_least: float = 0.8) -> bool:
    """One found box for each drawn one, at IoU ``at_least``, and no other."""
    return len(found) == len(drawn) and all(
        max((iou(f, d) for f in found), default=0.0) >= at_least for d in drawn
    )


@pytest.mark.parametrize(
    ("line", "style", "dash", "gap"),
    [
        (1, "solid", 0, 0),
        (2, "solid", 0, 0),
        (3, "solid", 0, 0),
        (1, "dotted", 1, 2),
        (2, "dotted", 2, 3),
        (2, "dotted", 2, 5),
        (1, "dashed", 2, 4),
        (2, "dashed", 3, 5),
    ],
)
def test_thin_dotted_and_dashed_outlines_are_found(
    line: int, style: Style, dash: int, gap: int
) -> None:
    page = paper()
    box = PixelBox(300, 100, 260, 46)
    outline(page, box, line, style, dash, gap)
    write(page, 380, 108, "5.1.2e")
    assert matched(found_in(page), [box], at_least=0.9)


def test_a_faint_hairline_is_still_a_box() -> None:
    page = paper()
    box = PixelBox(300, 100, 260, 46)
    outline(page, box, line=1, shade=150)  # a thin line scanned grey
    write(page, 380, 108, "5.1.2e")
    assert matched(found_in(page), [box], at_least=0.9)


def test_a_broken_line_is_still_a_box() -> None:
    page = paper()
    box = PixelBox(300, 100, 300, 50)
    outline(page, box, line=2)
    draw = ImageDraw.Draw(page)
    for x in (340, 420, 510):  # gaps a scan leaves in a thin line
        draw.rectangle((x, 100, x + 3, 101), fill=255)
        draw.rectangle((x + 20, 148, x + 24, 149), fill=255)
    draw.rectangle((300, 120, 301, 124), fill=255)
    assert matched(found_in(page), [box], at_least=0.9)


def test_an_outline_touching_the_text_around_it_is_one_box() -> None:
    page = paper()
    left, _, right, bottom = write(page, 100, 100, "Met vriendelijke groet, jansen")
    # The box's top line runs through the descenders of the line above, the
    # name before it touches its left side, the domain after it its right.
    box = PixelBox(100, bottom - 4, 320, 48)
    outline(page, box, line=2)
    name_left, _, name_right, _ = ImageDraw.Draw(page).textbbox((0, 0), "Ineke", font=FONT)
    write(page, box.x + 1 - (name_right - name_left) - name_left, box.y + 10, "Ineke")
    write(page, box.x + box.width - 1, box.y + 8, "@example.nl")
    write(page, box.x + 110, box.y + 10, "5.1.2e")
    assert right > box.x and left < box.x + box.width
    assert matched(found_in(page), [box], at_least=0.9)


def test_a_code_that_fills_a_tight_box_does_not_split_it() -> None:
    page = paper()
    _, top, right, bottom = write(page, 200, 100, "5.1.2e")
    # The box hugs the code: the digit 1 stands a pixel from both lines (a
    # stem touching both would cut the box in two: a limit).
    line = 2
    box = PixelBox(190, top - 1 - line, right - 190 + 12, bottom - top + 2 + 2 * line)
    outline(page, box, line)
    assert matched(found_in(page), [box], at_least=0.9)


@pytest.mark.parametrize("gap", [-2, 0, 2, 4])
def test_outlined_boxes_side_by_side_are_one_each(gap: int) -> None:
    """Boxes that share a line (gap -2: drawn overlapping), touch, or stand a
    few pixels apart."""
    page = paper()
    widths = [180, 110, 240]
    drawn, x = [], 200
    for width in widths:
        drawn.append(PixelBox(x, 100, width, 50))
        x += width + gap
    for box in drawn:
        coded(page, box, line=2)
    # The line of text above reaches down into their top line.
    _, top, _, bottom = ImageDraw.Draw(page).textbbox((0, 0), "Geachte heer, jansen", font=FONT)
    write(page, 210, 100 - (bottom - top) + 3 - top, "Geachte heer, jansen, gemeente Ypsilon")
    assert matched(found_in(page), drawn)


def test_boxes_drawn_over_the_line_of_a_larger_box_are_one_each() -> None:
    page = paper()
    large = PixelBox(200, 140, 460, 100)
    coded(page, large, line=2)
    small = [PixelBox(225, 110, 90, 48), PixelBox(318, 110, 180, 48)]
    for box in small:
        ImageDraw.Draw(page).rectangle(
            (box.x, box.y, box.x + box.width - 1, box.y + box.height - 1), fill=255
        )
        coded(page, box, line=2)
    assert matched(found_in(page), [large, *small])


def table_page() -> tuple[Image.Image, list[PixelBox]]:
    """Body text, a table of three rows by four columns with text in its cells,
    and one outlined box in the text."""
    page = paper(1300)
    sentences = [
        "Op 12 maart is het verzoek van Wouter Kramsveld ontvangen door de",
        "gemeente. Het besluit volgt binnen vier weken na ontvangst van het",
        "verzoek; de stukken zijn beoordeeld door Ineke Brouwersma en het team.",
    ]
    for row, sentence in enumerate(sentences):
        write(page, 120, 80 + 40 * row, sentence)
    box = PixelBox(760, 232, 240, 44)
    write(page, 120, 240, "Contactpersoon bij de afdeling Vergunningen:")
    coded(page, box, line=1)
    draw = ImageDraw.Draw(page)
    columns, rows = [120, 420, 700, 1000, 1500], [400, 460, 520, 580]
    for y in rows:
        draw.rectangle((columns[0], y, columns[-1], y + 1), fill=0)
    for x in columns:
        draw.rectangle((x, rows[0], x + 1, rows[-1]), fill=0)
    for y in rows[:-1]:
        for x in columns[:-1]:
            write(page, x + 12, y + 16, "Nr. 1103 ontvangen")
    for row in range(8):  # more body text under the table
        write(page, 120, 660 + 40 * row, "Het verzoek is behandeld in overleg met de afdeling.")
    return page, [box]


def test_a_header_over_one_row_of_columns_is_a_table() -> None:
    """A table cut off at the page's foot: a header cell over one row of years."""
    page = paper()
    draw = ImageDraw.Draw(page)
    columns, rows = [100, 400, 620, 840, 1060, 1280], [700, 750, 800]
    for y in rows:
        draw.rectangle((columns[0], y, columns[-1], y + 1), fill=0)
    for x in (columns[0], columns[-1]):
        draw.rectangle((x, rows[0], x + 1, rows[-1]), fill=0)
    for x in columns[1:-1]:
        draw.rectangle((x, rows[1], x + 1, rows[-1]), fill=0)
    write(page, 110, 712, "Kosten (in euro's)")
    for x, year in zip(columns[1:], ("2018", "2019", "2020", "2021"), strict=False):
        write(page, x + 20, 762, year)
    assert found_in(page) == []


def test_framed_text_and_a_chart_give_no_boxes() -> None:
    page = paper()
    # A remark in a frame, and a frame with two codes in it (still a box).
    framed = PixelBox(100, 100, 560, 50)
    outline(page, framed, line=1)
    write(page, 112, 110, "Zie ook de notitie van Ineke Brouwersma")
    codes = PixelBox(800, 100, 260, 50)
    outline(page, codes, line=1)
    write(page, 812, 110, "5.1.2e, 5.1.2i")
    # An organisation chart: short labels in boxes that hang on a tree of lines.
    draw = ImageDraw.Draw(page)
    draw.rectangle((500, 300, 501, 360), fill=0)
    draw.rectangle((200, 360, 1000, 361), fill=0)
    for x in (200, 600, 1000):
        draw.rectangle((x, 360, x + 1, 420), fill=0)
        outline(page, PixelBox(x - 90, 420, 180, 50), line=1)
        write(page, x - 50, 430, "Team 4")
    outline(page, PixelBox(410, 250, 180, 50), line=1)
    write(page, 460, 260, "Directie")
    assert matched(found_in(page), [codes], at_least=0.9)


def test_a_table_and_body_text_give_no_boxes() -> None:
    page, drawn = table_page()
    assert matched(found_in(page), drawn, at_least=0.9)
    # The same page scanned at 300 dpi (searched reduced): still only the box.
    large = page.resize((2481, round(page.height * 1.5)), Image.Resampling.BICUBIC)
    scaled = [PixelBox(*(round(v * 1.5) for v in (b.x, b.y, b.width, b.height))) for b in drawn]
    assert matched(page_boxes(large.convert("RGB")), scaled, at_least=0.85)


def test_a_thin_dotted_outline_survives_a_300_dpi_page() -> None:
    page = paper(1200, 2481)
    boxes = [PixelBox(400, 300, 420, 70), PixelBox(900, 300, 300, 70)]
    outline(page, boxes[0], line=1, style="dotted", dash=1, gap=3)
    outline(page, boxes[1], line=1, style="dashed", dash=3, gap=5)
    assert matched(page_boxes(page.convert("RGB")), boxes, at_least=0.85)


def test_filled_boxes_side_by_side_are_one_each() -> None:
    page = np.full((500, 1000, 3), 255, dtype=np.uint8)
    # Three black boxes a few pixels apart, two grey ones touching with a seam.
    drawn = [PixelBox(60, 40, 200, 34), PixelBox(263, 40, 120, 34), PixelBox(385, 40, 160, 34)]
    for box in drawn:
        page[box.y : box.y + box.height, box.x : box.x + box.width] = 0
    page[150:184, 60:260] = 192
    page[150:184, 262:420] = 192
    page[150:184, 260:262] = 225
    drawn += [PixelBox(60, 150, 200, 34), PixelBox(262, 150, 158, 34)]
    assert matched(find_boxes(page), drawn)


def flush_boxes(widths: list[int]) -> tuple[np.ndarray, list[PixelBox]]:
    """Grey boxes printed flush side by side (no gap, no seam), each with its
    code centred in light print."""
    image = Image.new("RGB", (max(1200, sum(widths) + 120), 200), "white")
    draw = ImageDraw.Draw(image)
    drawn, x = [], 60
    left, top, right, bottom = draw.textbbox((0, 0), "5.1.2e", font=FONT)
    for width in widths:
        box = PixelBox(x, 60, width, 36)
        draw.rectangle((x, 60, x + width - 1, 95), fill=(192, 192, 192))
        code_x = x + (width - (right - left)) // 2 - left
        draw.text(
            (code_x, 60 + (36 - (bottom - top)) // 2 - top), "5.1.2e", fill="white", font=FONT
        )
        drawn.append(box)
        x += width
    return np.asarray(image), drawn


def test_flush_boxes_are_told_apart_by_their_codes() -> None:
    page, drawn = flush_boxes([260, 110, 180])
    assert matched(find_boxes(page), drawn)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(110, 320), min_size=1, max_size=4))
def test_flush_boxes_with_centred_codes_are_one_each(widths: list[int]) -> None:
    page, drawn = flush_boxes(widths)
    assert matched(find_boxes(page), drawn)


def test_one_wide_box_with_one_code_stays_one_box() -> None:
    page, drawn = flush_boxes([520])
    assert matched(find_boxes(page), drawn, at_least=0.95)
    page = page.copy()
    page[70:86, 500:504] = 255  # a speck of light far from the code
    assert matched(find_boxes(page), drawn, at_least=0.95)


class Drawn(NamedTuple):
    box: PixelBox
    line: int
    style: Style
    dash: int
    gap: int
    shade: int
    with_code: bool


@st.composite
def layouts(draw: st.DrawFn) -> list[Drawn]:
    """Outlined boxes in cells of a page (so none overlap): each of its own
    line width, solid, dotted or dashed, with or without its code."""
    drawn = []
    for cell in draw(st.sets(st.integers(0, 3 * 6 - 1), min_size=1, max_size=6)):
        column, row = cell % 3, cell // 3
        height = draw(st.integers(34, 120))
        width = draw(st.integers(max(70, round(1.6 * height)), 500))
        x = 40 + column * 540 + draw(st.integers(0, 520 - width))
        y = 20 + row * 160 + draw(st.integers(0, 150 - height))
        style: Style = draw(st.sampled_from(["solid", "dotted", "dashed"]))
        drawn.append(
            Drawn(
                PixelBox(x, y, width, height),
                line=draw(st.integers(1, 3)),
                style=style,
                dash=draw(st.integers(1, 3)),
                gap=draw(st.integers(2, 5)),
                shade=draw(st.integers(0, 140)),
                with_code=width >= 110 and draw(st.booleans()),
            )
        )
    return drawn


def drawn_page(layout: list[Drawn]) -> Image.Image:
    page = paper()
    for box, line, style, dash, gap, shade, with_code in layout:
        if with_code:
            coded(page, box, line, "solid")
            # The box drawn again in its own style, over white.
            ImageDraw.Draw(page).rectangle(
                (box.x, box.y, box.x + box.width - 1, box.y + box.height - 1),
                outline=255,
                width=line,
            )
        outline(page, box, line, style, dash, gap, shade)
    return page


@settings(max_examples=40, deadline=None)
@given(layouts())
def test_every_outlined_box_is_found_and_nothing_else(layout: list[Drawn]) -> None:
    found = found_in(drawn_page(layout))
    assert matched(found, [d.box for d in layout], at_least=0.5)


def test_blank_and_speckled_paper_give_no_boxes() -> None:
    assert found_in(paper()) == []
    speckled = np.full((900, WIDTH), 255, dtype=np.uint8)
    dots = np.random.default_rng(7).integers(0, speckled.size, 4000)
    speckled.flat[dots] = 0  # scanner dust
    assert outlined_boxes(speckled) == []
