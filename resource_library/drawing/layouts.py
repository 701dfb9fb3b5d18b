"""The five layouts: where each part of a drawing goes and how big its text is set.

``columns`` (pillars under a roof), ``tiles`` (a grid of lettered tiles),
``pyramid`` (bands from a wide base to a narrow top), ``steps`` (stages joined by
arrows, with supports beneath) and ``hub`` (a team at the centre, what it
provides around it, and whom it serves below).  :func:`lay_out` runs one on a
:class:`~resource_library.drawing.canvas.Canvas`; sibling parts share one text
size, the largest at which every one of them fits.
"""

from __future__ import annotations

from resource_library.drawing.canvas import Block, Canvas, DrawingError, block, stack
from resource_library.drawing.colours import ACCENT, INK, ON_ACCENT, STROKE
from resource_library.drawing.content import text_in
from resource_library.model.drawing import LAYOUTS, Infographic, Part

MARGIN = 24
PAD = 12


def _title(canvas: Canvas, info: Infographic, lang: str) -> float:
    title = block(text_in(info.title, lang), canvas.width - 2 * MARGIN, 26, True, ACCENT, ("title",), "title")
    return canvas.text(title, canvas.width / 2, MARGIN, width=canvas.width - 2 * MARGIN) + 20


def _note(canvas: Canvas, info: Infographic, lang: str, top: float) -> float:
    if not info.note:
        return top
    width = canvas.width - 2 * MARGIN
    note = block(text_in(info.note, lang), width, 14, False, INK, ("note",), "note")
    return canvas.text(note, canvas.width / 2, top, width=width) + 4


def _part_blocks(part: Part, lang: str, width: float, label_size: float, text_size: float) -> list:
    """The kicker, label and text of ``part``, wrapped in ``width``."""
    blocks = []
    if part.kicker:
        blocks.append(block(text_in(part.kicker, lang), width, 13, True, ACCENT, part.path + ("kicker",), "kicker"))
    blocks.append(block(text_in(part.label, lang), width, label_size, True, INK, part.path + ("label",), "label"))
    if part.text:
        blocks.append(block(text_in(part.text, lang), width, text_size, False, INK, part.path + ("text",), "body"))
    return blocks


def _group_blocks(parts: list, lang: str, width: float, label_size: float, text_size: float) -> list:
    """Blocks of sibling parts, all set in the same sizes (the largest that fits every part)."""
    blocks = [_part_blocks(p, lang, width, label_size, text_size) for p in parts]
    label = min((b.size for bl in blocks for b in bl if b.role == "label"), default=label_size)
    body = min((b.size for bl in blocks for b in bl if b.role == "body"), default=text_size)
    if (label, body) != (label_size, text_size):
        blocks = [_part_blocks(p, lang, width, label, body) for p in parts]
    return blocks


def _columns(canvas: Canvas, info: Infographic, lang: str, base: str) -> float:
    W = canvas.width
    y = _title(canvas, info, lang)
    if info.roof:
        top_width = W * 0.46
        inner = top_width - 2 * PAD
        roof_blocks = [block(text_in(info.roof.label, lang), inner, 20, True, INK, ("roof", "label"), "label")]
        height = max(stack(roof_blocks) + 2 * PAD + 16, 80)
        canvas.open_part(info.roof, base, lang)
        canvas.polygon(
            [(MARGIN, y + height), (W - MARGIN, y + height), (W / 2 + top_width / 2, y), (W / 2 - top_width / 2, y)],
            info.roof.fill,
        )
        canvas.texts(roof_blocks, W / 2, y + (height - stack(roof_blocks)) / 2, inner)
        canvas.close_part(info.roof)
        y += height + 10
    n = len(info.parts)
    gap = 12
    col = (W - 2 * MARGIN - (n - 1) * gap) / n
    inner = col - 2 * 7
    blocks = _group_blocks(info.parts, lang, inner, 15, 13.5)
    height = max(stack(b) for b in blocks) + 2 * PAD
    for i, (part, bl) in enumerate(zip(info.parts, blocks)):
        x = MARGIN + i * (col + gap)
        canvas.open_part(part, base, lang)
        canvas.rect(x, y, col, height, part.fill, radius=2)
        canvas.texts(bl, x + col / 2, y + PAD, inner)
        canvas.close_part(part)
    y += height
    canvas.rect(MARGIN - 8, y + 4, W - 2 * MARGIN + 16, 14, "#dce6f5", radius=2)
    y += 34
    return _note(canvas, info, lang, y)


