"""Redaction-box detection (as a scanned page is searched: scaled to the
detector's page width and back) against the hand-drawn boxes of the real development
set (``../shared/data/real/redaction-boxes``, VIA format): precision, recall and
F1 at IoU >= 0.5, overall and per redaction style, and the seconds a page
takes.  Skips when the folder is absent.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from inzage.read.pixel_boxes import PixelBox, iou
from inzage.read.scan_boxes import page_boxes

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "real" / "redaction-boxes"
THRESHOLD = 0.5
PART_INSIDE = 0.9


def match(found: list[PixelBox], gold: list[PixelBox]) -> set[int]:
    """Greedy one-to-one matching by IoU, best pairs first: the found boxes matched."""
    pairs = sorted(
        ((iou(f, g), i, j) for i, f in enumerate(found) for j, g in enumerate(gold)), reverse=True
    )
    used_f: set[int] = set()
    used_g: set[int] = set()
    for score, i, j in pairs:
        if score < THRESHOLD:
            break
        if i not in used_f and j not in used_g:
            used_f.add(i)
            used_g.add(j)
    return used_f


def parts(found: list[PixelBox], gold: list[PixelBox], matched: set[int]) -> int:
    """Found boxes left unmatched that lie (PART_INSIDE of them) in a hand-drawn
    region holding another found box too: boxes that touch (side by side,
    stacked, drawn over each other's edge), each with its own code, which the
    annotator drew as one region.  Counted apart, not as hits."""

    def inside(box: PixelBox, region: PixelBox) -> bool:
        width = min(box.x + box.width, region.x + region.width) - max(box.x, region.x)
        height = min(box.y + box.height, region.y + region.height) - max(box.y, region.y)
        return width > 0 and height > 0 and width * height >= PART_INSIDE * box.area

    return sum(
        1
        for i, box in enumerate(found)
        if i not in matched
        and any(
            inside(box, region)
            and any(inside(other, region) for j, other in enumerate(found) if j != i)
            for region in gold
        )
    )


def _box(shape: dict[str, object]) -> PixelBox:
    """A VIA region as a box: a rectangle as it is, a polyline by its bounds."""
    if shape["name"] == "rect":
        return PixelBox(*(int(shape[k]) for k in ("x", "y", "width", "height")))  # type: ignore[call-overload]
    xs, ys = shape["all_points_x"], shape["all_points_y"]
    assert isinstance(xs, list) and isinstance(ys, list)
    return PixelBox(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def main() -> None:
    if not DATA.exists():
        print(f"skipped: {DATA} is not there")
        return
    gold = json.loads((DATA / "gold_standard.json").read_text())
    styles = {row["File"]: row["label"] for row in csv.DictReader((DATA / "styles.csv").open())}
    totals: Counter[str] = Counter()
    by_style: dict[str, Counter[str]] = {}
    for name, entry in sorted(gold.items()):
        truth = [_box(r["shape_attributes"]) for r in entry["regions"]]
        image = Image.open(DATA / "images" / name)
        image.load()
        started = time.perf_counter()
        found = page_boxes(image)
        seconds = time.perf_counter() - started
        matched = match(found, truth)
        hits, split = len(matched), parts(found, truth, matched)
        style = by_style.setdefault(styles.get(name, "?"), Counter())
        for counter in (totals, style):
            counter.update(found=len(found), gold=len(truth), hits=hits, parts=split, pages=1)
        style["ms"] += round(seconds * 1000)
        totals["ms"] += round(seconds * 1000)
        print(
            f"{name}: {styles.get(name, '?'):6s} gold {len(truth):3d} "
            f"found {len(found):3d} matched {hits:3d} ({seconds:.2f} s)"
        )
    for label, c in [("all", totals), *sorted(by_style.items())]:
        p = c["hits"] / c["found"] if c["found"] else 0.0
        r = c["hits"] / c["gold"] if c["gold"] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        whole = c["found"] - c["parts"]  # leaving out the parts of regions drawn as one
        p_whole = c["hits"] / whole if whole else 0.0
        print(
            f"{label:6s} precision {p:.3f} recall {r:.3f} F1 {f1:.3f} "
            f"(gold {c['gold']}, found {c['found']}; {c['ms'] / c['pages'] / 1000:.2f} s a page)"
            f"; {c['parts']} found inside a region drawn over several, precision without "
            f"them {p_whole:.3f}"
        )


if __name__ == "__main__":
    main()
