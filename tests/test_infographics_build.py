"""Real builds: infographic pages, downloads, the gallery, pillar pages and resources markers."""

from __future__ import annotations

import posixpath
import re
import shutil
import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import ROOT, at, build, fixture_records, make_project, mkdocs

from resource_library.views.site import human_size

NAV = """nav:
  - Home: index.md
  - Strategic pillars: pillars/index.md
  - Infographics: infographics/index.md
  - Library: library/index.md
  - Tiers: tiers.md
"""

DRAWN = """\
id: pillars-drawing
type: infographic
title: {en: Pillars at a glance, fr: Les piliers en un coup d'œil}
summary: {en: The six pillars in one picture., fr: Les six piliers en une image.}
languages: [en, fr]
pillars: [leadership-and-capacity]
published: 2025-01-01
drawing: strategic-pillars
alt:
  en: Six columns under a roof, one per strategic pillar.
  fr: Six colonnes sous un toit, une par pilier stratégique.
"""

IMAGE = """\
id: poster
type: infographic
title: {en: A poster in English only, fr: Une affiche en anglais seulement}
summary: {en: A poster drawn by a designer., fr: Une affiche conçue par un graphiste.}
languages: [en]
tiers: [universal]
published: 2025-01-02
image:
  en: files/poster-en.png
alt:
  en: A green square with the words Hello schools.
  fr: Un carré vert portant les mots « Hello schools ».
"""

PDF = """\
id: pdf-poster
type: infographic
title: {en: A French PDF poster, fr: Une affiche PDF en français}
summary: {en: Printed in French., fr: Imprimée en français.}
languages: [fr]
published: 2025-01-04
image:
  fr: files/affiche.pdf
alt:
  en: A poster listing three tiers.
  fr: Une affiche qui énumère trois paliers.
"""
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

TAGGED = """\
id: equity-guide
type: guide
title: {en: Equity planning guide, fr: Guide de planification de l'équité}
summary: {en: Plan for equity., fr: Planifier l'équité.}
languages: [en, fr]
pillars: [equity-specific-populations]
published: 2025-01-03
"""


def _words(element) -> str:
    """The text of ``element`` with its spaces and line ends as single spaces (no-break spaces kept)."""
    return re.sub(r"[ \t\n]+", " ", element.get_text()).strip()


