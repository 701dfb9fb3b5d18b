"""Infographics drawn from data: ``data/infographics/<id>.yml`` → accessible SVG.

Each file defines one infographic (its layout, title, parts, links and colours) in
English and French, so a translator changes a French text in YAML and the drawing
follows.  :func:`load_infographics` reads and checks every definition (links to
pages that exist, colours with enough contrast, words that fit their boxes) and
:func:`draw` lays one out in one language as a standalone SVG document:

- text is real ``<text>``, wrapped by :func:`wrap_text` with conservative
  per-character widths (at least as wide as the widest font of
  :data:`FONT_FAMILY`), so no line overflows its box whichever font the reader has;
- ``role="img"`` with a ``<title>`` and ``<desc>`` in the drawing's language;
- each part is a link (``<a href>``) to the page about it;
- a white background and light fills with dark text, so it prints cleanly.

Layouts: ``columns`` (pillars under a roof), ``tiles`` (a grid of lettered
tiles), ``pyramid`` (bands from a wide base to a narrow top), ``steps`` (stages
joined by arrows, with supports beneath) and ``hub`` (a team at the centre, what
it provides around it, and whom it serves below).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
from xml.sax.saxutils import escape, quoteattr

from resource_library.model.record import DEFAULT_LANGUAGE, ID_PATTERN, LANGUAGES
from resource_library.load.problems import WARNING
from resource_library.load.pagefiles import has_anchor, read_page
from resource_library.load.yamlsource import Document, load_file

LAYOUTS = ("columns", "tiles", "pyramid", "steps", "hub")
#: The fonts the drawings ask for.  DejaVu Sans and Verdana are the widest common
#: sans-serif faces; :data:`_WIDTHS` is at least as wide as either.
FONT_FAMILY = "'DejaVu Sans', Verdana, 'Liberation Sans', Arial, Helvetica, sans-serif"
INK = "#1a1a1a"        # text on light fills
ACCENT = "#1f3b73"     # kickers, letters and arrows
ON_ACCENT = "#ffffff"  # text on the accent colour
STROKE = "#5b6b85"     # outlines (3:1 or more against white, for non-text contrast)
BACKGROUND = "#ffffff"
MIN_CONTRAST = 4.5
LINE_HEIGHT = 1.3
#: Height above the baseline reached by accented capitals (É), and depth below it.
ASCENT, DESCENT = 0.95, 0.25

# Advance widths in em, rounded up from DejaVu Sans and Verdana (regular); bold text
# is measured 15 % wider, and never narrower than 0.36 em a character.
_WIDTH_CLASSES = (
    (0.30, "ijl'’|"),
    (0.36, " .,:;!\u00a0\u202f"),
    (0.44, "frtI()[]-/\u2010\u2011"),
    (0.62, "«»–?\"“”*"),
    (0.66, "abcdeghknopqsuvxyz0123456789$#_+=<>~^"),
    (0.70, "LFTJ"),
    (0.82, "ABCDEGHKNOPQRSUVXYZ&"),
    (0.86, "w"),
    (0.92, "M"),
    (1.02, "mœæ%—"),
    (1.10, "WŒÆ@"),
)
_WIDTHS = {c: w for w, chars in _WIDTH_CLASSES for c in chars}
_DEFAULT_WIDTH = 1.10
BOLD_FACTOR = 1.15

_LINK = re.compile(r"^(?P<path>[a-z0-9][a-z0-9/_-]*\.md)(?:#(?P<anchor>[a-z0-9][a-z0-9-]*))?$")
_BREAKABLE = re.compile(r"[ \t\r\n]+")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


# -- measuring and wrapping -------------------------------------------------------

def char_width(char: str, bold: bool = False) -> float:
    """Conservative advance width of one character, in em."""
    width = _WIDTHS.get(char)
    if width is None:
        base = unicodedata.normalize("NFD", char)[:1]  # é → e, À → A
        width = _WIDTHS.get(base, _DEFAULT_WIDTH)
    return max(width * BOLD_FACTOR, 0.36) if bold else width


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Conservative width of ``text`` set at ``size`` pixels."""
    return sum(char_width(c, bold) for c in text) * size


class TooLong(ValueError):
    """A word is wider than the box it must fit in."""

    def __init__(self, word: str, width: float):
        super().__init__(f"the word '{word}' does not fit in a box {width:.0f} pixels wide")
        self.word = word


