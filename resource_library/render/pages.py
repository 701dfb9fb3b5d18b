"""Render the per-language views into the pages MkDocs builds.

Templates live in the theme's ``overrides/library/`` folder (``*.html`` files, so
MkDocs does not copy them into the site) and are rendered by Jinja with
autoescaping on: every editor's text is escaped; only the Markdown texts
(``description`` and the like), which the validator has checked for raw HTML and
unsafe links, go to MkDocs unescaped.

A generated page is HTML with a few Markdown texts in it: the template calls
``markdown(text)`` where an editor's Markdown goes.  MkDocs is handed the front
matter (title, description) and those texts only, with placeholders for the HTML
around them (``blocks.py``), so Markdown converts the texts alone (with the
site's extensions, link checks and table of contents); the hook then puts the
HTML back (``hooks/page_assembly.py``).
"""

from __future__ import annotations

import json
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from resource_library.kept import KeptWork, files_of, key_of, table
from resource_library.load.pagepaths import TERM_PAGE_FOLDERS
from resource_library.load.signature import signature
from resource_library.model.record import LANGUAGES
from resource_library.render.blocks import insert_blocks, placeholder
from resource_library.render.opendata import Publication, counterpart_links, downloads, publish
from resource_library.render.structured import resource_head
from resource_library.search.assets import LUNR_DIR
from resource_library.search.facets import FACETS, facet_options, record_facets
from resource_library.text.fallback import pick
from resource_library.views.infographics import drawing_figure, gallery_items, infographic_view, pillars_drawing
from resource_library.views.opendata import DATA_PAGE, DATA_URL, FEED_SIZE, columns, other_language
from resource_library.views.search import SEARCH_PAGE, search_page_view
from resource_library.views.site import Card, SiteView, page_url, relative

#: Above this many records the library page lists each resource without its summary
#: (title, type, tiers, languages): with summaries a 5,000-record library page would
#: weigh over 2 MB of HTML (``scripts/bench``).  Summaries stay on resource and
#: pillar pages and in search.
LIBRARY_SUMMARIES_UP_TO = 2000


_TEXT = re.compile(r"<!-- rl-text (\d+) -->")


@dataclass(frozen=True)
class GeneratedPage:
    """One page to hand to MkDocs.

    Attributes:
        path: Language-neutral source path, e.g. ``library/x.md``; the French page
            is published under ``fr/`` by the i18n plugin's rules.
        content: The Markdown MkDocs converts (front matter included); HTML kept
            out of it is marked by placeholders (see ``blocks.py``).
        source: The file an editor changes to change this page (edit link).
        blocks: The HTML of the page, in order, that goes in place of the placeholders.
    """

    path: str
    content: str
    source: str | None = None
    blocks: tuple = ()

    def preview(self) -> str:
        """The page with its Markdown texts unconverted and its HTML in place (tests, scripts)."""
        return insert_blocks(self.content.split("\n---\n", 1)[-1], self.blocks)


def split_page(text: str, path: str, source: str | None, texts: list) -> GeneratedPage:
    """A rendered template (front matter, then HTML with ``<!-- rl-text N -->`` where
    ``texts[N]``, Markdown, goes) as a :class:`GeneratedPage`."""
    if not text.startswith("---\n"):
        raise ValueError(f"{path}: a generated page starts with front matter")
    end = text.index("\n---\n", 3) + len("\n---\n")
    front, html = text[:end], text[end:].lstrip("\n")
    pieces = _TEXT.split(html)  # HTML, text number, HTML, ...
    if [int(n) for n in pieces[1::2]] != list(range(len(texts))):
        raise ValueError(f"{path}: each Markdown text must have one place in the page, in order")
    blocks = tuple(pieces[0::2])
    parts = [placeholder(0)]
    for number, markdown in enumerate(texts, start=1):
        parts += [markdown.strip("\n"), placeholder(number)]
    return GeneratedPage(path, front + "\n" + "\n\n".join(parts) + "\n", source, blocks)


_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def _title_text(title: str) -> str:
    """A page title safe in the theme's text contexts and escaped once in its attributes.

    The theme writes titles unescaped as text (``<title>``, header, navigation) and
    escaped in attributes (``aria-label="Next: {{ title | e }}"``): escaping ``<``
    and ``>`` keeps them text; a plain ``&`` stays as it is, or the accessible
    names would read "&amp;" (only an ``&`` that would start a character reference
    is escaped).
    """
    return _ENTITY_LIKE.sub("&amp;", str(title)).replace("<", "&lt;").replace(">", "&gt;")


