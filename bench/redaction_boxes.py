"""Redaction-box detection (as a scanned page is searched: scaled to the
detector's page width and back) against the hand-drawn boxes of the real development
set (``../shared/data/real/redaction-boxes``, VIA format): precision, recall and
F1 at IoU >= 0.5, overall and per redaction style.  Skips when the folder is absent.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from inzage.read.pixel_boxes import PixelBox, iou
from inzage.read.scan_boxes import page_boxes

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "real" / "redaction-boxes"
THRESHOLD = 0.5


def match(found: list[PixelBox], gold: list[PixelBox]) -> int:
    """Greedy one-to-one matching by IoU, best pairs first."""
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
    return len(used_f)


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
        found = page_boxes(Image.open(DATA / "images" / name))
        hits = match(found, truth)
        style = by_style.setdefault(styles.get(name, "?"), Counter())
        for counter in (totals, style):
            counter.update(found=len(found), gold=len(truth), hits=hits)
        print(
            f"{name}: {styles.get(name, '?'):6s} gold {len(truth):3d} "
            f"found {len(found):3d} matched {hits:3d}"
        )
    for label, c in [("all", totals), *sorted(by_style.items())]:
        p = c["hits"] / c["found"] if c["found"] else 0.0
        r = c["hits"] / c["gold"] if c["gold"] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(
            f"{label:6s} precision {p:.3f} recall {r:.3f} F1 {f1:.3f} "
            f"(gold {c['gold']}, found {c['found']})"
        )


if __name__ == "__main__":
    main()