def wrap_text(text: str, width: float, size: float, bold: bool = False) -> list:
    """Break ``text`` into lines no wider than ``width`` (greedy, at spaces).

    Words too long for a line are broken after a hyphen or slash when that helps;
    no-break spaces never break.  Raises :class:`TooLong` when a word cannot fit.
    """
    tokens = []  # (piece, whether a space comes before it)
    # Only ordinary spaces break: str.split() would also break at no-break spaces.
    for word in _BREAKABLE.split(text.strip(" \t\r\n")):
        if not word:
            continue
        if text_width(word, size, bold) <= width:
            tokens.append((word, True))
            continue
        pieces = [p for p in re.split(r"(?<=[-/\u2011])", word) if p]
        for i, piece in enumerate(pieces):
            if text_width(piece, size, bold) > width:
                raise TooLong(word, width)
            tokens.append((piece, i == 0))
    lines: list = []
    current = ""
    for piece, spaced in tokens:
        candidate = current + (" " if spaced and current else "") + piece
        if current and text_width(candidate, size, bold) > width:
            lines.append(current)
            current = piece
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def french_typography(text: str) -> str:
    """Canadian French spacing: no-break space before ``:`` and inside « », none breaking before ; ! ?."""
    # (?<!\s): a run of spaces is tried from its start only, or a long run is read again from each space.
    text = re.sub(r"(?<!\s)\s+([:»])", "\u00a0\\1", text)
    text = re.sub(r"«\s+", "«\u00a0", text)
    text = re.sub(r"(?<!\s)\s+([;!?])", "\u202f\\1", text)
    return text


# -- colours -----------------------------------------------------------------------

def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of ``#rrggbb``."""
    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio between two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# -- definitions -----------------------------------------------------------------

@dataclass
class Part:
    """One part of an infographic: a pillar, an element, a tier, a stage..."""

    id: str
    label: dict
    text: dict = field(default_factory=dict)
    kicker: dict = field(default_factory=dict)
    letter: Optional[str] = None
    link: Optional[str] = None
    fill: str = "#eeeeee"
    path: tuple = ()  # where it is in its file, for error messages


@dataclass
class Infographic:
    """A validated infographic definition (both languages)."""

    id: str
    layout: str
    title: dict
    summary: dict
    source: str
    parts: list
    roof: Optional[Part] = None
    note: dict = field(default_factory=dict)
    partner: Optional[Part] = None
    centre: Optional[Part] = None
    chain: list = field(default_factory=list)
    footer_label: dict = field(default_factory=dict)
    footer: list = field(default_factory=list)

    def all_parts(self) -> list:
        """Every part in reading order (the order of the description)."""
        out = []
        if self.roof:
            out.append(self.roof)
        if self.partner:
            out.append(self.partner)
        if self.centre:
            out.append(self.centre)
        out += self.parts + self.chain + self.footer
        return out


def text_in(variants: dict, lang: str) -> str:
    """The ``lang`` text of ``{en, fr}`` (English when French is missing), typeset."""
    if not variants:
        return ""
    value = variants.get(lang) or variants.get(DEFAULT_LANGUAGE) or ""
    value = _BREAKABLE.sub(" ", str(value).strip(" \t\r\n"))
    return french_typography(value) if lang == "fr" and variants.get(lang) else value


def link_url(link: str) -> str:
    """``pillars/x.md`` → ``pillars/x/``; ``core-elements.md#a`` → ``core-elements/#a`` (directory URLs)."""
    path, _, anchor = link.partition("#")
    path = path[:-3]
    if path == "index" or path.endswith("/index"):
        path = path[:-5]
    else:
        path += "/"
    return path + (f"#{anchor}" if anchor else "")


_TOP_KEYS = {
    "columns": {"roof", "note"},
    "tiles": set(),
    "pyramid": {"note"},
    "steps": {"footer"},
    "hub": {"partner", "centre", "chain"},
}
_PART_KEYS = {"id", "label", "text", "kicker", "letter", "link", "fill"}


def load_infographics(folder: Path, root: Path, docs_dir: Path, records: dict, pillars) -> tuple[dict, list]:
    """Read and check every ``<folder>/<id>.yml``: ``{id: Infographic}`` and the problems found.

    Args:
        records: The catalogue's records (links may point at their pages).
        pillars: The pillars vocabulary, or None (links may point at pillar pages).
    """
    infographics: dict = {}
    problems: list = []
    if not folder.is_dir():
        return infographics, problems
    generated = {"library/index.md", "pillars/index.md", "infographics/index.md"}
    generated |= {f"library/{rid}.md" for rid in records}
    if pillars is not None:
        generated |= {f"pillars/{pid}.md" for pid in pillars.terms}
    for file in sorted(folder.glob("*.yml")):
        try:
            shown = file.resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            shown = str(file)
        doc = load_file(file, shown)
        found = list(doc.problems)
        if doc.ok:
            info, more = _read(doc, file.stem, docs_dir, generated)
            found += more
            if info is not None and not any(p.is_error for p in found):
                found += _check_drawable(doc, info)
                if not any(p.is_error for p in found):
                    infographics[info.id] = info
        problems += found
    return infographics, problems