def _front_matter(
    title: str, description: str = "", search_exclude: bool = False, head: dict | None = None, hide: tuple = ()
) -> Markup:
    # JSON strings are valid YAML scalars. The description goes unescaped into an
    # attribute of the theme (<meta name="description" content="...">): escape it all.
    lines = ["---", f"title: {json.dumps(_title_text(title), ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(str(escape(description)), ensure_ascii=False)}")
    if search_exclude:
        # Material's site search skips the page: a French page whose text is all English,
        # or a list of pages that site search finds on their own.
        lines += ["search:", "  exclude: true"]
    if hide:
        # Material leaves out these parts of the page ("navigation", "toc").
        lines += ["hide:"] + [f"  - {part}" for part in hide]
    # What overrides/partials/library-head.html writes in <head> (render/structured.py),
    # as JSON (valid YAML); the template escapes it.
    for key, value in (head or {}).items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return Markup("\n".join(lines))


def _lang_attr(text, page_lang: str) -> Markup:
    """``lang="en"`` when a text is not in the page's language."""
    if text is not None and getattr(text, "lang", page_lang) != page_lang:
        return Markup(f' lang="{text.lang}"')
    return Markup("")


@jinja2.pass_context
def _markdown_text(context, text) -> Markup:
    """Where an editor's Markdown goes: a mark in the HTML, the text kept aside for Markdown."""
    texts = context["markdown_texts"]
    texts.append(str(getattr(text, "value", text)))
    return Markup(f"<!-- rl-text {len(texts) - 1} -->")


#: One Jinja environment per templates folder for the life of the process, so each
#: template is compiled once, not once per language pass and per ``mkdocs serve``
#: rebuild.  Jinja's own check of a template's file, at every ``get_template`` and so at
#: every ``{% include %}`` (one per card of a listing: tens of thousands of file reads of
#: its date per build), is replaced by one look at the folder per use of the environment
#: (:func:`_environment`): templates are compiled again when a file of it changed.
_ENVIRONMENTS: dict = {}


class PageMemo(KeptWork):
    """The pages of the last render of each language, by what they show (kept by the build).

    A page whose template is given the same things (its view: texts, labels, cards,
    links, pickled), with the same interface words and templates, is not rendered
    again: on ``mkdocs serve`` an edit renders the pages that show the record and
    reuses the others.  A resource page is reused without working out its view while the
    files it reads are the same (:meth:`Renderer.resource`), and a term page while the
    files of the records it lists are (:meth:`Renderer.terms`).  The cards' HTML is kept the same way (:class:`_Cards`): a page
    rendered again renders only the cards that changed.  Only what the last render
    used is kept.  A view that cannot be pickled is rendered every time.

    Two tables of :class:`~resource_library.kept.KeptWork` per language and templates
    folder: ``{page path: (view, page, its cards)}`` and ``{card: (card, HTML)}``.
    """

    def __init__(self) -> None:
        super().__init__()
        #: Pages rendered and reused by the last render (for the preview's log and the tests).
        self.rendered = 0
        self.reused = 0

    def start_render(self, templates: str, lang: str, key: bytes) -> tuple:
        """``(kept, now, cards kept, cards now)``: the last render's pages and cards when ``key``
        is the same, and the dicts to fill."""
        kept, now = self.start((lang, "pages", templates), key)
        kept_cards, cards = self.start((lang, "cards", templates), key)
        self.rendered = self.reused = 0
        return kept, now, kept_cards, cards

    def take_language(self, lang: str, changes: dict, rendered: int = 0, reused: int = 0) -> None:
        """Take in :meth:`language` of ``lang`` and the counts of a process forked from this one."""
        super().take_language(lang, changes)
        self.rendered, self.reused = rendered, reused


def _environment(templates_dir: Path) -> jinja2.Environment:
    return _templates(templates_dir)[0]


