"""Event handlers that give every page the site's identity: crisis banner, skip link, footer, home page.

- ``on_config``: the organisation's logo (``data/site.yml``) becomes the theme's logo.
- ``on_page_context``: ``rl_site`` for ``overrides/main.html`` and its partials: the
  crisis banner, the skip link's words, the footer (organisation, contact, this site's
  pages, the date the page last changed) and, on the home page, its search form and
  ways into the library (``resource_library/views/identity.py``).
- ``on_template_context``: the same for the "page not found" page, with links from the
  site's root path (a host serves it at any depth), in both languages.
- ``on_post_build``: once every language is built, French typography on the French
  text of the "page not found" pages (rendered outside the page events), and the
  sitemap of each other language
  (``fr/sitemap.xml``, its pages from the site's ``sitemap.xml``): Material's script
  fetches ``sitemap.xml`` next to each ``<link rel="alternate">`` of a page, the
  French feed's included (see ``overrides/main.html``).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

from resource_library.text.typography import french_html
from resource_library.views import identity
from resource_library.views.site import Strings
from resource_library_mkdocs import i18n
from resource_library_mkdocs.session import build_for, project_root

__all__ = ["on_config", "on_page_context", "on_post_build", "on_template_context"]


def on_config(config):
    build = build_for(config)
    logo = build.get().catalogue.site.logo
    if logo:
        config.theme["logo"] = logo
    return config


def _dates_for(config) -> dict:
    # Kept with the content, which is made again when a file of data/ or docs/ changes.
    content = build_for(config).get()
    key = ("last-changed-dates",)
    if key not in content.pages:
        content.pages[key] = identity.last_changed_dates(project_root(config))
    return content.pages[key]


def _page_date(page, config, lang: str, default: str) -> str | None:
    dates = _dates_for(config)
    if page.file.abs_src_path is not None:
        rel = Path(page.file.abs_src_path).resolve().relative_to(project_root(config).resolve()).as_posix()
        return dates.get(rel)
    src = PurePosixPath(page.file.src_uri)
    parts = src.parts[1:] if lang != default and src.parts[:1] == (lang,) else src.parts
    if len(parts) == 2 and parts[0] == "library":
        record = build_for(config).get().catalogue.records.get(PurePosixPath(parts[1]).stem)
        if record is not None:
            return record.last_changed
    return dates.get("data/")


def _common(config, lang: str) -> tuple:
    content = build_for(config).get()
    t = Strings(content.strings, lang)
    site = content.catalogue.site
    return content, t, site


@event_priority(-100)
def on_page_context(context, page, config, nav):
    lang = i18n.current_language(config)
    default, _ = i18n.languages(config)
    content, t, site = _common(config, lang)
    url = page.url
    neutral = page.file.src_uri[len(lang) + 1 :] if lang != default else page.file.src_uri
    footer = identity.footer(site, t, lang, url, content.docs_dir, _page_date(page, config, lang, default))
    home = identity.home(content.catalogue, t, lang, url) if neutral == "index.md" else None
    context["rl_site"] = _chrome(site, t, lang, footer, home)
    return context


def _chrome(site, t, lang: str, footer: dict, home) -> dict:
    """What every page's header and footer show (``rl_site`` in the templates)."""
    return {
        "lang": lang,
        "skip": t("skip_to_content"),
        "menu": t("menu_open"),
        "banner": identity.crisis_banner(site, t),
        "logo": site.logo,
        "footer": footer,
        "home": home,
    }


@event_priority(-300)
def on_template_context(context, template_name, config):
    # After not_found.py's handler: the 404 page, served by hosts at any address.
    if template_name != "404.html":
        return context
    lang = i18n.current_language(config)
    _default, languages = i18n.languages(config)
    content, t, site = _common(config, lang)
    base = urlsplit(config.site_url or "/").path or "/"
    base = base if base.endswith("/") else base + "/"
    ordered = [lang] + [other for other in languages if other != lang]
    footer = identity.footer(site, t, lang, "", content.docs_dir, None)
    for link in [footer["contact"], *footer["pages"]]:
        if link:
            link["href"] = base + link["href"].removeprefix("./")
    context["rl_site"] = dict(
        _chrome(site, t, lang, footer, None),
        not_found=[identity.not_found(Strings(content.strings, code), base, code) for code in ordered],
    )
    return context


def _typeset_not_found(site_dir: Path, default: str, languages: list) -> None:
    # The 404 pages are rendered outside the pages' events (no on_post_page): their French
    # text gets the French typography here, as every other page's does.
    for lang in languages:
        page = site_dir / ("404.html" if lang == default else f"{lang}/404.html")
        if page.is_file():
            html = page.read_text(encoding="utf-8")
            page.write_text(french_html(html, lang=lang), encoding="utf-8")


_URL = re.compile(r"\s*<url>.*?</url>", re.S)


@event_priority(-160)
def on_post_build(config):
    # After the i18n plugin has built every language (-100) and written the sitemap.
    if not i18n.all_languages_built(config):
        return
    default, languages = i18n.languages(config)
    site_dir = Path(config.site_dir)
    _typeset_not_found(site_dir, default, languages)
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")
    head, _, _ = text.partition("<url>")
    head = head.rstrip()
    base = urlsplit(config.site_url or "/").path or "/"
    base = base if base.endswith("/") else base + "/"

    def site_path(entry: str) -> str:
        loc = re.search(r"<loc>(.*?)</loc>", entry)
        path = urlsplit(loc.group(1) if loc else "").path
        return path[len(base) :] if path.startswith(base) else path.lstrip("/")

    for lang in languages:
        if lang == default:
            continue
        entries = [m.group(0) for m in _URL.finditer(text) if site_path(m.group(0)).startswith(f"{lang}/")]
        (site_dir / lang).mkdir(parents=True, exist_ok=True)
        (site_dir / lang / "sitemap.xml").write_text(head + "".join(entries) + "\n</urlset>\n", encoding="utf-8")