def _localized(doc: Document, value, path: tuple, problems: list, required: bool = True) -> dict:
    if value is None and not required:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        problems.append(doc.problem(path, "expected English and French texts: `en:` and `fr:`"))
        return {}
    for lang in value:
        if lang not in LANGUAGES:
            problems.append(doc.problem(path + (lang,), f"unknown language '{lang}'; use en or fr", key=True))
    if not value.get("en"):
        problems.append(doc.problem(path, "the English text (`en:`) is required"))
    elif not value.get("fr"):
        problems.append(doc.problem(path, "no French text (`fr:`) yet: the French drawing shows the English text", WARNING))
    return value


def _read(doc: Document, stem: str, docs_dir: Path, generated: set) -> tuple[Optional[Infographic], list]:
    problems: list = []
    data = doc.data
    if not isinstance(data, dict):
        return None, [doc.problem((), "an infographic is a mapping (layout:, title:, parts:, ...)")]
    if not re.match(ID_PATTERN, stem):
        problems.append(doc.problem((), f"the file name '{stem}' is not a valid id: use lowercase letters, digits and hyphens"))
    layout = data.get("layout")
    if layout not in LAYOUTS:
        problems.append(doc.problem(("layout",), f"unknown layout '{layout}'; use one of {', '.join(LAYOUTS)}"))
        return None, problems
    allowed = {"layout", "title", "summary", "parts"} | _TOP_KEYS[layout]
    for key in data:
        if key not in allowed:
            problems.append(doc.problem((key,), f"unknown field '{key}' for the layout '{layout}'; allowed: {', '.join(sorted(allowed))}", key=True))

    def part(value, path) -> Optional[Part]:
        if not isinstance(value, dict):
            problems.append(doc.problem(path, "a part is a mapping (id:, label:, link:, fill:, ...)"))
            return None
        for key in value:
            if key not in _PART_KEYS:
                problems.append(doc.problem(path + (key,), f"unknown field '{key}'; allowed: {', '.join(sorted(_PART_KEYS))}", key=True))
        pid = value.get("id")
        if not isinstance(pid, str) or not re.match(ID_PATTERN, pid):
            problems.append(doc.problem(path + ("id",), "each part needs an `id` (lowercase letters, digits and hyphens)"))
        fill = value.get("fill", "#eeeeee")
        if not isinstance(fill, str) or not _COLOUR.match(fill):
            problems.append(doc.problem(path + ("fill",), f"'{fill}' is not a colour; write #rrggbb"))
            fill = "#eeeeee"
        else:
            for colour, role in ((INK, "text"), (ACCENT, "kicker")):
                ratio = contrast_ratio(fill, colour)
                if ratio < MIN_CONTRAST:
                    problems.append(doc.problem(path + ("fill",), f"the {role} colour {colour} on {fill} has a contrast of {ratio:.2f}:1; it must be at least {MIN_CONTRAST}:1 (choose a lighter fill)"))
        letter = value.get("letter")
        if letter is not None and (not isinstance(letter, str) or len(letter) > 2):
            problems.append(doc.problem(path + ("letter",), "a letter is one or two characters"))
        link = value.get("link")
        if link is not None:
            problems.extend(_check_link(doc, path + ("link",), link, docs_dir, generated))
        return Part(
            id=pid if isinstance(pid, str) else "?",
            label=_localized(doc, value.get("label"), path + ("label",), problems),
            text=_localized(doc, value.get("text"), path + ("text",), problems, required=False),
            kicker=_localized(doc, value.get("kicker"), path + ("kicker",), problems, required=False),
            letter=letter if isinstance(letter, str) else None,
            link=link if isinstance(link, str) else None,
            fill=fill,
            path=path,
        )

    def part_list(value, path, minimum=1) -> list:
        if not isinstance(value, list) or len(value) < minimum:
            problems.append(doc.problem(path, f"expected a list of at least {minimum} part{'s' if minimum > 1 else ''}"))
            return []
        out = [part(v, path + (i,)) for i, v in enumerate(value)]
        ids = [p.id for p in out if p]
        for i, pid in enumerate(ids):
            if pid in ids[:i]:
                problems.append(doc.problem(path + (i, "id"), f"the part id '{pid}' is used twice"))
        return [p for p in out if p]

    info = Infographic(
        id=stem,
        layout=layout,
        title=_localized(doc, data.get("title"), ("title",), problems),
        summary=_localized(doc, data.get("summary"), ("summary",), problems),
        source=doc.path,
        parts=part_list(data.get("parts"), ("parts",), minimum=2),
        note=_localized(doc, data.get("note"), ("note",), problems, required=False),
    )
    if layout == "columns" and "roof" in data:
        roof = data["roof"]
        if isinstance(roof, dict) and "id" not in roof:
            roof = {"id": "roof", **roof}
        info.roof = part(roof, ("roof",))
    if layout == "tiles":
        for i, p in enumerate(info.parts):
            if not p.letter:
                problems.append(doc.problem(("parts", i), "each tile needs a `letter`"))
    if layout == "hub":
        for key in ("partner", "centre"):
            if key in data or key == "centre":
                setattr(info, key, part(data.get(key), (key,)))
        info.chain = part_list(data.get("chain"), ("chain",)) if "chain" in data else []
    if layout == "steps" and "footer" in data:
        footer = data["footer"]
        if not isinstance(footer, dict):
            problems.append(doc.problem(("footer",), "expected `label:` and `parts:`"))
        else:
            info.footer_label = _localized(doc, footer.get("label"), ("footer", "label"), problems, required=False)
            info.footer = part_list(footer.get("parts"), ("footer", "parts"))
    return info, problems


