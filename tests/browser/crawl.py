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
ASSET_ATTRS = (
    ("img", "src"),
    ("script", "src"),
    ("link", "href"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("iframe", "src"),
    ("object", "data"),
)


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

    @property
    def moved(self) -> bool:
        """A page left at a former French address, sending readers on (render/redirects.py)."""
        return self.soup.html is not None and self.soup.html.get("data-rl-moved") is not None

    @cached_property
    def ids(self) -> set:
        found = {el["id"] for el in self.soup.find_all(attrs={"id": True})}
        return found | {el["name"] for el in self.soup.find_all("a", attrs={"name": True})}


@dataclass
class Site:
    path: Path
    pages: dict = field(default_factory=dict)  # rel -> PageFile
    #: The public address the site was built for (``site_url``): links to it are internal.
    site_url: str = ""

    @classmethod
    def read(cls, path: Path) -> Site:
        site = cls(path)
        root = ET.parse(path / "sitemap.xml").getroot()
        locs = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
        site.site_url = min(locs, key=len)
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


def links_of(page: PageFile, site_url: str = ""):
    """``(kind, raw value, absolute URL)`` for every link and asset of the page.

    Absolute links to ``site_url`` (canonical addresses) are read as links into the site.
    """

    def absolute(raw):
        url = urljoin(page.url, raw)
        return BASE + url[len(site_url) :] if site_url and url.startswith(site_url) else url

    for a in page.soup.find_all("a", href=True):
        yield "link", a["href"], absolute(a["href"])
    for tag, attr in ASSET_ATTRS:
        for el in page.soup.find_all(tag, attrs={attr: True}):
            if tag == "link" and not set(el.get("rel", [])) & {
                "stylesheet",
                "icon",
                "preload",
                "manifest",
                "alternate",
                "canonical",
                "prev",
                "next",
            }:
                continue
            yield "asset", el[attr], absolute(el[attr])


def sitemap_alternates(site_path: Path) -> dict:
    """``{page path: {lang: page path}}`` from sitemap.xml (paths relative to the site root)."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(site_path / "sitemap.xml")
    out = {}
    for url in tree.getroot().findall("s:url", ns):
        loc = urlsplit(url.find("s:loc", ns).text).path.lstrip("/")
        out[loc] = {
            link.get("hreflang"): urlsplit(link.get("href")).path.lstrip("/") for link in url.findall("x:link", ns)
        }
    return out


def check_links(site: Site, tolerated: set = frozenset()):
    """``(broken, external, checked)``: problems found, external URLs, internal URLs checked.

    ``tolerated``: link values (as written) known to be missing and reported by the build.
    """
    broken, external, checked = [], set(), 0
    for rel, page in site.pages.items():
        for kind, raw, url in links_of(page, site.site_url):
            scheme = urlsplit(url).scheme
            if not is_internal(url):
                if scheme in ("http", "https"):
                    external.add(url)
                elif scheme not in ("mailto", "tel", "sms", "data"):
                    broken.append(f"{rel}: {kind} {raw!r} has scheme {scheme!r}")
                continue
            checked += 1
            target, fragment = site.target(url)
            if target is None:
                if raw not in tolerated:
                    broken.append(f"{rel}: {kind} {raw!r} leads to no file")
            elif fragment and target.endswith(".html") and fragment not in site.pages[target].ids:
                broken.append(f"{rel}: {kind} {raw!r}: no id {fragment!r} in {target}")
    return broken, sorted(external), checked