def _templates(templates_dir: Path) -> tuple:
    """``(environment, signature of the folder)``: the folder is walked once per use."""
    key = str(Path(templates_dir).resolve())
    env, seen = _ENVIRONMENTS.get(key, (None, None))
    now = signature(Path(key))
    if env is not None and now != seen:
        env.cache.clear()  # a template changed: every template is read and compiled again
        _ENVIRONMENTS[key] = (env, now)
    if env is None:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(key),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,
        )
        env.globals.update(front_matter=_front_matter, lang_attr=_lang_attr, pick=pick, markdown=_markdown_text)
        _ENVIRONMENTS[key] = (env, now)
    return env, now


#: The template of one resource's card in a listing (library, pillar and term pages).
CARD_TEMPLATE = "_card.html"


class _Cards:
    """Cards' HTML, each rendered once per render of a language (templates call ``card(c)``).

    A record's card is on the library page, its pillars' pages and the page of each of
    its terms, and is the same on every page at the same depth (its link is relative):
    1,000 records make some 12,000 cards per language, about 1,500 of them different.
    ``_card.html`` is given ``c``, ``t`` and ``lang`` only, so nothing else can make two
    equal cards differ.

    With a :class:`PageMemo`, ``kept`` holds the last render's cards and ``html`` this
    render's, ``{key: (key, HTML)}``: a card is taken from ``kept`` as a page uses it
    (:meth:`page`), and a page reused whole keeps its cards (:meth:`keep`).
    """

    def __init__(self, env: jinja2.Environment, kept: dict | None = None, html: dict | None = None) -> None:
        self.env = env
        self.template: jinja2.Template | None = None
        self.kept = {} if kept is None else kept
        self.html = {} if html is None else html

    def page(self, t, lang: str, used: list):
        """The ``card(c)`` function of a page of ``lang`` (its interface words ``t``); the keys
        of the cards the page shows go to ``used``."""

        def card(c: dict) -> Markup:
            try:
                key = (lang, pickle.dumps(c, protocol=pickle.HIGHEST_PROTOCOL))
            except (pickle.PicklingError, TypeError, AttributeError):
                key = None
            entry = (self.html.get(key) or self.kept.get(key)) if key is not None else None
            if entry is None:
                if self.template is None:
                    self.template = self.env.get_template(CARD_TEMPLATE)
                # Without its last line end, which the line that calls card(c) gives back.
                entry = (key, Markup(self.template.render(c=c, t=t, lang=lang).rstrip("\n")))
            if key is not None:
                key = entry[0]  # one key object for every page that shows the card
                self.html[key] = entry
                used.append(key)
            return entry[1]

        return card

    def keep(self, keys) -> None:
        """A page reused whole: its cards stay for the next render."""
        for key in keys:
            entry = self.html.get(key) or self.kept.get(key)
            if entry is not None:
                self.html[key] = entry


