"""Crawl every page of the built site, both languages, from its files (no browser).

Language: ``<html lang>`` of every page; every language-switcher link leads to an
existing page of the other language; the hreflang alternates in ``<head>`` are
the sitemap's.  Links: no broken internal link, anchor or asset; external links
are listed in ``test-artifacts/external-links.txt`` (never fetched).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from crawl import BASE, Site, check_links, is_internal, links_of, sitemap_alternates

LANGS = ("en", "fr")


@pytest.fixture(scope="module")
def site(shipped_site):
    crawled = Site.read(shipped_site.path)
    assert len(crawled.pages) > 50, sorted(crawled.pages)
    print(f"\ncrawling {len(crawled.pages)} pages of {shipped_site.path}")
    return crawled


def _content_pages(site):
    return [p for rel, p in site.pages.items() if not rel.endswith("404.html") and not p.moved]


def test_every_page_declares_its_language(site):
    wrong = [
        f"{rel}: lang={p.soup.html.get('lang')!r}"
        for rel, p in site.pages.items()
        if p.soup.html.get("lang") != p.lang_of_path
    ]
    assert not wrong, "\n".join(wrong)
    print(f"checked <html lang> of {len(site.pages)} pages")


def test_language_switcher_leads_to_the_other_language(site):
    problems = []
    for rel, page in site.pages.items():
        if page.moved:  # no header: it only sends readers on (test_addresses.py checks those pages)
            continue
        # The header links to the other language only (overrides/partials/header.html).
        switcher = {a["hreflang"]: a["href"] for a in page.soup.select(".md-header a.rl-lang-link[hreflang]")}
        if set(switcher) != set(LANGS) - {page.lang_of_path}:
            problems.append(f"{rel}: switcher languages {sorted(switcher)}")
            continue
        for lang, href in switcher.items():
            target, _ = site.target(_absolute(page, href))
            if target is None:
                problems.append(f"{rel}: switcher link to {lang} ({href}) leads to no page")
            elif site.pages[target].lang_of_path != lang or site.pages[target].soup.html.get("lang") != lang:
                problems.append(f"{rel}: switcher link to {lang} ({href}) leads to {target}, not a {lang} page")
            elif lang == page.lang_of_path and target != rel and not rel.endswith("404.html"):
                # (The 404 pages' switcher leads to each language's home page.)
                problems.append(f"{rel}: switcher link to its own language leads to {target}")
    assert not problems, "\n".join(problems)
    print(f"checked the language switcher of {len(site.pages)} pages")


def test_hreflang_alternates_agree_with_the_sitemap(site, shipped_site):
    sitemap = sitemap_alternates(shipped_site.path)
    problems = []
    pages = _content_pages(site)
    for page in pages:
        loc = urlsplit(page.url).path.lstrip("/")
        # No hreflang link in <head> (Material's script fetches sitemap.xml next to each):
        # the sitemap declares the counterparts, the same as the language switcher's links.
        if page.soup.head.select('link[rel="alternate"][hreflang]'):
            problems.append(f"{page.rel}: hreflang links in <head>")
        switcher = {
            a["hreflang"]: _path(_absolute(page, a["href"]))
            for a in page.soup.select("header a.rl-lang-link[hreflang]")
        }
        switcher[page.lang_of_path] = loc
        if loc not in sitemap:
            problems.append(f"{page.rel}: not in sitemap.xml")
        elif switcher != sitemap[loc]:
            problems.append(f"{page.rel}: language switcher {switcher} != sitemap {sitemap[loc]}")
    assert not problems, "\n".join(problems)
    assert set(sitemap) == {urlsplit(p.url).path.lstrip("/") for p in pages}
    print(f"checked the hreflang alternates of {len(pages)} pages against sitemap.xml")


def test_no_broken_link_anchor_or_asset(site, shipped_site, artifacts):
    broken, external, checked = check_links(site)
    report = artifacts / "external-links.txt"
    report.write_text("".join(f"{url}\n" for url in external), encoding="utf-8")
    print(
        f"checked {checked} internal links and assets in {len(site.pages)} pages; "
        f"{len(external)} external links listed in {report}"
    )
    assert not broken, "\n".join(broken)
    assert checked > 1000


def test_no_link_leads_to_a_former_address(site):
    """Pages link to the French addresses themselves, never through the pages left at former ones."""
    problems, checked = [], 0
    for rel, page in site.pages.items():
        if page.moved:
            continue
        for _kind, raw, url in links_of(page, site.site_url):
            if not is_internal(url):
                continue
            target, _ = site.target(url)
            checked += 1
            if target is not None and target.endswith(".html") and site.pages[target].moved:
                problems.append(f"{rel}: {raw!r} leads to the former address {target}")
    assert not problems, "\n".join(problems[:50])
    assert checked > 1000 and any(p.moved for p in site.pages.values())


def test_the_crawler_finds_what_it_looks_for(tmp_path):
    """On a three-page site with known faults, each one is reported (and nothing else)."""
    sitemap = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.org/</loc>'
        "</url></urlset>"
    )
    (tmp_path / "sitemap.xml").write_text(sitemap, encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<html lang="en"><head><link rel="stylesheet" href="missing.css"></head><body>'
        '<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="a/#gone">bad anchor</a> '
        '<a href="nowhere/">broken</a> <a href="https://outside.example/x">out</a> '
        '<a href="https://example.org/a/">canonical</a> <a href="javascript:void(0)">js</a>'
        '<img src="a/pic.png" alt=""></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text(
        '<html lang="en"><body><h2 id="here">x</h2></body></html>', encoding="utf-8"
    )
    broken, external, checked = check_links(Site.read(tmp_path))
    assert sorted(broken) == sorted(
        [
            "index.html: asset 'missing.css' leads to no file",
            "index.html: link 'a/#gone': no id 'gone' in a/index.html",
            "index.html: link 'nowhere/' leads to no file",
            "index.html: link 'javascript:void(0)' has scheme 'javascript'",
            "index.html: asset 'a/pic.png' leads to no file",
        ]
    )
    assert external == ["https://outside.example/x"]
    assert checked == 7


def _absolute(page, href: str) -> str:
    from urllib.parse import urljoin

    return urljoin(page.url, href)


def _path(url: str) -> str:
    return urlsplit(url).path.lstrip("/") if url.startswith(BASE) else url
