"""What readers see of the translation state: notices, status page, glossary page.

The build hook (``hooks/translation.py``) is a thin adapter over
:class:`TranslationSite`: it asks for the generated pages of a language, for the
notice to put on a page, and for the French typography of French output.  This
module reads the project (pages, records, glossary, interface words) and never
writes to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape

from resource_library.kept import KeptWork, key_of, table
from resource_library.load.glossary import load_glossary
from resource_library.load.interface import load_interface
from resource_library.load.signature import signature
from resource_library.render.pages import Renderer
from resource_library.text.fallback import text_in
from resource_library.text.typography import french_text
from resource_library.translation.status import COMPLETE, MISSING, OUTDATED, Item, Report, french_date, project_status
from resource_library.views.site import Strings, page_url, relative, sort_key

STATUS_PAGE = "translation-status.md"
GLOSSARY_PAGE = "glossary.md"
_H1_END = re.compile(r"</h1\s*>", re.I)


def md_url(path: str) -> str:
    """Site URL of a Markdown page with directory URLs: ``about.md`` → ``about/``."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def insert_after_title(html: str, fragment: str) -> str:
    """``fragment`` placed right after the first ``</h1>`` (or at the top when there is none)."""
    match = _H1_END.search(html)
    if match is None:
        return fragment + html
    return html[: match.end()] + "\n" + fragment + html[match.end() :]


@dataclass
class _State:
    key: tuple
    report: Report
    terms: list
    strings: dict
    #: ``{("pages" | "records", key): Item}``, the first item of each key (pages ask per page).
    items: dict = field(default_factory=dict)

    def __post_init__(self):
        for kind, items in (("pages", self.report.pages), ("records", self.report.records)):
            for item in items:
                self.items.setdefault((kind, item.key), item)


