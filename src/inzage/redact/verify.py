"""Checking that a redacted file lets nothing redacted be recovered.  It
fails closed: a page or object that cannot be read counts as a finding.

For a PDF the redacted strings are looked for, in all their variants
(:mod:`inzage.redact.matching`), in

- the text of every page as two independent extractors give it: PDFium
  (the engine of Chrome's viewer) and pypdf (pure Python, its own font
  decoding);
- every string object (Info, annotations, bookmarks, form values, alternative
  text …; URL-decoded too), every decompressed stream except images and font
  programs (names' ``#xx`` decoded, and the strings it holds, literal or hex,
  decoded and joined), and a JPEG's segments before its pixels;
- the text outside the boxes: on a page with boxes, the original's text less
  what lies under them, nothing more and nothing less;
- what the page shows: each box rendered must be the box (its fill, the ground
  code in it) and nothing else; where a box was burnt into an image (or
  when asked for), OCR of the area around it must not read the string, and
  a page whose image has text over it is read by OCR whole;

and an earlier revision of an incremental save is a finding by itself.  The
strings come from the caller (``redact`` knows them) and, given the
original, from the characters of the original under each box the redacted
file draws.  Findings name the check, page and a hash, never the string."""

from __future__ import annotations

import bisect
import io
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from inzage.model import VerifyFinding, VerifyReport
from inzage.redact.align import Replaced, replaced_spans
from inzage.redact.markdown import read_as
from inzage.redact.matching import Needle, across_pages, fold_needle, found_needle, occurrences
from inzage.redact.pdf_boxes import FILLS, WITHHELD_TAG, Colour, TaggedBox, tagged_boxes
from inzage.redact.pdf_content import Rect
from inzage.redact.pdf_locate import (
    PageChars,
    chars_under,
    page_chars,
    render_upright,
)
from inzage.redact.pdf_withhold import notice_lines
from inzage.redact.verify_found import digest, found
from inzage.redact.verify_objects import object_findings
from inzage.redact.verify_ocr import UNMAPPED, ocr_around_boxes, ocr_page_findings, pictured_pages

# Pixels per point for the box check, and the share of a box's inside that
# must be its fill.
CHECK_SCALE = 2.0
MIN_FILL_SHARE = 0.55
# Files larger than this have pypdf's text (pure Python, the slowest check)
# read in a second process beside the other checks.
BESIDE_BYTES = 200_000


def withheld_pages(data: bytes) -> dict[int, str]:
    """The pages of a redacted PDF that inzage withheld whole, with their ground."""

    import pikepdf

    tag = re.compile(re.escape(WITHHELD_TAG.encode()) + rb" <</Ground \((?P<ground>[^)]*)\)>> BDC")
    found: dict[int, str] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            contents = page.obj.get("/Contents")
            if isinstance(contents, pikepdf.Stream):
                match = tag.match(contents.read_bytes())
                if match:
                    found[number] = match["ground"].decode("latin-1")
    return found


