"""A page withheld whole ("niet openbaar"): emptied in place, so that all
that refers to it now refers to a notice with the ground, and cleared from
the structure tree, the bookmarks and the form."""

from __future__ import annotations

from typing import Any

from inzage.redact.pdf_boxes import FONT_NAME, WITHHELD_TAG, pdf_literal

# Pages left out of a release for another reason than a ground: the
# document is public already, or is a copy of another in the release.
NOT_A_GROUND = {
    "reeds openbaar": [
        ("Reeds openbaar", 28.0),
        ("Deze pagina is hier weggelaten:", 12.0),
        ("het document is al eerder openbaar gemaakt.", 12.0),
    ],
    "dubbel": [
        ("Dubbel", 28.0),
        ("Deze pagina is hier weggelaten:", 12.0),
        ("het document staat elders in deze openbaarmaking.", 12.0),
    ],
}


def notice_lines(ground: str) -> list[tuple[str, float]]:
    """The lines of the page that stands in place of a withheld one, with
    their font sizes."""
    from inzage.grounds import catalogue

    if ground in NOT_A_GROUND:
        return NOT_A_GROUND[ground]
    info = catalogue().get(ground)
    article = f"artikel {info.article} {info.law or ''}".strip() if info else ground
    reason = f" ({info.label})" if info and info.label else ""
    return [
        ("Niet openbaar", 28.0),
        (ground, 20.0),
        ("Deze pagina is niet openbaar gemaakt", 12.0),
        (f"op grond van {article}{reason}.", 12.0),
    ]


def withhold_page(pdf: Any, page: Any, ground: str) -> None:
    """Empty the page in place (everything that refers to it stays valid and
    now refers to the notice) and print the notice on it.  What the page held
    is no longer reachable, so the fresh save leaves it out; the structure
    tree's texts and bookmark titles that point to it are cleared too."""
    import pikepdf
    from reportlab.pdfbase.pdfmetrics import stringWidth

    obj = page.obj
    left, bottom, right, top = (float(v) for v in page.mediabox)
    kept = {"/Type", "/Parent", "/MediaBox", "/CropBox", "/Rotate"}
    media, crop, rotate = page.mediabox, obj.get("/CropBox"), obj.get("/Rotate")
    for key in list(obj.keys()):
        if key not in kept:
            del obj[key]
    obj.MediaBox = pikepdf.Array([float(v) for v in media])
    if crop is not None:
        obj.CropBox = crop
    if rotate is not None:
        obj.Rotate = rotate
    obj.Resources = pikepdf.Dictionary(
        Font=pikepdf.Dictionary(
            {
                FONT_NAME: pikepdf.Dictionary(
                    Type=pikepdf.Name.Font,
                    Subtype=pikepdf.Name.Type1,
                    BaseFont=pikepdf.Name("/Helvetica-Bold"),
                    Encoding=pikepdf.Name.WinAnsiEncoding,
                )
            }
        )
    )
    code = pdf_literal(ground)
    ops = [f"{WITHHELD_TAG} <</Ground ({code})>> BDC 0 g"]
    y = bottom + (top - bottom) * 0.62
    for line, size in notice_lines(ground):
        x = left + (right - left - stringWidth(line, "Helvetica-Bold", size)) / 2
        ops.append(f"BT {FONT_NAME} {size:g} Tf {x:.2f} {y:.2f} Td ({pdf_literal(line)}) Tj ET")
        y -= size * 1.8
    ops.append("EMC")
    obj.Contents = pdf.make_stream(("\n".join(ops) + "\n").encode("latin-1"))
    _forget_page(pdf, obj)


def _forget_page(pdf: Any, page: Any) -> None:
    """Clear the texts of structure elements on the page and the titles of
    bookmarks that lead to it: they describe what is withheld."""
    import pikepdf

    def on_page(target: Any) -> bool:
        return isinstance(target, pikepdf.Dictionary) and target.objgen == page.objgen

    def walk(node: Any, depth: int) -> None:
        if depth > 64 or not isinstance(node, (pikepdf.Dictionary, pikepdf.Array)):
            return
        if isinstance(node, pikepdf.Dictionary):
            if on_page(node.get("/Pg")):
                for key in ("/Alt", "/ActualText", "/E", "/T"):
                    if key in node:
                        del node[key]
            kids = node.get("/K")
            if kids is not None:
                walk(kids, depth + 1)
        else:
            for item in node:
                walk(item, depth + 1)

    root = pdf.Root
    if "/StructTreeRoot" in root:
        walk(root.StructTreeRoot, 0)
    form = root.get("/AcroForm")
    if form is not None and "/Fields" in form:
        form.Fields = pikepdf.Array(
            [
                f
                for f in form.Fields
                if not any(on_page(w.get("/P")) for w in [f, *f.get("/Kids", [])])
            ]
        )
    outline = root.get("/Outlines")
    item = outline.get("/First") if outline is not None else None
    stack = [item] if item is not None else []
    seen: set[tuple[int, int]] = set()
    while stack:
        item = stack.pop()
        if not isinstance(item, pikepdf.Dictionary) or item.objgen in seen:
            continue
        seen.add(item.objgen)
        dest = item.get("/Dest")
        action = item.get("/A")
        if dest is None and isinstance(action, pikepdf.Dictionary):
            dest = action.get("/D")
        if isinstance(dest, pikepdf.Array) and len(dest) and on_page(dest[0]):
            item.Title = pikepdf.String("Niet openbaar")
        stack.extend(x for x in (item.get("/First"), item.get("/Next")) if x is not None)
