"""Read a built site from its files: pages, links, anchors, language switcher, hreflang.

No browser: every HTML file is parsed with BeautifulSoup, each URL resolved the
way a browser resolves it against the page's address, and mapped back to a file.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

BASE = "http://site.invalid/"
ASSET_ATTRS = (("img", "src"), ("script", "src"), ("link", "href"), ("source", "src"), ("video", "src"),
               ("audio", "src"), ("iframe", "src"), ("object", "data"))


@dataclass
class PageFile:
    site: Path
    rel: str  # e.g. "fr/library/index.html"

    @property
    def url(self) -> str:
        """The address the page is served at (directory URLs)."""
        path = self.rel[: -len("index.html")] if self.rel.endswith("index.html") else self.rel
        if self.rel in ("404.html",) or self.rel.endswith("/404.html"):
            # Served for unknown addresses: its links are absolute (site root based).
            path = self.rel
        return BASE + path

    @property
    def lang_of_path(self) -> str:
        return "fr" if self.rel.startswith("fr/") else "en"

    @cached_property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup((self.site / self.rel).read_text(encoding="utf-8"), "html.parser")

    @cached_property
    def ids(self) -> set:
        found = {el["id"] for el in self.soup.find_all(attrs={"id": True})}
        return found | {el["name"] for el in self.soup.find_all("a", attrs={"name": True})}


@dataclass
class Site:
    path: Path
    pages: dict = field(default_factory=dict)  # rel -> PageFile

    @classmethod
    def read(cls, path: Path) -> "Site":
        site = cls(path)
        for file in sorted(path.rglob("*.html")):
            rel = file.relative_to(path).as_posix()
            site.pages[rel] = PageFile(path, rel)
        return site

    def target(self, url: str):
        """``(file relative path or None, fragment)`` for an absolute URL on the site."""
        parts = urlsplit(url)
        path = unquote(parts.path).lstrip("/")
        path = posixpath.normpath(path) if path else ""
        path = "" if path == "." else path
        candidates = [path, posixpath.join(path, "index.html")] if path else ["index.html"]
        for candidate in candidates:
            if (self.path / candidate).is_file():
                return candidate, parts.fragment
        return None, parts.fragment


def is_internal(url: str) -> bool:
    return url.startswith(BASE)


def links_of(page: PageFile):
    """``(kind, raw value, absolute URL)`` for every link and asset of the page."""
    for a in page.soup.find_all("a", href=True):
        yield "link", a["href"], urljoin(page.url, a["href"])
    for tag, attr in ASSET_ATTRS:
        for el in page.soup.find_all(tag, attrs={attr: True}):
            if tag == "link" and not set(el.get("rel", [])) & {"stylesheet", "icon", "preload", "manifest", "alternate", "canonical", "prev", "next"}:
                continue
            yield "asset", el[attr], urljoin(page.url, el[attr])


def sitemap_alternates(site_path: Path) -> dict:
    """``{page path: {lang: page path}}`` from sitemap.xml (paths relative to the site root)."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(site_path / "sitemap.xml")
    out = {}
    for url in tree.getroot().findall("s:url", ns):
        loc = urlsplit(url.find("s:loc", ns).text).path.lstrip("/")
        out[loc] = {link.get("hreflang"): urlsplit(link.get("href")).path.lstrip("/")
                    for link in url.findall("x:link", ns)}
    return out
