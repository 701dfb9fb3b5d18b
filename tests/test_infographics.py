"""The drawn infographics: valid, accessible SVG whose text fits its shapes, in both languages.

Every check reads the SVG as a reader's tools would (XML, attributes, geometry)
and the definitions straight from ``data/infographics/*.yml``, not from the
drawing code's own bookkeeping.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from sitebuild import at

from resource_library import load_catalogue
from resource_library.drawing.content import text_in
from resource_library.drawing.measure import ASCENT, DESCENT, TooLong, text_width, wrap_text
from resource_library.drawing.svg import draw
from resource_library.load.drawings import load_infographics
from resource_library.text.typography import french_text

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"
IDS = sorted(p.stem for p in (ROOT / "data" / "infographics").glob("*.yml"))
CASES = [(i, lang) for i in IDS for lang in ("en", "fr")]


@pytest.fixture(scope="module")
def catalogue():
    catalogue = load_catalogue(ROOT)
    assert not catalogue.errors, "\n".join(map(str, catalogue.errors))
    return catalogue


def test_every_definition_is_loaded(catalogue):
    assert IDS == [
        "core-elements",
        "implementation-stages",
        "smh-assist-overview",
        "strategic-pillars",
        "tiered-continuum",
    ]
    assert sorted(catalogue.infographics) == IDS


def _normalise(text: str) -> str:
    """``text`` with spaces collapsed, and none around French punctuation (the drawings add them in French)."""
    text = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
    return re.sub(r" ([:;!?»])", r"\1", text).replace("« ", "«")


def _texts_in_data(node, lang: str) -> list:
    """Every ``{en, fr}`` text of a definition file, in ``lang`` (English when French is missing)."""
    out = []
    if isinstance(node, dict):
        if "en" in node and set(node) <= {"en", "fr"}:
            return [node.get(lang) or node["en"]]
        for key, value in node.items():
            if key != "summary":  # the summary is the <desc>'s opening, not drawn
                out += _texts_in_data(value, lang)
    elif isinstance(node, list):
        for item in node:
            out += _texts_in_data(item, lang)
    return out


def _drawn_texts(root) -> list:
    """The text of each <text> element, its lines joined as a reader would."""
    out = []
    for text in root.iter(f"{SVG}text"):
        joined = ""
        for span in text.iter(f"{SVG}tspan"):
            line = span.text or ""
            joined += ("" if not joined or joined.endswith(("-", "/")) else " ") + line
        out.append(_normalise(joined))
    return out


def _svg(catalogue, drawing, lang):
    markup = draw(catalogue.infographics[drawing], lang)
    return markup, ET.fromstring(markup)


@pytest.mark.parametrize("drawing,lang", CASES)
def test_svg_parses_with_role_title_and_description_in_its_language(catalogue, drawing, lang):
    _, root = _svg(catalogue, drawing, lang)
    data = yaml.safe_load((ROOT / "data" / "infographics" / f"{drawing}.yml").read_text(encoding="utf-8"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("lang") == lang
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert _normalise(title.text) == _normalise(data["title"][lang])
    # The description opens with the summary and names every part, in this language.
    description = _normalise(desc.text)
    assert description.startswith(_normalise(data["summary"][lang])[:40])
    for part in data["parts"]:
        assert _normalise(part["label"][lang]) in description
    other = "fr" if lang == "en" else "en"
    if data["title"][other] != data["title"][lang]:
        assert _normalise(data["title"][other]) not in description + _normalise(title.text)


@pytest.mark.parametrize("drawing,lang", CASES)
def test_svg_shows_every_text_of_its_data_in_that_language(catalogue, drawing, lang):
    _, root = _svg(catalogue, drawing, lang)
    data = yaml.safe_load((ROOT / "data" / "infographics" / f"{drawing}.yml").read_text(encoding="utf-8"))
    drawn = _drawn_texts(root)
    expected = _texts_in_data(data, lang)
    assert len(expected) >= 5
    for text in expected:
        assert _normalise(text) in drawn, f"{text!r} is not drawn in {drawing}.{lang}"


# -- geometry: every line inside the shape it is drawn on ---------------------------


def _shapes_and_texts(root):
    """Shapes (with fill) and text lines, in document order."""
    items = []
    for element in root.iter():
        tag = element.tag.replace(SVG, "")
        if tag == "rect":
            x, y, w, h = (float(element.get(k)) for k in ("x", "y", "width", "height"))
            items.append(("shape", {"kind": "rect", "box": (x, y, w, h), "fill": element.get("fill")}))
        elif tag == "circle":
            cx, cy, r = (float(element.get(k)) for k in ("cx", "cy", "r"))
            items.append(("shape", {"kind": "circle", "c": (cx, cy, r), "fill": element.get("fill")}))
        elif tag == "polygon":
            points = [tuple(map(float, p.split(","))) for p in element.get("points").split()]
            items.append(("shape", {"kind": "polygon", "points": points, "fill": element.get("fill")}))
        elif tag == "text":
            size = float(element.get("font-size"))
            bold = element.get("font-weight") == "bold"
            for span in element.iter(f"{SVG}tspan"):
                items.append(
                    (
                        "line",
                        {
                            "text": span.text or "",
                            "x": float(span.get("x")),
                            "y": float(span.get("y")),
                            "size": size,
                            "bold": bold,
                            "anchor": element.get("text-anchor"),
                            "fill": element.get("fill"),
                            "max": element.get("data-max-width"),
                        },
                    )
                )
    return items


def _span(shape, y):
    """Horizontal extent of ``shape`` at height ``y``, or None when ``y`` is outside it."""
    if shape["kind"] == "rect":
        x, top, w, h = shape["box"]
        return (x, x + w) if top <= y <= top + h else None
    if shape["kind"] == "circle":
        cx, cy, r = shape["c"]
        if abs(y - cy) > r:
            return None
        half = (r * r - (y - cy) ** 2) ** 0.5
        return (cx - half, cx + half)
    xs = []
    points = shape["points"]
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        if min(y1, y2) <= y <= max(y1, y2) and y1 != y2:
            xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    return (min(xs), max(xs)) if len(xs) >= 2 else None


def _luminance(colour: str) -> float:
    # WCAG 2.1 definition, written out here independently of the drawing code.
    values = []
    for i in (1, 3, 5):
        c = int(colour[i : i + 2], 16) / 255
        values.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = values
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("drawing,lang", CASES)
def test_no_line_is_wider_than_its_box_and_every_text_has_contrast(catalogue, drawing, lang):
    markup, root = _svg(catalogue, drawing, lang)
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    checked = 0
    shapes = []
    for kind, item in _shapes_and_texts(root):
        if kind == "shape":
            shapes.append(item)
            continue
        line = item
        w = text_width(line["text"], line["size"], line["bold"])
        left = {"middle": line["x"] - w / 2, "start": line["x"], "end": line["x"] - w}[line["anchor"]]
        right = left + w
        top, bottom = line["y"] - ASCENT * line["size"], line["y"] + DESCENT * line["size"]
        # The shape a line is drawn on: the last one drawn before it that holds its middle.
        holder = next(
            s
            for s in reversed(shapes)
            if _span(s, (top + bottom) / 2)
            and _span(s, (top + bottom) / 2)[0] <= (left + right) / 2 <= _span(s, (top + bottom) / 2)[1]
        )
        for y in (top, bottom):
            span = _span(holder, y)
            assert span is not None, f"{line['text']!r} sticks out of its shape vertically ({drawing}.{lang})"
            assert span[0] - 0.5 <= left and right <= span[1] + 0.5, (
                f"{line['text']!r} ({left:.0f}-{right:.0f}) overflows its shape ({span[0]:.0f}-{span[1]:.0f}) in {drawing}.{lang}"
            )
        if line["max"]:
            assert w <= float(line["max"]) + 0.01
        assert left >= 0 and right <= width and top >= 0 and bottom <= height
        ratio = contrast(line["fill"], holder["fill"])
        assert ratio >= 4.5, f"{line['text']!r}: {line['fill']} on {holder['fill']} is {ratio:.2f}:1"
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize("drawing,lang", CASES)
def test_parts_link_to_their_pages(catalogue, drawing, lang):
    from resource_library.model import urls

    before = urls.installed()
    urls.install(catalogue.slugs)  # the shipped pages' and records' French addresses, as the build does
    try:
        _, root = _svg(catalogue, drawing, lang)
    finally:
        urls.install(before)
    data = yaml.safe_load((ROOT / "data" / "infographics" / f"{drawing}.yml").read_text(encoding="utf-8"))
    hrefs = [a.get("href") for a in root.iter(f"{SVG}a")]
    links = [p["link"] for p in data["parts"]]
    assert len(hrefs) >= len(links)
    for link in links:
        path, _, anchor = link.partition("#")
        page = (path[:-3] + "/").replace("/index/", "/").removesuffix("index/")
        if lang == "fr":  # French addresses: section names, then a page's own slug
            slug = catalogue.slugs.get("fr", {}).get(page.rstrip("/"))
            page = at("fr/", page).removeprefix("fr/")
            if slug:
                page = page.rstrip("/").rpartition("/")[0] + "/" + slug + "/" if "/" in page.rstrip("/") else slug + "/"
        expected = "../" + page + (f"#{anchor}" if anchor else "")
        assert expected in hrefs


def test_print_friendly(catalogue):
    for drawing in IDS:
        markup, root = _svg(catalogue, drawing, "en")
        background = root.find(f"{SVG}rect")
        assert background.get("fill").lower() == "#ffffff"
        assert "@media print" in markup


# -- wrapping and typography ---------------------------------------------------------


def test_wrap_keeps_lines_within_the_width():
    text = "Mise en œuvre complète : utiliser la pratique avec habileté et de façon courante"
    for width in (120, 160, 250):
        lines = wrap_text(text, width, 14)
        assert " ".join(lines) == text
        assert all(text_width(line, 14) <= width for line in lines)
        assert len(lines) > 1


def test_wrap_breaks_a_long_hyphenated_word_after_its_hyphen():
    lines = wrap_text("Leadership capacity-building", 120, 15, bold=True)
    assert lines == ["Leadership", "capacity-", "building"]


def test_wrap_reports_a_word_that_cannot_fit():
    with pytest.raises(TooLong):
        wrap_text("intersectoriellement", 60, 14)


def test_french_typography_uses_no_break_spaces():
    assert (
        french_text("À chaque étape : « oui » ; non ?") == "À chaque étape\u00a0: «\u00a0oui\u00a0»\u202f; non\u202f?"
    )
    lines = wrap_text(french_text("Étape 1 : exploration"), 100, 14)
    assert lines[0].endswith("\u00a0:")
    assert all(not line.startswith(":") for line in lines)


def test_french_drawing_text_gets_the_pages_typography():
    # The same rules as the French pages: a space is added where the source has none.
    assert (
        text_in({"en": "Stage 1: x", "fr": "Étape 1: x ; 50 % «oui»!"}, "fr")
        == "Étape 1\u00a0: x\u202f; 50\u00a0% «\u00a0oui\u00a0»\u202f!"
    )
    assert text_in({"en": "Stage 1: x"}, "fr") == "Stage 1: x"  # English shown in French keeps its punctuation


def test_widths_are_conservative_for_wide_letters():
    # DejaVu Sans (the widest font of the stack) advances: m 0.974 em, W 0.989 em, i 0.278 em.
    assert text_width("m", 100) >= 97.4
    assert text_width("W", 100) >= 98.9
    assert text_width("mW", 100, bold=True) >= 1.04 * 100 + 1.11 * 100 - 10


# -- validation of definitions -----------------------------------------------------


def _project(tmp_path, definition: str, pages: dict | None = None):
    (tmp_path / "data" / "infographics").mkdir(parents=True)
    (tmp_path / "data" / "infographics" / "bad.yml").write_text(definition, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in (pages or {}).items():
        (docs / name).write_text(text, encoding="utf-8")
    return load_infographics(tmp_path / "data" / "infographics", tmp_path, docs, {}, None)


GOOD_PARTS = """\
parts:
  - id: one
    link: page.md#one
    label: {en: One, fr: Un}
  - id: two
    label: {en: Two, fr: Deux}