class Renderer:
    """Renders every generated page of one language."""

    def __init__(self, templates_dir: Path, memo: PageMemo | None = None, files: bytes | None = None):
        self.env, self.templates_signature = _templates(templates_dir)
        self.templates_dir = Path(templates_dir).resolve()
        self.memo = memo
        #: A digest of every file a resource page may read but the records' (None: not known).
        self.files = files
        self._kept: dict = {}
        self._now: dict | None = None
        self._cards = _Cards(self.env)

    def render_page(
        self, name: str, path: str, source: str | None, read: tuple | None = None, **context
    ) -> GeneratedPage:
        """Template ``name`` rendered as the page ``path`` (or the same page from the last render: see
        PageMemo); ``read``: what the page was made from, kept with it (:meth:`resource`)."""
        view = None
        if self._now is not None:
            try:  # the interface words (t) are in the memo's key
                shown = {k: v for k, v in context.items() if k != "t"}
                view = pickle.dumps((name, path, source, shown), protocol=pickle.HIGHEST_PROTOCOL)
            except (pickle.PicklingError, TypeError, AttributeError):
                view = None
            entry = self._kept.get(path)
            if view is not None and entry is not None and entry[0] == view:
                return self._reuse(path, entry)
        texts: list = []
        cards: list = []
        card = self._cards.page(context.get("t"), context.get("lang", ""), cards)
        text = self.env.get_template(name).render(markdown_texts=texts, card=card, **context)
        page = split_page(text, path, source, texts)
        if view is not None and self._now is not None and self.memo is not None:
            self._now[path] = (view, page, tuple(dict.fromkeys(cards)), read)
            self.memo.rendered += 1
        return page

    def _reuse(self, path: str, entry: tuple) -> GeneratedPage:
        """The page at ``path`` of the last render (its memo ``entry``), with its cards, for this one."""
        assert self._now is not None and self.memo is not None  # only with a memo
        self._now[path] = entry
        self._cards.keep(entry[2])
        self.memo.reused += 1
        return entry[1]

    def fragment(self, name: str, **context) -> str:
        """Template ``name`` rendered as a piece of HTML (no Markdown in it), without its last line end."""
        return self.env.get_template(name).render(**context).rstrip("\n")

    def pages(self, site: SiteView, publication: Publication) -> list:
        """Every generated page of ``site.lang``; ``publication``: the open data files they link to."""
        if self.memo is not None:
            key = key_of(self.templates_signature, site.t.table)
            self._kept, self._now, kept_cards, cards = self.memo.start_render(str(self.templates_dir), site.lang, key)
            self._cards = _Cards(self.env, kept_cards, cards)
            if self.files is not None:  # what a card reads but its record: labels, words, addresses
                site.card_views = table(self.memo, (site.lang, "card views"), self.files)
        out = [self.library(site, publication), self.data_page(site, publication)]
        out += [self.resource(site, record, publication) for record in site.catalogue.records.values()]
        out += self.pillars(site)
        out.append(self.infographics(site))
        out += self.terms(site)
        out += [self.program(site, program) for program in site.catalogue.programs.values()]
        out.append(self.search(site))
        return out

    def search(self, site: SiteView) -> GeneratedPage:
        """The search page: the whole site's results for ?q=, filtered by kind (site-search.js)."""
        view = search_page_view(site.t.table, site.lang)
        return self.render_page("search.html", SEARCH_PAGE, None, t=site.t, lang=site.lang, s=view)

    def library(self, site: SiteView, publication: Publication) -> GeneratedPage:
        url = page_url(site.lang, "library/")
        cards = sorted((site.card(r, url) for r in site.catalogue.records.values()), key=lambda c: (c["sort"], c["id"]))
        if len(cards) > LIBRARY_SUMMARIES_UP_TO:
            cards = [Card(c, summary=None, fingerprint=(*c.fingerprint, "without summary")) for c in cards]
        return self.render_page(
            "library.html",
            "library/index.md",
            "data/resources/",
            t=site.t,
            lang=site.lang,
            cards=cards,
            facets=_facets_with_pages(site, url),
            site_root=relative(url, ""),
            lunr_dir=LUNR_DIR,
            downloads=downloads(publication, url),
            data_href=relative(url, page_url(site.lang, DATA_URL)),
        )

    def terms(self, site: SiteView) -> list:
        """One page per vocabulary term (pillars aside): every resource with that term."""
        lang = site.lang
        library_url = page_url(lang, "library/")
        tagged: dict = {}
        for record in site.catalogue.records.values():
            for param, terms in record_facets(record).items():
                for term in terms:
                    tagged.setdefault((param, term), []).append(record)
        out = []
        for param, _field, vocab_id in FACETS:
            vocab = site.catalogue.vocabularies.get(vocab_id)
            folder = TERM_PAGE_FOLDERS.get(vocab_id)
            if vocab is None or folder is None:
                continue
            for term in vocab.terms.values():
                url = site.term_page(vocab_id, term.id)
                assert url is not None
                records = tagged.get((param, term.id), [])
                path = f"library/{folder}/{term.id}.md"
                # Under `mkdocs serve`: the last render's page while its records' files are the same.
                read = self._listing(records)
                kept = self._kept_by_read(path, read)
                if kept is not None:
                    out.append(kept)
                    continue
                cards = sorted((site.card(r, url) for r in records), key=lambda c: (c["sort"], c["id"]))
                label = pick(term.label, lang)
                assert label is not None  # a term's label has English text (required when loading)
                view = {
                    "label": label,
                    # As a page's title, a term starts with a capital ("anglais" → "Anglais").
                    "heading": label.value[:1].upper() + label.value[1:],
                    "definition": pick(term.definition, lang),
                    "vocabulary": pick(vocab.label, lang),
                    "library_href": relative(url, library_url),
                    "filter_href": f"{relative(url, library_url)}?{param}={term.id}",
                    "cards": cards,
                    "count": len(cards),
                }
                out.append(
                    self.render_page(
                        "term.html",
                        path,
                        vocab.source or "data/vocabularies.yml",
                        read,
                        t=site.t,
                        lang=lang,
                        term=view,
                    )
                )
        return out

    def data_page(self, site: SiteView, publication: Publication) -> GeneratedPage:
        """The Data page: the open data files, their terms of reuse, their fields."""
        lang, info = site.lang, site.catalogue.site
        url = page_url(lang, DATA_URL)
        fields: list = []
        for column in columns(site):  # one row per field; a field with a column per language has both headers
            if fields and fields[-1]["key"] == column.key and fields[-1]["meaning"] == column.meaning:
                fields[-1]["headers"].append(column.header)
            else:
                fields.append({"key": column.key, "headers": [column.header], "meaning": column.meaning})
        contact = site.docs_dir is not None and (site.docs_dir / "contact.md").is_file()
        example = next(iter(site.catalogue.records), "example")
        addresses = publication.addresses
        return self.render_page(
            "data.html",
            DATA_PAGE,
            info.source,
            t=site.t,
            lang=lang,
            files=downloads(publication, url),
            other=counterpart_links(publication, url),
            other_language=site.t.language(other_language(lang)),
            feed_count=min(FEED_SIZE, len(site.catalogue.records)),
            publisher=info.publisher_name(lang),
            licence={"name": info.licence_name(lang), "href": info.licence.url} if info.licence else None,
            contact_href=relative(url, page_url(lang, "contact/")) if contact else None,
            base=addresses.base,
            example=example,
            example_path=page_url(lang, f"library/{example}/"),
            fields=fields,
        )

    def resource(self, site: SiteView, record, publication: Publication) -> GeneratedPage:
        """The page of ``record``.

        Under ``mkdocs serve`` it is taken from the last render, without working out its view,
        while what it reads is the same (:meth:`_read_by`).
        """
        path = f"library/{record.id}.md"
        read = self._read_by(site, record)
        kept = self._kept_by_read(path, read)
        if kept is not None:
            return kept
        r = site.resource(record)
        r["infographic"] = infographic_view(site, record, r["url"])
        r["head"] = resource_head(site, record, publication.addresses)
        return self.render_page("resource.html", path, record.source, read, t=site.t, lang=site.lang, r=r)

    def _kept_by_read(self, path: str, read: tuple | None) -> GeneratedPage | None:
        """The page at ``path`` of the last render when it read the same (``read``, not None), else None."""
        entry = self._kept.get(path) if read is not None else None
        if entry is not None and entry[3] == read:
            return self._reuse(path, entry)
        return None

    def _listing(self, records) -> tuple | None:
        """What a page listing ``records`` (their cards) is made from, or None when it is not known:
        each record's file (its digest), and every other file of the project (:attr:`files`: labels,
        interface words, templates, vocabularies, addresses).  A card shows its record alone."""
        if self.files is None or self._now is None:
            return None
        listed = files_of(records)
        return None if listed is None else (listed, self.files)

    def _read_by(self, site: SiteView, record) -> tuple | None:
        """What the page of ``record`` is made from, or None when it is not known: the record's file
        (its digest) and path, its related records' files, and every other file of the project
        (:attr:`files`: labels, interface words, templates, the site's data, the files of
        ``docs/`` it links to).  An infographic's page also shows what other records say of the
        drawing (the PDF's date): it is not known here."""
        if self.files is None or self._now is None or not record.digest or record.type == "infographic":
            return None
        records = site.catalogue.records
        related = files_of(records[rid] for rid in record.related if rid in records)
        return None if related is None else (record.digest, record.source, related, self.files)

    def pillars(self, site: SiteView) -> list:
        vocab = site.catalogue.vocabularies.get("pillars")
        if vocab is None:
            return []
        index_url = page_url(site.lang, "pillars/")
        tagged: dict = {pid: [] for pid in vocab.terms}
        for record in site.catalogue.records.values():
            for pid in record.pillars:
                tagged.setdefault(pid, []).append(record)
        pillars = []
        total = len(vocab.terms)
        for number, term in enumerate(vocab.terms.values(), start=1):
            url = page_url(site.lang, f"pillars/{term.id}/")
            cards = sorted((site.card(r, url) for r in tagged[term.id]), key=lambda c: (c["sort"], c["id"]))
            pillars.append(
                {
                    "id": term.id,
                    "href": relative(index_url, url),
                    "title": pick(term.label, site.lang),
                    "summary": pick(term.definition, site.lang),
                    "description": pick(term.extra.get("description"), site.lang),
                    "aims": pick(term.extra.get("aims"), site.lang),
                    "count": len(cards),
                    "cards": cards,
                    "index_href": relative(url, index_url),
                    "number": number,
                    "total": total,
                }
            )
        note = pick(site.catalogue.pillars_note, site.lang)
        figure = None
        drawing = pillars_drawing(site.catalogue)
        if drawing is not None:
            figure = drawing_figure(site, drawing, index_url, "rl-pillars-figure")
            figure["record_href"] = next(
                (
                    relative(index_url, page_url(site.lang, f"library/{r.id}/"))
                    for r in site.catalogue.records.values()
                    if r.drawing == drawing.id
                ),
                None,
            )
        for i, pillar in enumerate(pillars):
            # Neighbours, for a "previous / next pillar" navigation on each pillar page.
            pillar["previous"] = (
                {"href": f"../{pillars[i - 1]['id']}/", "title": pillars[i - 1]["title"]} if i else None
            )
            pillar["next"] = (
                {"href": f"../{pillars[i + 1]['id']}/", "title": pillars[i + 1]["title"]}
                if i + 1 < len(pillars)
                else None
            )
        out = [
            self.render_page(
                "pillars.html",
                "pillars/index.md",
                "data/pillars.yml",
                t=site.t,
                lang=site.lang,
                pillars=pillars,
                note=note,
                figure=figure,
            )
        ]
        for pillar in pillars:
            out.append(
                self.render_page(
                    "pillar.html",
                    f"pillars/{pillar['id']}.md",
                    "data/pillars.yml",
                    t=site.t,
                    lang=site.lang,
                    p=pillar,
                    note=note,
                )
            )
        return out

    def infographics(self, site: SiteView) -> GeneratedPage:
        return self.render_page(
            "infographics.html",
            "infographics/index.md",
            "data/infographics/",
            t=site.t,
            lang=site.lang,
            items=gallery_items(site),
        )

    def program(self, site: SiteView, program) -> GeneratedPage:
        lang = site.lang
        view = {
            "title": pick(program.title, lang),
            "summary": pick(program.summary, lang),
            "description": pick(program.description, lang),
            "organisers": pick(program.organisers, lang),
            "key_dates": [{"date": d["date"], "label": pick(d["label"], lang)} for d in program.key_dates],
            "cohorts": program.cohorts,
            "contact": pick(program.contact, lang),
            "source_updated": program.source_updated,
        }
        return self.render_page(
            "program.html", f"programs/{program.id}.md", program.source, t=site.t, lang=lang, p=view
        )