def verify_pdf(
    redacted: bytes,
    *,
    path: str,
    original: bytes | None = None,
    original_path: str | None = None,
    needles: Sequence[Needle] = (),
    colour: Colour = "black",
    ocr_pages: Sequence[int] = (),
    ocr_all: bool = False,
    original_chars: Mapping[int, PageChars] | None = None,
) -> VerifyReport:
    """Check a redacted PDF (see the module's description).  ``original_chars``:
    the original's pages as :func:`page_chars` read them, where the caller has
    them already (``redact`` does); other pages are read here."""
    findings: list[VerifyFinding] = []
    checks: list[str] = []
    try:
        boxes = tagged_boxes(redacted)
    except Exception as exc:  # pikepdf's errors, and anything a hostile file provokes
        return _unreadable(
            path,
            original_path,
            len(needles),
            f"the redacted file cannot be read ({type(exc).__name__})",
        )
    wanted = list(needles)
    withheld = withheld_pages(redacted)
    read: dict[int, PageChars] = {}  # the original's pages with boxes
    if original is not None:
        checks.append("original: characters under each box")
        wanted.extend(_under_boxes(original, boxes, findings, original_chars or {}, read))
        if withheld:
            checks.append("original: lines of each withheld page")
            wanted.extend(_withheld_lines(original, withheld, findings))
    if withheld:
        checks.append("withheld pages hold the notice only")
        findings.extend(_notices(redacted, withheld))
    wanted = _unique(wanted)
    checks.append("text-pdfium")
    texts: dict[int, str] = {}
    findings.extend(_pdfium_text(redacted, wanted, texts))
    if read:
        checks.append("text outside the boxes as in the original")
        findings.extend(_kept_as_before(read, texts, boxes, list(needles)))
    checks.append("text-pypdf")
    beside = _beside(_pypdf_findings, redacted, wanted) if len(redacted) > BESIDE_BYTES else None
    if beside is None:
        findings.extend(_pypdf_text(redacted, wanted))
    checks.append("objects and streams")
    later = list(object_findings(redacted, wanted))
    checks.append("pixels of each box")
    ocr = set(ocr_pages)
    later.extend(_pixels(redacted, boxes, colour))
    if beside is not None:
        findings.extend(beside.result())
        beside.shutdown()
    findings.extend(later)
    if ocr or ocr_all:
        checks.append("OCR around boxes")
        findings.extend(ocr_around_boxes(redacted, boxes, wanted, ocr, ocr_all))
    pictured = sorted(
        set(pictured_pages(redacted)) | {n for n, text in texts.items() if UNMAPPED.search(text)}
    )
    if pictured and wanted:
        checks.append("OCR of pages whose images have text over them or whose text has no Unicode")
        findings.extend(ocr_page_findings(redacted, pictured, wanted))
    return VerifyReport(
        path=path,
        original=original_path,
        clean=not findings,
        strings=len(wanted),
        boxes=len(boxes),
        checks=checks,
        findings=findings,
    )


def _unreadable(path: str, original: str | None, strings: int, reason: str) -> VerifyReport:
    return VerifyReport(
        path=path,
        original=original,
        clean=False,
        strings=strings,
        findings=[VerifyFinding(check="unchecked", reason=reason)],
    )


def _unique(needles: list[Needle]) -> list[Needle]:
    seen: dict[tuple[str, bool], Needle] = {}
    for needle in needles:
        key = (fold_needle(needle.text), needle.any_case)
        if key[0] and key not in seen:
            seen[key] = needle
    return list(seen.values())


def _under_boxes(
    original: bytes,
    boxes: list[TaggedBox],
    findings: list[VerifyFinding],
    known: Mapping[int, PageChars],
    read: dict[int, PageChars],
) -> list[Needle]:
    """The original's text under each box: what was redacted there.  The
    pages' characters are left in ``read``."""
    import pypdfium2 as pdfium

    needles: list[Needle] = []
    try:
        document = pdfium.PdfDocument(original)
    except pdfium.PdfiumError:
        findings.append(VerifyFinding(check="unchecked", reason="the original cannot be read"))
        return needles
    try:
        for number in sorted({b.page for b in boxes}):
            if number > len(document):
                findings.append(
                    VerifyFinding(
                        check="unchecked", page=number, reason="the original has no such page"
                    )
                )
                continue
            if number in known:
                chars = known[number]
            else:
                page = document[number - 1]
                try:
                    chars = page_chars(page)
                except Exception:  # OCR missing or failing: this page cannot be checked
                    reason = "the original page cannot be read"
                    findings.append(VerifyFinding(check="unchecked", page=number, reason=reason))
                    continue
                finally:
                    page.close()
            read[number] = chars
            for box in boxes:
                if box.page == number:
                    under = chars_under(chars, box.rect)
                    if under and len(fold_needle(under)) >= 2:
                        needles.append(found_needle(under, box.ground))
    finally:
        document.close()
    return needles