class TranslationSite:
    """Translation state of one project, reloaded when its files change."""

    def __init__(self, root: Path | str, docs_dir: Path | None = None, templates_dir: Path | None = None):
        self.root = Path(root).resolve()
        self.docs_dir = Path(docs_dir) if docs_dir else self.root / "docs"
        self.templates_dir = Path(templates_dir) if templates_dir else self.root / "overrides" / "library"
        self._state: _State | None = None

    # -- loading -----------------------------------------------------------------
    def refresh(self, key: tuple | None = None) -> list:
        """Reload if a file under ``data/`` or ``docs/`` changed; returns the glossary's problems.

        ``key`` is the walk of those folders (:func:`resource_library.build.signature`)
        when the caller already made it for this pass.
        """
        if key is None:
            key = signature(self.root / "data", self.docs_dir)
        if self._state is not None and self._state.key == key:
            self._state.key = key  # this pass's walk: the next calls find it by identity
            return []
        docs = self.docs_dir.relative_to(self.root).as_posix() if self.docs_dir.is_relative_to(self.root) else "docs"
        terms, problems = load_glossary(self.root / "data" / "glossary.yml", "data/glossary.yml")
        strings, _ = load_interface(self.root / "data" / "interface.yml", "data/interface.yml")
        report = project_status(self.root, docs)
        self._state = _State(key, report, terms, strings)
        return [p for p in problems if p.is_error]

    def _loaded(self) -> _State:
        if self._state is None:
            self.refresh()
        assert self._state is not None  # refresh always leaves a state
        return self._state

    @property
    def report(self) -> Report:
        return self._loaded().report

    def strings(self, lang: str) -> Strings:
        return Strings(self._loaded().strings, lang)

    # -- notices -------------------------------------------------------------------
    def page_item(self, rel: str) -> Item | None:
        return self._loaded().items.get(("pages", rel))

    def record_item(self, rid: str) -> Item | None:
        return self._loaded().items.get(("records", rid))

    def outdated_notice(self, item: Item | None, lang: str, from_url: str, english_url: str) -> str:
        """The notice of an outdated translation, or '' when the item is not outdated."""
        if item is None or item.state != OUTDATED:
            return ""
        t = self.strings(lang)
        show = french_date if lang == "fr" else str
        if item.synced and item.changed and item.changed > item.synced:
            text = t("outdated_notice_changed", date=show(item.synced), changed=show(item.changed))
        elif item.synced:
            text = t("outdated_notice", date=show(item.synced))
        else:
            text = t("outdated_notice_unsynced")
        href = relative(from_url, english_url)
        # Material styles admonitions without any extra stylesheet.
        return str(
            Markup(
                '<div class="admonition warning rl-notice rl-notice--outdated" role="note">'
                '<p>{} <a href="{}" hreflang="en">{}</a>.</p></div>\n'
            ).format(text, href, t("read_current_english"))
        )

    def page_outdated_notice(self, rel: str, lang: str) -> str:
        """Notice for the ``lang`` version of the hand-written page ``docs/<rel>``."""
        url = md_url(rel)
        return self.outdated_notice(self.page_item(rel), lang, page_url(lang, url), url)

    def record_outdated_notice(self, rid: str, lang: str) -> str:
        url = f"library/{rid}/"
        return self.outdated_notice(self.record_item(rid), lang, page_url(lang, url), url)

    def untranslated(self, content: str, lang: str) -> str:
        """An English page's content shown on the ``lang`` site: notice, then the text marked English."""
        t = self.strings(lang)
        notice = Markup(
            '<div class="admonition info rl-notice rl-notice--untranslated" role="note"><p>{}</p></div>\n'
        ).format(t("untranslated_page_notice"))
        return f'{notice}<div class="rl-untranslated" lang="en">\n{content}\n</div>'

    def switcher_note(self, target_lang: str, language_name: str) -> str:
        """What the language switcher says of a page not translated into ``target_lang``, as HTML.

        The theme's templates do not escape what they write: the words are escaped here.
        """
        text = self.strings(target_lang)("switcher_not_translated", language=language_name)
        return escape(french_text(text) if target_lang == "fr" else text)

    def footer_links(self, lang: str, from_url: str) -> dict:
        """The footer's links to the glossary and the translation status page (texts escaped: see above)."""
        t = self.strings(lang)
        return {
            "label": escape(t("footer_links")),
            "links": [
                {
                    "href": relative(from_url, page_url(lang, md_url(GLOSSARY_PAGE))),
                    "title": escape(t("glossary_title")),
                },
                {
                    "href": relative(from_url, page_url(lang, md_url(STATUS_PAGE))),
                    "title": escape(t("translation_status_title")),
                },
            ],
        }

    # -- generated pages -----------------------------------------------------------
    def pages(self, lang: str, edit_url_base: str = "", kept: KeptWork | None = None, files: bytes = b"") -> list:
        """The translation status page and the glossary page of ``lang``.

        ``kept``: keep each page for the next build, and take the last build's while what it
        shows is the same (``mkdocs serve``: at 5,000 records the status page is 2.7 MB of HTML);
        ``files``: a digest of the files the pages are also made from (templates, interface words).
        """
        renderer = Renderer(self.templates_dir)
        t = self.strings(lang)
        memo = table(kept, (lang, "translation pages"), key_of(edit_url_base, files))
        status, terms = self._status_view(lang, edit_url_base), self._glossary_view(lang)
        return [
            memo.use(
                "status",
                key_of(status) if memo.keeping else None,
                lambda: renderer.render_page(
                    "translation-status.html", STATUS_PAGE, "data/translations/", t=t, lang=lang, **status
                ),
            ),
            memo.use(
                "glossary",
                key_of(terms) if memo.keeping else None,
                lambda: renderer.render_page(
                    "glossary.html", GLOSSARY_PAGE, "data/glossary.yml", t=t, lang=lang, terms=terms
                ),
            ),
        ]

    def _status_view(self, lang: str, edit_url_base: str) -> dict:
        t = self.strings(lang)
        report = self.report
        here = page_url(lang, md_url(STATUS_PAGE))
        base = edit_url_base.rstrip("/")
        show = french_date if lang == "fr" else str

        def section(key, items):
            counts = report.counts(key)
            rows = []
            for item in items:
                if item.state == COMPLETE:
                    continue
                if key == "pages":
                    url = md_url(item.key)
                    target_url = page_url("fr", url) if item.state == OUTDATED else url
                    label = item.target if item.state == OUTDATED else item.source
                else:
                    target_url, label = page_url("fr", f"library/{item.key}/"), item.key
                notes = []
                if item.state == OUTDATED:
                    notes.append(
                        t("status_synced_on", date=show(item.synced)) if item.synced else t("status_never_synced")
                    )
                names = [f.name for f in item.fields if f.state == item.state]
                if names and key == "records":
                    notes.append(t("status_fields", fields=", ".join(names)))
                rows.append(
                    {
                        "state": item.state,
                        "label": label,
                        "href": relative(here, target_url),
                        "file": item.target,
                        "edit_href": f"{base}/{item.target}" if base else None,
                        "note": "; ".join(notes),
                    }
                )
            return _section_view(t, key, counts, rows)

        texts_counts = {COMPLETE: report.texts["complete"], OUTDATED: 0, MISSING: len(report.texts["missing"])}
        texts_counts["total"] = texts_counts[COMPLETE] + texts_counts[MISSING]
        texts_rows = [
            {
                "state": MISSING,
                "label": f"{m['path']}:{m['line']}",
                "href": None,
                "file": m["path"],
                "edit_href": f"{base}/{m['path']}" if base else None,
                "note": m["field"],
            }
            for m in report.texts["missing"]
        ]
        return {
            "sections": [
                section("pages", report.pages),
                section("records", report.records),
                _section_view(t, "texts", texts_counts, texts_rows),
            ],
            "warnings": [str(w) for w in report.warnings],
        }

    def _glossary_view(self, lang: str) -> list:
        other = "fr" if lang == "en" else "en"
        out = []
        for term in self._state.terms if self._state else []:
            out.append(
                {
                    "id": term.id,
                    "own": {"lang": lang, "text": term.fr if lang == "fr" else term.en},
                    "other": {"lang": other, "text": term.en if lang == "fr" else term.fr},
                    "definition": text_in(term.definition, lang),
                    "accepted": list(term.accepted),
                    "not_preferred": list(term.not_preferred),
                    "note": term.note.get(lang) if term.note else None,
                }
            )
        out.sort(key=lambda e: sort_key(e["own"]["text"]))
        return out


def _section_view(t: Strings, key: str, counts: dict, rows: list) -> dict:
    total = counts["total"]
    percent = round(100 * counts[COMPLETE] / total) if total else 100
    return {
        "key": key,
        "label": t(f"status_{key}"),
        "complete": counts[COMPLETE],
        "outdated": counts[OUTDATED],
        "missing": counts[MISSING],
        "total": total,
        "percent": percent,
        "percent_text": t("status_percent", percent=percent),
        "outdated_rows": [r for r in rows if r["state"] == OUTDATED],
        "missing_rows": [r for r in rows if r["state"] == MISSING],
    }


__all__ = ["GLOSSARY_PAGE", "STATUS_PAGE", "TranslationSite", "insert_after_title", "md_url"]