def _check_link(doc: Document, path: tuple, link, docs_dir: Path, generated: set) -> list:
    match = _LINK.match(link) if isinstance(link, str) else None
    if not match:
        return [doc.problem(path, f"'{link}' is not a page link; write the page's file under docs/, e.g. core-elements.md#alignment or pillars/<id>.md")]
    page, anchor = match.group("path"), match.group("anchor")
    if page in generated:
        return []
    source = docs_dir / page
    if not source.is_file():
        return [doc.problem(path, f"no page '{page}': neither a file under docs/ nor a generated page (library/<record id>.md, pillars/<pillar id>.md)")]
    if anchor:
        for candidate in (source, docs_dir / "fr" / page):
            shown = candidate.relative_to(docs_dir.parent).as_posix() if docs_dir.parent in candidate.parents else candidate.name
            # A page that cannot be read is reported on its own (load/pagefiles.py).
            text = read_page(candidate, shown)[0] if candidate.exists() else None
            if text is not None and not has_anchor(text, anchor):
                return [doc.problem(path, f"{shown} has no heading with the anchor {{ #{anchor} }}")]
    return []


def _check_drawable(doc: Document, info: Infographic) -> list:
    problems = []
    for lang in LANGUAGES:
        try:
            draw(info, lang)
        except DrawingError as exc:
            problems.append(doc.problem(exc.path, f"in {lang}: {exc}"))
    return problems


# -- drawing --------------------------------------------------------------------------

class DrawingError(ValueError):
    """A text cannot be laid out in its box; ``path`` is the field at fault."""

    def __init__(self, message: str, path: tuple = ()):
        super().__init__(message)
        self.path = path


@dataclass
class Block:
    """Lines of text set in one size and weight."""

    lines: list
    size: float
    bold: bool = False
    colour: str = INK
    role: str = "text"

    @property
    def height(self) -> float:
        return self.size * (ASCENT + DESCENT) + (len(self.lines) - 1) * self.size * LINE_HEIGHT


def _block(text: str, width: float, size: float, bold: bool = False, colour: str = INK,
           path: tuple = (), role: str = "text", min_size: float = 11) -> Block:
    """Wrap ``text`` in ``width``, shrinking the size down to ``min_size`` if a word is too long."""
    current = size
    while True:
        try:
            return Block(wrap_text(text, width, current, bold), current, bold, colour, role)
        except TooLong as exc:
            if current - 1 < min_size:
                raise DrawingError(f"{exc}, even at {min_size:g} pixels; shorten it", path) from None
            current -= 1


GAP = 8  # between blocks of one part


def _stack(blocks: list) -> float:
    return sum(b.height for b in blocks) + GAP * max(0, len(blocks) - 1)


