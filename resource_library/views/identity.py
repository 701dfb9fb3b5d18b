"""What every page shows of the site itself: the crisis banner, the footer, the home page's ways in.

Everything comes from the data (``data/site.yml`` for the organisation and the crisis
services, ``data/interface.yml`` for the words, the vocabularies for the home page's
entry points); every URL is made with :func:`~resource_library.views.site.page_url`
and :func:`~resource_library.views.site.relative`.  The values are plain text: the
templates (``overrides/main.html`` and its partials) escape them.

The date a page last changed (:func:`last_changed_dates`) is reproducible: for a
hand-written page, the date of the last commit that changed its file (``git log``);
for a resource page, the record's ``updated`` date (else ``published``); for the other
generated pages, the date of the last commit that changed ``data/``.  Outside a git
repository (or without git) hand-written and generated pages show no date.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from resource_library.load.site import SiteInfo
from resource_library.search.facets import facet_options
from resource_library.text.fallback import text_in
from resource_library.views.site import Strings, page_url, relative

#: Hand-written pages the footer links to when ``docs/`` has them: (path under docs/, interface word).
FOOTER_PAGES = (("contact.md", "contact"), ("accessibility.md", "accessibility_title"), ("privacy.md", "privacy_title"))
#: The home page's ways into the library: (URL parameter of the library page, interface word of the heading).
HOME_FACETS = (("audience", "home_by_audience"), ("tier", "home_by_tier"))


def md_url(path: str) -> str:
    """The directory URL of a page under ``docs/`` (``about.md`` → ``about/``, ``index.md`` → ``""``)."""
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    return (stem[: -len("/index")] if stem.endswith("/index") else stem) + "/"


def crisis_banner(site: SiteInfo, t: Strings) -> dict | None:
    """The banner's heading and, for each service, its name and its ``tel:``/``sms:`` links."""
    crisis = site.crisis
    if crisis is None:
        return None
    lines = []
    for line in crisis.lines:
        links = []
        if line.call:
            links.append({"href": f"tel:{line.dialled(line.call)}", "text": t("crisis_call", number=line.call)})
        if line.text:
            keyword = text_in(line.keyword, t.lang) if line.keyword else ""
            href = f"sms:{line.dialled(line.text)}" + (f"?body={keyword}" if keyword else "")
            text = (
                t("crisis_text_keyword", keyword=keyword, number=line.text)
                if keyword
                else t("crisis_text", number=line.text)
            )
            links.append({"href": href, "text": text})
        lines.append({"name": text_in(line.name, t.lang), "links": links})
    return {"title": text_in(crisis.title, t.lang), "lines": lines}


def footer(site: SiteInfo, t: Strings, lang: str, from_url: str, docs_dir: Path, date: str | None) -> dict:
    """The footer's reader links (organisation, contact, this site's pages) and the page's date."""
    pages = []
    for path, word in FOOTER_PAGES:
        if (docs_dir / path).is_file():
            pages.append({"key": path[:-3], "href": relative(from_url, page_url(lang, md_url(path))), "text": t(word)})
    email = site.email
    before, _, after = t("last_changed", date="\x00").partition("\x00") if date else ("", "", "")
    return {
        "organisation_label": t("footer_organisation"),
        "site_label": t("footer_site"),
        "name": site.publisher_name(lang),
        "url": site.publisher.get("url") or "",
        "email": email,
        "email_label": t("footer_email"),
        "contact": next((p for p in pages if p["key"] == "contact"), None),
        "pages": [p for p in pages if p["key"] != "contact"],
        "date": date or "",
        "date_before": before,
        "date_after": after,
    }


def logo(site: SiteInfo) -> str:
    """The logo's path under ``docs/`` (the site serves it at the same path), or ``""``."""
    return site.logo


def home(catalogue, t: Strings, lang: str, from_url: str) -> dict:
    """The home page's search form (a GET to the search page) and its ways into the library by facet."""
    library = relative(from_url, page_url(lang, "library/"))
    groups = []
    facets = {f["param"]: f for f in facet_options(catalogue, lang)}
    for param, word in HOME_FACETS:
        facet = facets.get(param)
        if facet is None:
            continue
        links = [
            {"href": f"{library}?{param}={option['id']}", "text": option["label"], "count": option["count"]}
            for option in facet["options"]
            if option["count"]
        ]
        if links:
            groups.append({"param": param, "title": t(word), "links": links})
    return {
        "search_action": relative(from_url, page_url(lang, "search/")),
        "search_label": t("home_search_label"),
        "search_button": t("home_search_button"),
        "library_href": library,
        "browse_all": t("home_browse_all"),
        "count_text": t.count(len(catalogue.records)),
        "groups": groups,
    }


def not_found(t: Strings, base: str, lang: str) -> dict:
    """The "page not found" texts in ``lang``, with links from the site's root path ``base`` (e.g. ``/``)."""
    return {
        "lang": lang,
        "title": t("not_found_title"),
        "text": t("not_found_text"),
        "links": [
            {"href": base + page_url(lang, ""), "text": t("not_found_home")},
            {"href": base + page_url(lang, "library/"), "text": t("not_found_library")},
        ],
    }


def last_changed_dates(root: Path, folders=("docs", "data"), timeout: float = 60) -> dict:
    """``{path relative to root: YYYY-MM-DD}``: the date of the last commit that changed each file.

    Also ``{"data/": date}``, the last commit that changed anything under ``data/``.
    One ``git log`` for the whole project; empty outside a repository or without git.
    """
    try:
        top = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if top.returncode != 0:
            return {}
        prefix = Path(root).resolve().relative_to(Path(top.stdout.strip()).resolve()).as_posix()
        result = subprocess.run(
            ["git", "-C", str(root), "log", "--format=@%cs", "--name-only", "--no-renames", "--", *folders],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0:
        return {}
    dates: dict = {}
    current = ""
    lead = "" if prefix in ("", ".") else prefix + "/"
    for line in result.stdout.splitlines():
        if line.startswith("@"):
            current = line[1:]
        elif line and current:
            path = line[len(lead) :] if lead and line.startswith(lead) else line
            dates.setdefault(path, current)  # newest first: the first date seen is the last change
            if path.startswith("data/"):
                dates.setdefault("data/", current)
    return dates