def _facets_with_pages(site: SiteView, from_url: str) -> list:
    """The library page's facets, each option with the link to its term's page (``href``)."""
    vocab_of = {param: vocab_id for param, _field, vocab_id in FACETS}
    out = []
    for facet in facet_options(site.catalogue, site.lang):
        options = []
        for option in facet["options"]:
            url = site.term_page(vocab_of.get(facet["param"], ""), option["id"])
            options.append(dict(option, href=relative(from_url, url) if url else None))
        out.append(dict(facet, options=options))
    return out


def render_language(
    catalogue,
    strings: dict,
    lang: str,
    templates_dir: Path,
    docs_dir: Path,
    edit_url_base: str = "",
    site_url: str = "",
    publication: Publication | None = None,
    memo: PageMemo | None = None,
    files: bytes | None = None,
) -> list:
    """All generated pages of one language (the hooks' and scripts' entry point).

    ``publication``: the open data files of ``lang`` (made here from ``site_url`` when not given);
    ``memo``: the pages of the last render, reused where nothing they show changed (the build keeps one);
    ``files``: with ``memo``, a digest of every file of the project but the records, with the
    addresses of the site (resource pages are then reused by what they read: :meth:`Renderer.resource`).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    site = SiteView(catalogue, strings, lang, docs_dir, edit_url_base)
    if publication is None:
        publication = publish(catalogue, strings, lang, docs_dir, site_url)
    return Renderer(templates_dir, memo, files).pages(site, publication)