def _withheld_lines(
    original: bytes, withheld: dict[int, str], findings: list[VerifyFinding]
) -> list[Needle]:
    """The lines of each withheld page of the original that no kept page
    repeats (a running header stays where it is kept): none may be left."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(original)
        texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
        document.close()
    except pdfium.PdfiumError:
        findings.append(VerifyFinding(check="unchecked", reason="the original cannot be read"))
        return []
    kept = fold_needle(" ".join(t for n, t in enumerate(texts, 1) if n not in withheld))
    needles: list[Needle] = []
    for number, ground in withheld.items():
        if number > len(texts):
            reason = "the original has no such page"
            findings.append(VerifyFinding(check="unchecked", page=number, reason=reason))
            continue
        for line in texts[number - 1].splitlines():
            words = line.split()
            if len(words) >= 2 and len(line.strip()) >= 12 and fold_needle(line) not in kept:
                needles.append(found_needle(line.strip(), ground))
    return needles


def _notices(data: bytes, withheld: dict[int, str]) -> Iterator[VerifyFinding]:
    """A withheld page shows the notice and nothing else: no images, forms or
    annotations, no text but the notice's."""
    import pikepdf
    import pypdfium2 as pdfium

    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number in withheld:
            page = pdf.pages[number - 1].obj
            resources = page.get("/Resources")
            if "/Annots" in page or resources is None or set(resources.keys()) != {"/Font"}:
                reason = "the withheld page holds more than the notice"
                yield VerifyFinding(check="withheld", page=number, reason=reason)
    document = pdfium.PdfDocument(data)
    try:
        for number, ground in withheld.items():
            text = document[number - 1].get_textpage().get_text_range()
            expected = " ".join(line for line, _ in notice_lines(ground))
            if " ".join(text.split()) != " ".join(expected.split()):
                yield VerifyFinding(
                    check="withheld", page=number, reason="the withheld page holds other text"
                )
    finally:
        document.close()


def _kept_as_before(
    original: Mapping[int, PageChars],
    texts: Mapping[int, str],
    boxes: list[TaggedBox],
    needles: list[Needle],
) -> Iterator[VerifyFinding]:
    """On each page with boxes, the copy's text must be the original's with
    only characters under the boxes taken out: every character of an
    occurrence of a redacted string (``needles``, as the caller gave them)
    gone, nothing gone whose centre is outside all boxes (the boxes' codes,
    read wherever PDFium places them, are left out).  A glyph left under a box, or
    taken out beside one (where the redactor's idea of the glyphs' places and
    PDFium's differ), shows here even when no whole redacted string is left.
    Pages read by OCR have no text layer to compare."""
    for number, chars in original.items():
        if chars.ocr or number not in texts or not chars.boxes:
            continue
        rects = [b.rect for b in boxes if b.page == number]
        marked = _marked_chars(chars, rects, needles)
        before = "".join(c for c, _, _ in marked)
        copy = "".join(texts[number].split())
        for code in {b.ground for b in boxes if b.page == number}:
            copy = _without_codes(copy, code, keep=before.count(code))
        if not any(_aligns(marked, copy, keep_first) for keep_first in (True, False)):
            yield VerifyFinding(
                check="text-pdfium",
                page=number,
                reason="the text outside the boxes is not the original's: a glyph was left "
                "under a box or taken out beside one",
            )


def _without_codes(text: str, code: str, keep: int) -> str:
    """``text`` without the boxes' printed ``code``: all of its occurrences but
    the first ``keep`` (those the original's own text has)."""
    pieces = text.split(code)
    head = code.join(pieces[: keep + 1])
    return head + "".join(pieces[keep + 1 :])


