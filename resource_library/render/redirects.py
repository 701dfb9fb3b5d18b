"""Pages left at the addresses the French site used before its French slugs.

A static host has no server redirects: each former address (``fr/library/x/``)
gets a small HTML page (``overrides/library/moved.html``) that opens the page's
address now (``fr/bibliotheque/x/``) with the query string and fragment the
reader came with (``assets/javascripts/moved.js``), refreshes to it without
JavaScript, and shows a link in both languages.  It asks search engines not to
index it (``noindex``) and names the new address as canonical; the sitemap never
lists it.  Which addresses moved is :func:`resource_library.model.urls.moved`.

A file that is not a page (``library.json``, a drawing's SVG) cannot redirect:
the build publishes it at its former address too (:func:`former_copies`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from resource_library.kept import KeptWork, key_of, table
from resource_library.model.record import LANGUAGES
from resource_library.model.urls import former_url, localized_url
from resource_library.render.pages import _environment, _templates
from resource_library.text.typography import french_text
from resource_library.views.site import Strings, relative

#: The script that carries the query string and fragment along (a file: see the module's docstring).
SCRIPT = "assets/javascripts/moved.js"
#: Published files that are public addresses of their own (linked, downloaded, shared): copied to
#: their former address.  The library's search data is fetched by its page only and is not.
COPIED_SUFFIXES = (".json", ".csv", ".svg")
_NOT_COPIED = ("search-index.json",)


@dataclass(frozen=True)
class MovedPage:
    """A page at a former address: ``path`` is the file to write (``fr/library/x/index.html``)."""

    path: str
    url: str
    target: str
    content: str


def moved_page(
    templates_dir: Path, strings: dict, lang: str, old_url: str, new_url: str, site_url: str = ""
) -> MovedPage:
    """The page at ``old_url`` (a directory URL of the ``lang`` site) sending readers to ``new_url``."""
    template = _environment(templates_dir).get_template("moved.html")
    return _moved_page(template, _texts(strings, lang), lang, old_url, new_url, site_url)


def _texts(strings: dict, lang: str) -> list:
    """What a moved page says, in ``lang`` first, then in the other languages."""
    texts = []
    for code in [lang] + [other for other in LANGUAGES if other != lang]:
        t = Strings(strings, code)
        entry = {"lang": code, "title": t("moved_title"), "text": t("moved_text"), "link": t("moved_link")}
        if code == "fr":
            entry = {key: french_text(value) if key != "lang" else value for key, value in entry.items()}
        texts.append(entry)
    return texts


def _moved_page(template, texts: list, lang: str, old_url: str, new_url: str, site_url: str) -> MovedPage:
    if not old_url.endswith("/") or not new_url.endswith("/") or old_url == new_url:
        raise ValueError(f"a moved page joins two different directory URLs, not {old_url!r} and {new_url!r}")
    target = relative(old_url, new_url)
    canonical = site_url.rstrip("/") + "/" + new_url if site_url else target
    html = template.render(
        lang=lang,
        target=target,
        canonical=canonical,
        script=relative(old_url, "") + SCRIPT,
        title=" – ".join(text["title"] for text in texts),
        texts=texts,
    )
    return MovedPage(old_url + "index.html", old_url, new_url, html.lstrip("\n"))


def moved_pages(
    templates_dir: Path, strings: dict, lang: str, moves, site_url: str = "", kept: KeptWork | None = None
) -> list:
    """A :class:`MovedPage` for each ``(old URL, new URL)`` of ``moves``, in address order;
    ``kept``: the build's, whose pages of the last build are taken while the template and the
    words are the same (every French record has one: 5,000 pages at 5,000 records)."""
    # The template and the texts are the same for every page: read and typeset once.
    env, templates = _templates(templates_dir)
    texts = _texts(strings, lang)
    pages = table(kept, (lang, "moved pages", site_url), key_of(templates, texts) if kept is not None else b"")
    template = env.get_template("moved.html")
    return [
        pages.use((old, new), True, _moved_page, template, texts, lang, old, new, site_url)
        for old, new in sorted(set(moves))
    ]


def former_copies(lang: str, paths) -> list:
    """``(former path, path now)`` of the published files (language-neutral ``paths``) that moved and are copied."""
    out = []
    for path in paths:
        name = path.rsplit("/", 1)[-1]
        if not path.endswith(COPIED_SUFFIXES) or name in _NOT_COPIED:
            continue
        old, new = former_url(lang, path), localized_url(lang, path)
        if old != new:
            out.append((old, new))
    return out


__all__ = ["COPIED_SUFFIXES", "SCRIPT", "MovedPage", "former_copies", "moved_page", "moved_pages"]