"""


def test_valid_definition_loads(tmp_path):
    infographics, problems = _project(
        tmp_path,
        "layout: tiles\ntitle: {en: T, fr: T}\nsummary: {en: S, fr: S}\n"
        + GOOD_PARTS.replace("  - id: one\n", "  - id: one\n    letter: O\n").replace(
            "  - id: two\n", "  - id: two\n    letter: T\n"
        ),
        {"page.md": "# Page\n\n## One { #one }\n"},
    )
    assert [str(p) for p in problems if p.is_error] == []
    assert list(infographics) == ["bad"]


@pytest.mark.parametrize(
    "definition,pages,expected",
    [
        (
            "layout: wheel\ntitle: {en: T}\nsummary: {en: S}\n" + GOOD_PARTS,
            {},
            "data/infographics/bad.yml:1:9: layout: unknown layout 'wheel'",
        ),
        (
            "layout: pyramid\ntitle: {en: T, fr: T}\nsummary: {en: S, fr: S}\n" + GOOD_PARTS,
            {},
            "data/infographics/bad.yml:6:11: parts[0].link: no page 'page.md'",
        ),
        (
            "layout: pyramid\ntitle: {en: T, fr: T}\nsummary: {en: S, fr: S}\n" + GOOD_PARTS,
            {"page.md": "# Page\n"},
            "data/infographics/bad.yml:6:11: parts[0].link: docs/page.md has no heading with the anchor { #one }",
        ),
        (
            "layout: pyramid\ntitle: {en: T, fr: T}\nsummary: {en: S, fr: S}\n"
            + GOOD_PARTS.replace("label: {en: Two, fr: Deux}", 'label: {en: Two, fr: Deux}\n    fill: "#777777"'),
            {"page.md": "## One { #one }\n"},
            "data/infographics/bad.yml:10:11: parts[1].fill: the text colour #1a1a1a on #777777 has a contrast of",
        ),
        (
            "layout: pyramid\ntitle: {en: T, fr: T}\nsummary: {en: S, fr: S}\n"
            + GOOD_PARTS.replace("fr: Deux", "fr: " + "Deuxièmement" * 15),
            {"page.md": "## One { #one }\n"},
            "data/infographics/bad.yml:9:12: parts[1].label: in fr: the word 'DeuxièmementDeuxièmement",
        ),
    ],
)
def test_bad_definitions_are_reported_with_file_line_and_field(tmp_path, definition, pages, expected):
    _, problems = _project(tmp_path, definition, pages)
    messages = [str(p) for p in problems if p.is_error]
    assert any(m.startswith(expected) for m in messages), messages