def _marked_chars(
    chars: PageChars, rects: list[Rect], needles: list[Needle]
) -> list[tuple[str, bool, bool]]:
    """Each non-space character with whether it must go (it is part of a
    redacted string) and whether it may (its centre lies in a box)."""
    import numpy as np

    must = np.zeros(len(chars.text), dtype=bool)
    for start, end, _ in occurrences(chars.text, needles):
        must[start:end] = True
    centres = chars.centres
    covered = np.zeros(len(chars.text), dtype=bool)
    for left, bottom, right, top in rects:
        covered |= (
            (centres[:, 0] >= left)
            & (centres[:, 0] <= right)
            & (centres[:, 1] >= bottom)
            & (centres[:, 1] <= top)
        )
    return [
        (char, gone, may or gone)
        for char, gone, may in zip(chars.text, must.tolist(), covered.tolist(), strict=True)
        if not char.isspace()
    ]


def _aligns(marked: list[tuple[str, bool, bool]], copy: str, keep_first: bool) -> bool:
    """Whether ``copy`` is the original's characters with those that must go
    taken out and some of those that may go; a covered character that could
    stay or go is kept (or dropped) first, as ``keep_first`` says."""
    at = 0
    for char, must, may in marked:
        fits = at < len(copy) and copy[at] == char
        if must:
            continue
        if fits and (keep_first or not may):
            at += 1
        elif not may:
            return False
    return at == len(copy)


def _pdfium_text(
    data: bytes, needles: list[Needle], texts: dict[int, str] | None = None
) -> Iterator[VerifyFinding]:
    """Findings in the text PDFium extracts; each page's text left in ``texts``."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        yield VerifyFinding(check="unchecked", reason="PDFium cannot read the redacted file")
        return
    previous: str | None = None
    try:
        for index in range(len(document)):
            try:
                page = document[index]
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                textpage.close()
                page.close()
            except pdfium.PdfiumError:
                yield VerifyFinding(
                    check="unchecked", page=index + 1, reason="PDFium cannot read the page"
                )
                previous = None
                continue
            if texts is not None:
                texts[index + 1] = text
            yield from found("text-pdfium", text, needles, index + 1)
            if index and previous is not None and across_pages(previous, text, needles):
                yield VerifyFinding(
                    check="text-pdfium",
                    page=index,
                    where=f"pages {index}-{index + 1}",
                    reason="a redacted string broken over two pages",
                )
            previous = text
    finally:
        document.close()


@dataclass
class _Beside:
    """A check running in a second process while this one does the others."""

    pool: Any
    future: Any

    def result(self) -> list[VerifyFinding]:
        found: list[VerifyFinding] = self.future.result()
        return found

    def shutdown(self) -> None:
        self.pool.shutdown()


def _beside(
    check: Callable[[bytes, list[Needle]], list[VerifyFinding]],
    data: bytes,
    needles: list[Needle],
) -> _Beside | None:
    """Start ``check`` in a forked process where that uses an idle core: in
    the main process of a machine with more than one core (a worker of
    ``inzage redact -j`` leaves the other cores to the other workers)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if (os.cpu_count() or 1) < 2 or multiprocessing.parent_process() is not None:
        return None
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    return _Beside(pool, pool.submit(check, data, needles))


def _pypdf_findings(data: bytes, needles: list[Needle]) -> list[VerifyFinding]:
    return list(_pypdf_text(data, needles))


def _pypdf_text(data: bytes, needles: list[Needle]) -> Iterator[VerifyFinding]:
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = list(reader.pages)
    except Exception:  # pypdf raises many kinds on damaged files
        yield VerifyFinding(check="unchecked", reason="pypdf cannot read the redacted file")
        return
    for index, page in enumerate(pages):
        try:
            text = page.extract_text() or ""
        except Exception:
            yield VerifyFinding(
                check="unchecked", page=index + 1, reason="pypdf cannot read the page"
            )
            continue
        yield from found("text-pypdf", text, needles, index + 1)