def png(width: int = 8, height: int = 6) -> bytes:
    """A small valid PNG (solid green), made here so the test needs no binary fixture."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x20\xa0\x40" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def project(
    tmp_path: Path, tagged: str = TAGGED, tiers_page: str = "# Tiers\n\n<!-- resources tier=universal -->\n"
) -> Path:
    records = fixture_records("full-record", "english-only", "offered-in-french")
    records.update(
        {"pillars-drawing.yml": DRAWN, "poster.yml": IMAGE, "equity-guide.yml": tagged, "pdf-poster.yml": PDF}
    )
    docs = {
        "index.md": "# Home\n",
        "fr/index.md": "# Accueil\n",
        "tiers.md": tiers_page,
        "fr/tiers.md": tiers_page.replace("# Tiers", "# Paliers"),
    }
    proj = make_project(tmp_path, records=records, docs=docs, nav=NAV)
    (proj / "data" / "infographics").mkdir()
    shutil.copy(ROOT / "data" / "infographics" / "strategic-pillars.yml", proj / "data" / "infographics")
    (proj / "docs" / "files").mkdir()
    (proj / "docs" / "files" / "poster-en.png").write_bytes(png())
    (proj / "docs" / "files" / "affiche.pdf").write_bytes(PDF_BYTES)
    return proj


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(project(tmp_path_factory.mktemp("infographics")))


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def target(site: Path, page_path: str, href: str) -> Path:
    """The file a relative link of the page ``page_path`` (a directory URL) leads to."""
    path = posixpath.normpath(posixpath.join(page_path, href.split("#")[0]))
    file = site / path
    return file / "index.html" if file.is_dir() else file


def test_pillar_page_lists_tagged_record_in_both_languages(site):
    for prefix, title in (("", "Equity planning guide"), ("fr/", "Guide de planification de l'équité")):
        cards = page(site, at(prefix, "pillars/equity-specific-populations")).select(".rl-cards > li")
        assert [c["data-id"] for c in cards] == ["equity-guide"]
        assert cards[0].a.get_text(strip=True) == title
        assert target(site, at(prefix, "pillars/equity-specific-populations"), cards[0].a["href"]).is_file()
        kicker = page(site, at(prefix, "pillars/equity-specific-populations")).select_one(".rl-kicker").get_text()
        assert ("Pillar 5 of 6" if not prefix else "Pilier 5 sur 6") in kicker


def test_untagged_record_disappears_from_the_pillar_page(tmp_path):
    site = build(project(tmp_path, tagged=TAGGED.replace("pillars: [equity-specific-populations]\n", "")))
    for prefix in ("", "fr/"):
        pillar = page(site, at(prefix, "pillars/equity-specific-populations"))
        assert pillar.select(".rl-cards > li") == []
        assert "equity-guide" not in str(pillar)
        assert (site / at(prefix, "library/equity-guide/index.html")).is_file()


def test_standalone_svg_per_language(site):
    for prefix, lang, title in (("", "en", "Strategic pillars"), ("fr/", "fr", "Piliers stratégiques")):
        root = ET.parse(site / at(prefix, "infographics/strategic-pillars.svg")).getroot()
        assert root.get("lang") == lang
        assert all(a.get("tabindex") is None for a in root.iter("{http://www.w3.org/2000/svg}a"))
        assert root.find("{http://www.w3.org/2000/svg}title").text == title
        # Part links lead to pages of the same language.
        for a in root.iter("{http://www.w3.org/2000/svg}a"):
            assert target(site, at(prefix, "infographics"), a.get("href")).is_file(), a.get("href")


def test_drawn_infographic_on_its_resource_page(site):
    for prefix, lang, download in (("", "en", "Download the infographic"), ("fr/", "fr", "Télécharger l'infographie")):
        path = at(prefix, "library/pillars-drawing")
        html = page(site, path)
        svg = html.select_one("figure svg[role=img]")
        # Inline, the drawing is in the page's language and holds no link (an image must
        # not contain controls): the parts' links are listed as text below it.
        assert svg.get("lang") is None and html.html["lang"] == lang
        assert svg.select("a") == [] and svg.select("style") == [] and svg.get("style") is None
        parts = html.select(".rl-infographic-parts a")
        assert len(parts) == 7  # the roof (all pillars) and the six pillars
        for a in parts:
            assert target(site, path, a["href"]).is_file(), a["href"]
        # One download per format, PNG, PDF and SVG, each with its size; the link's
        # name says what it downloads ("Download the infographic, PNG 120 KB").
        links = html.select("figure .rl-download a[download]")
        assert [a["hreflang"] for a in links] == [lang] * 3
        folder = site / at(prefix, "infographics")
        assert [target(site, path, a["href"]) for a in links] == [
            folder / f"strategic-pillars.{suffix}" for suffix in ("png", "pdf", "svg")
        ]
        for a, kind in zip(links, ("PNG", "PDF", "SVG")):
            file = target(site, path, a["href"])
            assert _words(a) == f"{download}, {kind} {human_size(file.stat().st_size, lang)}"
        assert (folder / "strategic-pillars.png").read_bytes().startswith(b"\x89PNG\r\n")
        assert (folder / "strategic-pillars.pdf").read_bytes().startswith(b"%PDF-")
        alt = html.select_one(".rl-text-version").get_text()
        assert alt == (
            "Six columns under a roof, one per strategic pillar."
            if lang == "en"
            else "Six colonnes sous un toit, une par pilier stratégique."
        )
        parts = [a["href"] for a in html.select(".rl-infographic-parts a")]
        assert len(parts) == 7 and all(target(site, path, h).is_file() for h in parts)


def test_image_infographic_with_fallback_to_the_other_language(site):
    english = page(site, "library/poster")
    img = english.select_one("figure img")
    assert target(site, "library/poster", img["src"]).read_bytes() == png()
    assert img["aria-describedby"] == english.select_one(".rl-text-version")["id"]
    assert english.select(".rl-infographic-view .rl-notice--fallback") == []
    assert english.select_one("figure .rl-link-meta").get_text() == "(in English)"
    link = english.select_one("figure .rl-download a[download]")
    assert _words(link) == f"Download the infographic, PNG {human_size(len(png()), 'en')}"

    french = page(site, "fr/bibliotheque/poster")
    img = french.select_one("figure img")
    assert img["lang"] == "en"
    assert target(site, "fr/bibliotheque/poster", img["src"]).read_bytes() == png()
    notice = french.select_one(".rl-infographic-view .rl-notice--fallback").get_text(strip=True)
    # French output gets a narrow no-break space before the semicolon.
    assert notice == "Cette infographie n'est pas offerte en français\u202f; elle est présentée en anglais."
    assert (
        french.select_one(".rl-text-version").get_text()
        == "Un carré vert portant les mots «\u00a0Hello schools\u00a0»."
    )
    assert french.select_one("figure .rl-link-meta").get_text() == "(en anglais)"
    link = french.select_one("figure .rl-download a[download]")
    assert _words(link) == f"Télécharger l'infographie, PNG {human_size(len(png()), 'fr')}"


def test_pdf_infographic_offers_its_file_and_text_version(site):
    english = page(site, "library/pdf-poster")
    assert english.select("figure img") == []
    notice = english.select_one(".rl-infographic-view .rl-notice--fallback").get_text(strip=True)
    assert notice == "This infographic is not available in English; it is shown in French."
    link = english.select_one("figure .rl-download a[download]")
    assert target(site, "library/pdf-poster", link["href"]).read_bytes() == PDF_BYTES
    assert link["hreflang"] == "fr"
    assert english.select_one("figure .rl-link-meta").get_text() == "(in French)"
    assert f"PDF {human_size(len(PDF_BYTES), 'en')}" in _words(link)
    assert english.select_one(".rl-text-version").get_text() == "A poster listing three tiers."
    french = page(site, "fr/bibliotheque/pdf-poster")
    assert french.select(".rl-infographic-view .rl-notice--fallback") == []


def test_gallery_in_both_languages(site):
    for prefix, heading in (("", "Infographics"), ("fr/", "Infographies")):
        gallery = page(site, at(prefix, "infographics"))
        assert gallery.h1.get_text() == heading
        items = gallery.select("li.rl-gallery__item")
        assert sorted(i["data-id"] for i in items) == ["pdf-poster", "pillars-drawing", "poster"]
        for item in items:
            thumb = item.select_one("img")
            if item["data-id"] == "pdf-poster":  # no picture to show: a labelled placeholder
                assert thumb is None and item.select_one(".rl-gallery__thumb--file").get_text() == "PDF"
                continue
            assert target(site, f"{prefix}infographics", thumb["src"]).is_file()
            # The thumbnail is a link to the page the title links to; for the keyboard and
            # screen readers the title is the one link (the picture adds nothing to it).
            title = item.select_one("h2 a")
            thumb_link = thumb.find_parent("a")
            assert thumb_link["href"] == title["href"]
            assert thumb_link["tabindex"] == "-1" and thumb_link["aria-hidden"] == "true" and thumb["alt"] == ""
            assert target(site, f"{prefix}infographics", title["href"]).is_file()
        nav = [a.get_text(strip=True) for a in gallery.select("nav.md-tabs a, nav.md-nav--primary a")]
        assert heading in nav


def test_pillars_overview_embeds_the_pillars_drawing(site):
    for prefix, lang in (("", "en"), ("fr/", "fr")):
        overview = page(site, at(prefix, "pillars"))
        svg = overview.select_one("#rl-pillars-figure svg")
        assert svg.get("lang") is None and overview.html["lang"] == lang
        assert svg.select("a") == []
        # Each pillar the drawing shows is linked from the list that follows it.
        assert len(overview.select("ol a[href]")) >= 6
        assert target(site, at(prefix, "pillars"), overview.select_one(".rl-figure-more a")["href"]) == site / at(
            prefix, "library/pillars-drawing/index.html"
        )


def test_marker_lists_matching_resources_in_the_page_language(site):
    for prefix, titles in (
        ("", ["A poster in English only", "Classroom check-ins for well-being"]),
        ("fr/", ["Bilans de bien-être en classe", "Une affiche en anglais seulement"]),
    ):
        links = page(site, f"{prefix}tiers").select(".rl-resources li a")
        assert [a.get_text() for a in links] == titles
        assert all(target(site, f"{prefix}tiers", a["href"]).is_file() for a in links)


def test_bad_marker_stops_the_build_naming_page_and_line(tmp_path):
    proj = project(tmp_path, tiers_page="# Tiers\n\nText.\n<!-- resources tier=universel -->\n")
    result = mkdocs(proj, "build", "--strict", "-d", str(proj / "site"))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert (
        "docs/tiers.md:4:1: resources marker: 'universel' is not a term of 'tiers' (did you mean 'universal'?)"
        in output
    )


def test_real_site_infographic_links_reach_existing_pages_and_anchors(tmp_path):
    """The shipped content: every link of every drawing, inline or downloaded, in both languages."""
    result = mkdocs(ROOT, "build", "--strict", "-d", str(tmp_path / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    checked = 0
    for prefix in ("", "fr/"):
        svgs = sorted((site / at(prefix, "infographics")).glob("*.svg"))
        assert len(svgs) == 5
        pages = [(at(prefix, "infographics"), ET.parse(svg).getroot()) for svg in svgs]
        for record in (
            "smh-assist-infographic",
            "strategic-pillars-infographic",
            "core-elements-infographic",
            "tiered-continuum-infographic",
            "implementation-stages-infographic",
        ):
            html = page(site, at(prefix, f"library/{record}"))
            # Inline drawings hold no link; their parts are linked from the list below them.
            pages.append(
                (at(prefix, f"library/{record}"), ET.fromstring(str(html.select_one(".rl-infographic-parts"))))
            )
        for base, root in pages:
            for a in root.iter():
                href = a.get("href")
                if not a.tag.endswith("a") or href is None:
                    continue
                file = target(site, base, href)
                assert file.is_file(), (base, href)
                # Not a page left at a former French address: the French drawings link to French addresses.
                assert "data-rl-moved=" not in file.read_text(encoding="utf-8", errors="replace"), (base, href)
                if "#" in href:
                    anchor = href.split("#")[1]
                    assert BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").find(id=anchor), (base, href)
                checked += 1
    assert checked > 100


def test_pillar_pages_link_to_their_neighbours(site):
    first = page(site, "pillars/leadership-and-capacity")
    assert first.select_one('a[rel="prev"]') is None
    nxt = first.select_one('a[rel="next"]')
    assert nxt.get_text() == "Evidence-based promotion and prevention"
    assert (
        target(site, "pillars/leadership-and-capacity", nxt["href"])
        == site / "pillars" / "evidence-based-programming" / "index.html"
    )
    last = page(site, "fr/piliers/systems-sustainability-scale-up")
    assert last.select_one('a[rel="next"]') is None
    assert last.select_one('a[rel="prev"]').get_text() == "Équité et populations particulières"