def _tiles(canvas: Canvas, info: Infographic, lang: str, base: str) -> float:
    W = canvas.width
    y = _title(canvas, info, lang)
    per_row = 3
    gap = 16
    tile = (W - 2 * MARGIN - (per_row - 1) * gap) / per_row
    inner = tile - 2 * PAD
    radius = 26
    blocks = _group_blocks(info.parts, lang, inner, 18, 14)
    height = 2 * radius + 12 + max(stack(b) for b in blocks) + 2 * PAD
    for i, (part, bl) in enumerate(zip(info.parts, blocks)):
        row, column = divmod(i, per_row)
        x = MARGIN + column * (tile + gap)
        top = y + row * (height + gap)
        canvas.open_part(part, base, lang)
        canvas.rect(x, top, tile, height, part.fill)
        cx, cy = x + tile / 2, top + PAD + radius
        canvas.add(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius}" fill="{ACCENT}"/>')
        letter = Block([part.letter or ""], 28, True, ON_ACCENT, "letter")
        canvas.text(letter, cx, cy - letter.height / 2, width=2 * radius * 0.7)
        canvas.texts(bl, cx, top + PAD + 2 * radius + 12, inner)
        canvas.close_part(part)
    rows = -(-len(info.parts) // per_row)
    return _note(canvas, info, lang, y + rows * (height + gap) + 8)


def _pyramid(canvas: Canvas, info: Infographic, lang: str, base: str) -> float:
    W = canvas.width
    y = _title(canvas, info, lang)
    slope = 0.7  # half-width lost per pixel of height
    bottom_width = W - 2 * MARGIN
    bands = []  # (part, blocks, bottom width, top width, height), from the base up
    width = bottom_width
    for part in info.parts:
        height = 70.0
        for _ in range(40):  # grows until the text fits; bounded
            top_width = width - 2 * slope * height
            inner = top_width - 2 * PAD
            if inner < 120:
                raise DrawingError(
                    "the text of this tier needs more room than the pyramid leaves; shorten it", part.path + ("text",)
                )
            blocks = _part_blocks(part, lang, inner, 18, 14)
            need = stack(blocks) + 2 * PAD
            if need <= height:
                break
            height = need
        bands.append((part, blocks, width, top_width, height, inner))
        width = top_width
    total = sum(b[4] for b in bands)
    bottom = y + total
    cx = W / 2
    for part, blocks, wb, wt, h, inner in bands:
        top = bottom - h
        canvas.open_part(part, base, lang)
        canvas.polygon(
            [(cx - wb / 2, bottom), (cx + wb / 2, bottom), (cx + wt / 2, top), (cx - wt / 2, top)], part.fill
        )
        canvas.texts(blocks, cx, top + (h - stack(blocks)) / 2, inner)
        canvas.close_part(part)
        bottom = top
    return _note(canvas, info, lang, y + total + 20)


def _steps(canvas: Canvas, info: Infographic, lang: str, base: str) -> float:
    W = canvas.width
    y = _title(canvas, info, lang)
    n = len(info.parts)
    arrow = 40
    rise = 24
    box = (W - 2 * MARGIN - (n - 1) * arrow) / n
    inner = box - 2 * PAD
    blocks = _group_blocks(info.parts, lang, inner, 17, 14)
    base_height = max(stack(b) for b in blocks) + 2 * PAD
    bottom = y + base_height + (n - 1) * rise
    for i, (part, bl) in enumerate(zip(info.parts, blocks)):
        x = MARGIN + i * (box + arrow)
        h = base_height + i * rise
        canvas.open_part(part, base, lang)
        canvas.rect(x, bottom - h, box, h, part.fill)
        canvas.texts(bl, x + box / 2, bottom - h + PAD, inner)
        canvas.close_part(part)
        if i < n - 1:
            ay = bottom - base_height / 2
            canvas.arrow(x + box + 6, ay, x + box + arrow - 6, ay)
    y = bottom + 24
    if info.footer:
        if info.footer_label:
            label = block(
                text_in(info.footer_label, lang), W - 2 * MARGIN, 16, True, ACCENT, ("footer", "label"), "label"
            )
            y = canvas.text(label, MARGIN, y, "start", W - 2 * MARGIN) + 10
        m = len(info.footer)
        gap = 16
        fbox = (W - 2 * MARGIN - (m - 1) * gap) / m
        finner = fbox - 2 * PAD
        fblocks = _group_blocks(info.footer, lang, finner, 15, 13.5)
        fheight = max(stack(b) for b in fblocks) + 2 * PAD
        for i, (part, bl) in enumerate(zip(info.footer, fblocks)):
            x = MARGIN + i * (fbox + gap)
            canvas.open_part(part, base, lang)
            canvas.rect(x, y, fbox, fheight, part.fill)
            canvas.texts(bl, x + fbox / 2, y + PAD, finner)
            canvas.close_part(part)
        y += fheight + 16
    return _note(canvas, info, lang, y)


def _hub(canvas: Canvas, info: Infographic, lang: str, base: str) -> float:
    W = canvas.width
    cx = W / 2
    y = _title(canvas, info, lang)
    centre_w, side_w = 380, 240
    if info.partner:
        pw = 560
        blocks = _part_blocks(info.partner, lang, pw - 2 * PAD, 15, 13)
        ph = stack(blocks) + 2 * PAD
        canvas.open_part(info.partner, base, lang)
        canvas.rect(cx - pw / 2, y, pw, ph, info.partner.fill)
        canvas.texts(blocks, cx, y + PAD, pw - 2 * PAD)
        canvas.close_part(info.partner)
        canvas.add(
            f'<line x1="{cx:.1f}" y1="{y + ph:.1f}" x2="{cx:.1f}" y2="{y + ph + 28:.1f}" stroke="{STROKE}" stroke-width="3" stroke-dasharray="6 4"/>'
        )
        y += ph + 28
    centre = info.centre
    assert centre is not None  # the hub layout requires a centre: the loader refuses a drawing without one
    cblocks = _part_blocks(centre, lang, centre_w - 2 * PAD, 20, 14)
    sides = info.parts
    sblocks = _group_blocks(sides, lang, side_w - 2 * PAD, 15, 13)
    per_side = -(-len(sides) // 2)
    gap = 16
    side_h = max(stack(b) for b in sblocks) + 2 * PAD
    row_h = max(stack(cblocks) + 2 * PAD, per_side * side_h + (per_side - 1) * gap)
    canvas.open_part(centre, base, lang)
    canvas.rect(cx - centre_w / 2, y, centre_w, row_h, centre.fill, stroke=ACCENT)
    canvas.texts(cblocks, cx, y + (row_h - stack(cblocks)) / 2, centre_w - 2 * PAD)
    canvas.close_part(centre)
    column_h = per_side * side_h + (per_side - 1) * gap
    for i, (part, bl) in enumerate(zip(sides, sblocks)):
        left = i < per_side
        k = i if left else i - per_side
        x = MARGIN if left else W - MARGIN - side_w
        top = y + (row_h - column_h) / 2 + k * (side_h + gap)
        canvas.open_part(part, base, lang)
        canvas.rect(x, top, side_w, side_h, part.fill)
        canvas.texts(bl, x + side_w / 2, top + (side_h - stack(bl)) / 2, side_w - 2 * PAD)
        canvas.close_part(part)
        mid = top + side_h / 2
        if left:
            canvas.arrow(cx - centre_w / 2 - 4, mid, x + side_w + 4, mid)
        else:
            canvas.arrow(cx + centre_w / 2 + 4, mid, x - 4, mid)
    y += row_h
    chain_w = 620
    for part in info.chain:
        canvas.arrow(cx, y + 4, cx, y + 40)
        y += 44
        blocks = _part_blocks(part, lang, chain_w - 2 * PAD, 17, 14)
        h = stack(blocks) + 2 * PAD
        canvas.open_part(part, base, lang)
        canvas.rect(cx - chain_w / 2, y, chain_w, h, part.fill)
        canvas.texts(blocks, cx, y + PAD, chain_w - 2 * PAD)
        canvas.close_part(part)
        y += h
    return _note(canvas, info, lang, y + 20)


#: Each layout's function and the drawing's width in pixels.
_LAYOUTS = {
    "columns": (_columns, 1080),
    "tiles": (_tiles, 960),
    "pyramid": (_pyramid, 900),
    "steps": (_steps, 1080),
    "hub": (_hub, 1000),
}
assert tuple(_LAYOUTS) == LAYOUTS, "every layout of the format is drawn here"


def lay_out(info: Infographic, lang: str, base: str = "../", focusable: bool = True, links: bool = True) -> tuple:
    """Lay ``info`` out in ``lang``: ``(canvas, height)``, the drawing's elements and its height.

    Raises :class:`~resource_library.drawing.canvas.DrawingError` when a text does
    not fit its box (the loader reports it).  ``base`` is prefixed to the parts'
    links; ``focusable`` and ``links`` are as for :class:`Canvas`.
    """
    layout, width = _LAYOUTS[info.layout]
    canvas = Canvas(width, focusable, links)
    height = layout(canvas, info, lang, base) + MARGIN - 4
    return canvas, height