def _pixels(data: bytes, boxes: list[TaggedBox], colour: Colour) -> Iterator[VerifyFinding]:
    """Each box as rendered: mostly its fill, the rest grey between fill and code."""
    import numpy as np
    import pypdfium2 as pdfium

    fill = round(FILLS[colour][0] * 255)
    document = pdfium.PdfDocument(data)
    try:
        for number in sorted({b.page for b in boxes}):
            try:
                page = document[number - 1]
                upright = render_upright(page, CHECK_SCALE, pixels=True)
                pixels = upright.image[:, :, :3]  # uint8: widened per box
                page.close()
            except pdfium.PdfiumError:
                yield VerifyFinding(
                    check="unchecked", page=number, reason="the page cannot be rendered"
                )
                continue
            for index, box in enumerate(boxes):
                if box.page != number:
                    continue
                x0, y0, x1, y1 = upright.to_pixels(box.rect)
                inside = pixels[
                    max(y0 + 1, 0) : max(y1 - 1, 0), max(x0 + 1, 0) : max(x1 - 1, 0)
                ].astype(np.int16)
                if inside.size == 0:  # outside the page as shown, or too thin to see
                    if x1 - x0 > 2 and y1 - y0 > 2:
                        yield VerifyFinding(
                            check="unchecked",
                            page=number,
                            where=f"box {index + 1}",
                            reason="the box lies outside the page as shown",
                        )
                    continue
                grey = inside.max(axis=2) - inside.min(axis=2) <= 24
                share = float((np.abs(inside - fill).max(axis=2) <= 24).mean())
                if share < MIN_FILL_SHARE or not bool(grey.all()):
                    yield VerifyFinding(
                        check="pixels",
                        page=number,
                        where=f"box {index + 1}",
                        reason="the box does not cover its area as drawn",
                    )
    finally:
        document.close()


def verify_text(
    redacted: str,
    *,
    path: str,
    needles: Sequence[Needle],
    original: str | None = None,
    original_path: str | None = None,
    marker: str = "[{ground}]",
    markdown: bool = False,
) -> VerifyReport:
    """Check a redacted text: no redacted string in it, also as a Markdown
    text is read (``markdown``).  Given the original, what each marker
    replaced counts as redacted too, and a string looked for that a marker
    covers only in part (``[5.1.2e] Kramsveld``) is a finding."""
    wanted = list(needles)
    checks = ["text"]
    findings: list[VerifyFinding] = []
    if original is not None:
        checks.insert(0, "original: text each marker replaced")
        spans = replaced_spans(original, redacted, marker)
        wanted.extend(
            found_needle(original[s.start : s.end].strip(), s.ground)
            for s in spans
            if original[s.start : s.end].strip()
        )
        findings.extend(_partly_replaced(original, spans, list(needles)))
    wanted = _unique(wanted)
    findings.extend(found("text", redacted, wanted))
    if markdown:
        checks.append("text as Markdown is read")
        shown = {f.digest for f in findings}
        findings.extend(
            f for f in found("text", read_as(redacted).text, wanted) if f.digest not in shown
        )
    return VerifyReport(
        path=path,
        original=original_path,
        clean=not findings,
        strings=len(wanted),
        checks=checks,
        findings=findings,
    )


def _partly_replaced(
    original: str, spans: Sequence[Replaced], needles: list[Needle]
) -> Iterator[VerifyFinding]:
    """The strings looked for that a marker replaced in part: a letter or
    digit of the occurrence outside every replaced stretch."""
    starts = sorted((s.start, s.end) for s in spans)
    keys = [start for start, _ in starts]
    seen: set[str] = set()
    for start, end, needle in occurrences(original, needles):
        near = starts[max(bisect.bisect_right(keys, start) - 1, 0) : bisect.bisect_left(keys, end)]
        if not any(a < end and start < b for a, b in near):
            continue  # not replaced at all: the copy's own text shows it, if it is there
        left = [
            i
            for i in range(start, end)
            if original[i].isalnum() and not any(a <= i < b for a, b in near)
        ]
        key = digest(needle.text)
        if left and key not in seen:
            seen.add(key)
            yield VerifyFinding(
                check="text", digest=key, reason="a redacted string, only partly replaced"
            )