class _Canvas:
    """Collects SVG elements; every coordinate is rounded to one decimal."""

    def __init__(self, width: float, focusable: bool = True, links: bool = True):
        self.width = width
        self.focusable = focusable
        self.links = links
        self.items: list = []

    def add(self, markup: str) -> None:
        self.items.append(markup)

    def text(self, block: Block, x: float, top: float, anchor: str = "middle", width: Optional[float] = None) -> float:
        """Draw ``block`` with its first line's top at ``top``; returns the bottom."""
        weight = ' font-weight="bold"' if block.bold else ""
        limit = f' data-max-width="{width:.1f}"' if width else ""
        spans = []
        for i, line in enumerate(block.lines):
            y = top + block.size * ASCENT + i * block.size * LINE_HEIGHT
            spans.append(f'<tspan x="{x:.1f}" y="{y:.1f}">{escape(line)}</tspan>')
        self.add(f'<text class="rl-ig-{block.role}" text-anchor="{anchor}" font-size="{block.size:g}"{weight} '
                 f'fill="{block.colour}"{limit}>{"".join(spans)}</text>')
        return top + block.height

    def texts(self, blocks: list, x: float, top: float, width: float, anchor: str = "middle") -> float:
        y = top
        for i, block in enumerate(blocks):
            y = self.text(block, x, y, anchor, width) + (GAP if i < len(blocks) - 1 else 0)
        return y

    def rect(self, x, y, w, h, fill, stroke=STROKE, radius=6) -> None:
        self.add(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{radius}" '
                 f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>')

    def polygon(self, points, fill, stroke=STROKE, cls="") -> None:
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        klass = f' class="{cls}"' if cls else ""
        self.add(f'<polygon{klass} points="{pts}" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>')

    def arrow(self, x1, y1, x2, y2, head=10) -> None:
        """A line from (x1, y1) with an arrowhead at (x2, y2) (horizontal or vertical)."""
        if x1 == x2:
            sign = 1 if y2 > y1 else -1
            self.add(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2 - sign * head:.1f}" stroke="{ACCENT}" stroke-width="3"/>')
            self.polygon([(x2 - head * 0.8, y2 - sign * head), (x2 + head * 0.8, y2 - sign * head), (x2, y2)], ACCENT, ACCENT, "rl-ig-arrow")
        else:
            sign = 1 if x2 > x1 else -1
            self.add(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2 - sign * head:.1f}" y2="{y2:.1f}" stroke="{ACCENT}" stroke-width="3"/>')
            self.polygon([(x2 - sign * head, y2 - head * 0.8), (x2 - sign * head, y2 + head * 0.8), (x2, y2)], ACCENT, ACCENT, "rl-ig-arrow")

    def open_link(self, part: Part, base: str, lang: str) -> None:
        if part.link and self.links:
            label = text_in(part.label, lang)
            tabindex = "" if self.focusable else ' tabindex="-1"'
            self.add(f'<a href={quoteattr(base + link_url(part.link))} class="rl-ig-part" data-part={quoteattr(part.id)} '
                     f'aria-label={quoteattr(label)}{tabindex}>')
        else:
            self.add(f'<g class="rl-ig-part" data-part={quoteattr(part.id)}>')

    def close_link(self, part: Part) -> None:
        self.add("</a>" if part.link and self.links else "</g>")


MARGIN = 24
PAD = 12


def _title(canvas: _Canvas, info: Infographic, lang: str, top: float = MARGIN) -> float:
    block = _block(text_in(info.title, lang), canvas.width - 2 * MARGIN, 26, True, ACCENT, ("title",), "title")
    return canvas.text(block, canvas.width / 2, top, width=canvas.width - 2 * MARGIN) + 20


def _note(canvas: _Canvas, info: Infographic, lang: str, top: float) -> float:
    if not info.note:
        return top
    width = canvas.width - 2 * MARGIN
    block = _block(text_in(info.note, lang), width, 14, False, INK, ("note",), "note")
    return canvas.text(block, canvas.width / 2, top, width=width) + 4


def _part_blocks(part: Part, lang: str, width: float, label_size=16, text_size=14, kicker=True) -> list:
    blocks = []
    if kicker and part.kicker:
        blocks.append(_block(text_in(part.kicker, lang), width, 13, True, ACCENT, part.path + ("kicker",), "kicker"))
    blocks.append(_block(text_in(part.label, lang), width, label_size, True, INK, part.path + ("label",), "label"))
    if part.text:
        blocks.append(_block(text_in(part.text, lang), width, text_size, False, INK, part.path + ("text",), "body"))
    return blocks


def _group_blocks(parts: list, lang: str, width: float, label_size: float, text_size: float) -> list:
    """Blocks of sibling parts, all set in the same sizes (the largest that fits every part)."""
    blocks = [_part_blocks(p, lang, width, label_size, text_size) for p in parts]
    label = min((b.size for bl in blocks for b in bl if b.role == "label"), default=label_size)
    body = min((b.size for bl in blocks for b in bl if b.role == "body"), default=text_size)
    if (label, body) != (label_size, text_size):
        blocks = [_part_blocks(p, lang, width, label, body) for p in parts]
    return blocks


def _columns(canvas: _Canvas, info: Infographic, lang: str, base: str) -> float:
    W = canvas.width
    y = _title(canvas, info, lang)
    if info.roof:
        top_width = W * 0.46
        inner = top_width - 2 * PAD
        roof_blocks = [_block(text_in(info.roof.label, lang), inner, 20, True, INK, ("roof", "label"), "label")]
        height = max(_stack(roof_blocks) + 2 * PAD + 16, 80)
        canvas.open_link(info.roof, base, lang)
        canvas.polygon([(MARGIN, y + height), (W - MARGIN, y + height), (W / 2 + top_width / 2, y), (W / 2 - top_width / 2, y)],
                       info.roof.fill)
        canvas.texts(roof_blocks, W / 2, y + (height - _stack(roof_blocks)) / 2, inner)
        canvas.close_link(info.roof)
        y += height + 10
    n = len(info.parts)
    gap = 12
    col = (W - 2 * MARGIN - (n - 1) * gap) / n
    inner = col - 2 * 7
    blocks = _group_blocks(info.parts, lang, inner, 15, 13.5)
    height = max(_stack(b) for b in blocks) + 2 * PAD
    for i, (part, bl) in enumerate(zip(info.parts, blocks)):
        x = MARGIN + i * (col + gap)
        canvas.open_link(part, base, lang)
        canvas.rect(x, y, col, height, part.fill, radius=2)
        canvas.texts(bl, x + col / 2, y + PAD, inner)
        canvas.close_link(part)
    y += height
    canvas.rect(MARGIN - 8, y + 4, W - 2 * MARGIN + 16, 14, "#dce6f5", radius=2)
    y += 34
    return _note(canvas, info, lang, y)


def _tiles(canvas: _Canvas, info: Infographic, lang: str, base: str) -> float:
    W = canvas.width
    y = _title(canvas, info, lang)
    per_row = 3
    gap = 16
    tile = (W - 2 * MARGIN - (per_row - 1) * gap) / per_row
    inner = tile - 2 * PAD
    radius = 26
    blocks = _group_blocks(info.parts, lang, inner, 18, 14)
    height = 2 * radius + 12 + max(_stack(b) for b in blocks) + 2 * PAD
    for i, (part, bl) in enumerate(zip(info.parts, blocks)):
        row, column = divmod(i, per_row)
        x = MARGIN + column * (tile + gap)
        top = y + row * (height + gap)
        canvas.open_link(part, base, lang)
        canvas.rect(x, top, tile, height, part.fill)
        cx, cy = x + tile / 2, top + PAD + radius
        canvas.add(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius}" fill="{ACCENT}"/>')
        letter = Block([part.letter or ""], 28, True, ON_ACCENT, "letter")
        canvas.text(letter, cx, cy - letter.height / 2, width=2 * radius * 0.7)
        canvas.texts(bl, cx, top + PAD + 2 * radius + 12, inner)
        canvas.close_link(part)
    rows = -(-len(info.parts) // per_row)
    return _note(canvas, info, lang, y + rows * (height + gap) + 8)


def _pyramid(canvas: _Canvas, info: Infographic, lang: str, base: str) -> float:
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
                raise DrawingError("the text of this tier needs more room than the pyramid leaves; shorten it", part.path + ("text",))
            blocks = _part_blocks(part, lang, inner, 18, 14)
            need = _stack(blocks) + 2 * PAD
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
        canvas.open_link(part, base, lang)
        canvas.polygon([(cx - wb / 2, bottom), (cx + wb / 2, bottom), (cx + wt / 2, top), (cx - wt / 2, top)], part.fill)
        canvas.texts(blocks, cx, top + (h - _stack(blocks)) / 2, inner)
        canvas.close_link(part)
        bottom = top
    return _note(canvas, info, lang, y + total + 20)


def _steps(canvas: _Canvas, info: Infographic, lang: str, base: str) -> float:
    W = canvas.width
    y = _title(canvas, info, lang)
    n = len(info.parts)
    arrow = 40
    rise = 24
    box = (W - 2 * MARGIN - (n - 1) * arrow) / n
    inner = box - 2 * PAD
    blocks = _group_blocks(info.parts, lang, inner, 17, 14)
    base_height = max(_stack(b) for b in blocks) + 2 * PAD
    bottom = y + base_height + (n - 1) * rise
    for i, (part, bl) in enumerate(zip(info.parts, blocks)):
        x = MARGIN + i * (box + arrow)
        h = base_height + i * rise
        canvas.open_link(part, base, lang)
        canvas.rect(x, bottom - h, box, h, part.fill)
        canvas.texts(bl, x + box / 2, bottom - h + PAD, inner)
        canvas.close_link(part)
        if i < n - 1:
            ay = bottom - base_height / 2
            canvas.arrow(x + box + 6, ay, x + box + arrow - 6, ay)
    y = bottom + 24
    if info.footer:
        if info.footer_label:
            label = _block(text_in(info.footer_label, lang), W - 2 * MARGIN, 16, True, ACCENT, ("footer", "label"), "label")
            y = canvas.text(label, MARGIN, y, "start", W - 2 * MARGIN) + 10
        m = len(info.footer)
        gap = 16
        fbox = (W - 2 * MARGIN - (m - 1) * gap) / m
        finner = fbox - 2 * PAD
        fblocks = _group_blocks(info.footer, lang, finner, 15, 13.5)
        fheight = max(_stack(b) for b in fblocks) + 2 * PAD
        for i, (part, bl) in enumerate(zip(info.footer, fblocks)):
            x = MARGIN + i * (fbox + gap)
            canvas.open_link(part, base, lang)
            canvas.rect(x, y, fbox, fheight, part.fill)
            canvas.texts(bl, x + fbox / 2, y + PAD, finner)
            canvas.close_link(part)
        y += fheight + 16
    return _note(canvas, info, lang, y)


def _hub(canvas: _Canvas, info: Infographic, lang: str, base: str) -> float:
    W = canvas.width
    cx = W / 2
    y = _title(canvas, info, lang)
    centre_w, side_w = 380, 240
    if info.partner:
        pw = 560
        blocks = _part_blocks(info.partner, lang, pw - 2 * PAD, 15, 13)
        ph = _stack(blocks) + 2 * PAD
        canvas.open_link(info.partner, base, lang)
        canvas.rect(cx - pw / 2, y, pw, ph, info.partner.fill)
        canvas.texts(blocks, cx, y + PAD, pw - 2 * PAD)
        canvas.close_link(info.partner)
        canvas.add(f'<line x1="{cx:.1f}" y1="{y + ph:.1f}" x2="{cx:.1f}" y2="{y + ph + 28:.1f}" stroke="{STROKE}" stroke-width="3" stroke-dasharray="6 4"/>')
        y += ph + 28
    centre = info.centre
    cblocks = _part_blocks(centre, lang, centre_w - 2 * PAD, 20, 14)
    sides = info.parts
    sblocks = _group_blocks(sides, lang, side_w - 2 * PAD, 15, 13)
    per_side = -(-len(sides) // 2)
    gap = 16
    side_h = max(_stack(b) for b in sblocks) + 2 * PAD
    row_h = max(_stack(cblocks) + 2 * PAD, per_side * side_h + (per_side - 1) * gap)
    canvas.open_link(centre, base, lang)
    canvas.rect(cx - centre_w / 2, y, centre_w, row_h, centre.fill, stroke=ACCENT)
    canvas.texts(cblocks, cx, y + (row_h - _stack(cblocks)) / 2, centre_w - 2 * PAD)
    canvas.close_link(centre)
    column_h = per_side * side_h + (per_side - 1) * gap
    for i, (part, bl) in enumerate(zip(sides, sblocks)):
        left = i < per_side
        k = i if left else i - per_side
        x = MARGIN if left else W - MARGIN - side_w
        top = y + (row_h - column_h) / 2 + k * (side_h + gap)
        canvas.open_link(part, base, lang)
        canvas.rect(x, top, side_w, side_h, part.fill)
        canvas.texts(bl, x + side_w / 2, top + (side_h - _stack(bl)) / 2, side_w - 2 * PAD)
        canvas.close_link(part)
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
        h = _stack(blocks) + 2 * PAD
        canvas.open_link(part, base, lang)
        canvas.rect(cx - chain_w / 2, y, chain_w, h, part.fill)
        canvas.texts(blocks, cx, y + PAD, chain_w - 2 * PAD)
        canvas.close_link(part)
        y += h
    return _note(canvas, info, lang, y + 20)


_DRAW = {"columns": (_columns, 1080), "tiles": (_tiles, 960), "pyramid": (_pyramid, 900),
         "steps": (_steps, 1080), "hub": (_hub, 1000)}


def description(info: Infographic, lang: str) -> str:
    """The ``<desc>``: the summary, then every part in reading order, in ``lang``."""
    sentences = [text_in(info.summary, lang)]
    for part in info.all_parts():
        head = ", ".join(t for t in (text_in(part.kicker, lang), text_in(part.label, lang)) if t)
        if part.letter and info.layout == "tiles":
            head = f"{part.letter}, {head}"
        body = text_in(part.text, lang)
        sep = "\u00a0: " if lang == "fr" else ": "
        sentence = f"{head}{sep}{body}" if body else head
        sentences.append(sentence if sentence.endswith((".", "!", "?")) else sentence + ".")
    if info.footer_label and info.footer:
        pass  # the footer parts are already described above
    if info.note:
        sentences.append(text_in(info.note, lang))
    return " ".join(s for s in sentences if s)


def svg_id(info: Infographic) -> str:
    return f"rl-ig-{info.id}"


def draw(info: Infographic, lang: str, base: str = "../", focusable: bool = True, inline: bool = False) -> str:
    """The infographic in ``lang`` as a standalone SVG document, or for a page.

    Args:
        base: Relative path from where the SVG is shown to the root of ``lang``'s
            site (``../`` for ``/infographics/x.svg``; ``../../`` when inlined on
            ``/library/x/``), prefixed to the parts' links.
        focusable: False when the page repeats the part links as text next to the
            drawing: the links stay clickable but leave the keyboard order, since
            ``role="img"`` hides them from screen readers anyway.
        inline: The drawing goes inside an HTML page of ``lang``, which lists the
            parts' links as text beside it.  Then the parts are not links (an image
            must not hold interactive controls), the page gives the language, and
            styles come from the site's stylesheet (``infographics.css``): the
            pages' Content-Security-Policy allows no inline style.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    layout, width = _DRAW[info.layout]
    canvas = _Canvas(width, focusable, links=not inline)
    height = layout(canvas, info, lang, base) + MARGIN - 4
    sid = svg_id(info)
    style = (
        f"#{sid} a:focus{{outline:none}}"
        f"#{sid} a:focus>rect,#{sid} a:focus>polygon{{stroke:#000000;stroke-width:4px}}"
        f"#{sid} a:hover .rl-ig-label{{text-decoration:underline}}"
        f"@media print{{#{sid}{{-webkit-print-color-adjust:exact;print-color-adjust:exact}}#{sid} .rl-ig-bg{{fill:#ffffff}}}}"
    )
    language = "" if inline else f'lang="{lang}" xml:lang="{lang}" '
    sizing = "" if inline else 'style="max-width:100%;height:auto" '
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{sid}" class="rl-infographic" role="img" '
        f'aria-labelledby="{sid}-title {sid}-desc" {language}'
        f'viewBox="0 0 {width} {height:.0f}" width="{width}" height="{height:.0f}" '
        f'{sizing}font-family="{FONT_FAMILY}" data-layout="{info.layout}">'
    )
    parts = [
        head,
        f'<title id="{sid}-title">{escape(text_in(info.title, lang))}</title>',
        f'<desc id="{sid}-desc">{escape(description(info, lang))}</desc>',
        *([] if inline else [f"<style>{style}</style>"]),
        f'<rect class="rl-ig-bg" x="0" y="0" width="{width}" height="{height:.0f}" fill="{BACKGROUND}"/>',
        *canvas.items,
        "</svg>",
    ]
    # One element a line, and no blank line: Markdown keeps the whole SVG as one HTML block.
    return "\n".join(parts) + "\n"


def labels(info: Infographic, lang: str) -> list:
    """Every text the drawing shows in ``lang`` (titles, labels, texts, notes)."""
    out = [text_in(info.title, lang)]
    for part in info.all_parts():
        out += [text_in(v, lang) for v in (part.kicker, part.label, part.text) if v]
        if part.letter and info.layout == "tiles":
            out.append(part.letter)
    out += [text_in(v, lang) for v in (info.footer_label, info.note) if v]
    return out


def part_links(info: Infographic, lang: str, base: str) -> list:
    """``[{label, href}]`` of every linked part, for a text list under the drawing."""
    return [{"label": text_in(p.label, lang), "href": base + link_url(p.link)} for p in info.all_parts() if p.link]
