"""The one object a build holds: every cache, and the state of the page being assembled.

MkDocs (with static-i18n) runs every hook event once per language, and ``mkdocs
serve`` keeps the process alive across rebuilds.  A :class:`Build` belongs to one
project (its root and ``docs/`` folder) and lives as long as the process:

- :meth:`Build.begin_pass` walks ``data/`` and ``docs/`` once per language pass
  (names, sizes, modification times); the content and the translation state are
  loaded and validated again only when that walk differs from the last one;
- each language's pages, and its open data files and feed (``render/opendata.py``),
  are made once per version of the content; when the process builds again (``mkdocs
  serve``) a page whose view did not change since the last render is not rendered
  again, nor a record's lines of the open data files (:attr:`Build.kept`);
- :attr:`Build.held` keeps the HTML kept out of Markdown until the page that
  carries its placeholders has been converted (``render/blocks.py``);
- :attr:`Build.not_found` and :attr:`Build.home_alternates` carry what the
  "page not found" pages need from one pass to the next;
- :attr:`Build.known_scripts` holds the inline scripts the templates write, read
  once per language pass (``render/csp.py``).

The MkDocs adapter (``resource_library_mkdocs``) owns one :class:`Build` per
project and calls it from its event handlers; nothing here imports MkDocs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from resource_library.drawing import export
from resource_library.kept import key_of, table
from resource_library.load.catalogue import Catalogue, load_catalogue
from resource_library.load.files import check_files
from resource_library.load.glossary import load_glossary
from resource_library.load.interface import load_interface
from resource_library.load.links import link_problems
from resource_library.load.pagefiles import unreadable_pages
from resource_library.load.pagemarkers import marker_problems
from resource_library.load.pages import check_pages
from resource_library.load.problems import ContentError
from resource_library.load.signature import signature
from resource_library.load.yamlsource import files_unchanged, forget_missing_files
from resource_library.model import urls
from resource_library.model.record import DEFAULT_LANGUAGE
from resource_library.render.markers import expand_markers
from resource_library.render.opendata import Publication, publish
from resource_library.render.pages import PageMemo, render_language
from resource_library.render.redirects import moved_pages
from resource_library.text import typography
from resource_library.translation.site import TranslationSite
from resource_library.views.infographics import svg_files
from resource_library.views.opendata import site_links
from resource_library.views.site import Strings


@dataclass
class Content:
    catalogue: Catalogue
    strings: dict
    docs_dir: Path
    templates_dir: Path
    pages: dict = field(default_factory=dict)  # {(lang, edit_url_base, site_url): [GeneratedPage]}, files, publications


class TemplateCodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory across rebuilds (a changed template is compiled again).

    Jinja checks each template's source checksum before using the stored code.
    """

    def __init__(self) -> None:
        self._codes: dict = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._codes[bucket.key] = bucket.bytecode_to_string()


class PreviewState:
    """What the last complete preview build made, to know what the next one must make again.

    Filled by ``resource_library_mkdocs/preview.py`` during ``mkdocs serve --dirty``:
    the key of everything but the records, each generated page's fingerprint and the
    files written, per language.
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Forget everything: the next build is complete."""
        #: What every page's chrome depends on, as of the last complete build.
        self.global_key: tuple | None = None
        #: The hand-written pages' files as of the last complete build (for the log's reason).
        self.texts: tuple | None = None
        #: ``{lang: {src_uri: fingerprint}}`` of generated pages, last complete build.
        self.pages: dict = {}
        #: Output files of the last complete build.
        self.outputs: set = set()
        self.begin()

    def begin(self) -> None:
        """Start a build (every language pass): nothing gathered yet."""
        self.pending_key: tuple | None = None
        self.pending_texts: tuple | None = None
        self.pending_pages: dict = {}
        self.pending_outputs: set = set()
        #: ``{lang: (pages rendered, pages)}``.
        self.counts: dict = {}


class Build:
    """One project's build: its content, translation state and page assembly, kept across passes."""

    def __init__(self, root: Path, docs_dir: Path | None = None):
        self.root = Path(root)
        self.docs_dir = Path(docs_dir) if docs_dir else self.root / "docs"
        self.translations = TranslationSite(self.root, self.docs_dir.resolve(), self.root / "overrides" / "library")
        #: ``{src_uri: (file, blocks)}``: HTML kept out of Markdown in the pass being built.
        self.held: dict = {}
        #: ``{site_dir: bytes}``: the default language's "page not found" page, kept for the last pass.
        self.not_found: dict = {}
        #: The language switcher's entries to each language's home page, as first configured.
        self.home_alternates = None
        #: The pass's :class:`~resource_library.render.csp.KnownScripts`: the only inline scripts pages may carry.
        self.known_scripts = None
        #: ``{lang: {url: (title, sections, boost, fingerprint of the HTML read)}}``: pages as site search indexes them (search/site.py),
        #: kept across rebuilds (a preview renders only the pages that changed) ...
        self.search_pages: dict = {}
        #: ... and ``{lang: [url]}``: the pages of the pass, in order (the ones the search data holds).
        self.search_order: dict = {}
        #: The :class:`PreviewState` during ``mkdocs serve --dirty`` (``resource_library_mkdocs/preview.py``).
        self.preview: PreviewState | None = None
        #: ``{lang: (process id, folder)}``: language passes running in parallel (``resource_library_mkdocs/parallel.py``).
        self.parallel_passes: dict = {}
        #: Under ``mkdocs serve``: the garbage collection due once the server waits (a timer;
        #: ``resource_library_mkdocs/collector.py``).
        self.idle_collection = None
        #: Work of the last build reused where what it was made from is the same: each language's
        #: generated pages and cards (where what they show is the same), each record's lines of the
        #: open data files (``resource_library/kept.py``).
        self.kept = PageMemo()
        #: The theme's compiled templates, kept across the passes and rebuilds of the process.
        self.template_code = TemplateCodeCache()
        self._signature: tuple | None = None
        self._key: tuple | None = None
        self._content: Content | None = None
        self._exports_at_fork: frozenset = frozenset()
        #: In a process forked to build a language pass: the folder the pass writes to.
        self.pass_folder: Path | None = None

    def forked(self, folder: Path) -> None:
        """This process was just forked to build a language pass into ``folder``
        (``resource_library_mkdocs/parallel.py``)."""
        self._exports_at_fork = export.known_files()
        self.pass_folder = Path(folder)

    def pass_state(self, lang: str) -> dict:
        """What a language pass leaves for the next build of the process, to hand back when
        the pass ran in another process (after :meth:`forked`): the pages and other work kept
        for reuse, the sections search indexes, the drawings' files made and the French lines typeset."""
        kept = self.kept
        return {
            "search_pages": self.search_pages.get(lang),
            "search_order": self.search_order.get(lang),
            "kept": (kept.language(lang), kept.rendered, kept.reused),
            "exports": export.made_since(self._exports_at_fork),
            "typography": typography.learnt() if lang != DEFAULT_LANGUAGE else None,
        }

    def take_pass_state(self, lang: str, state: dict) -> None:
        """Take in :meth:`pass_state` of ``lang`` from the process that built it."""
        for name in ("search_pages", "search_order"):
            held = getattr(self, name)
            if state[name] is None:
                held.pop(lang, None)
            else:
                held[lang] = state[name]
        self.kept.take_language(lang, *state["kept"])
        export.keep(state["exports"])
        if state["typography"] is not None:
            typography.take_learnt(state["typography"])

    def begin_pass(self) -> None:
        """Start a language pass: walk ``data/`` and ``docs/`` once, forget the previous pass's pages."""
        # The library's templates too: editing one during ``mkdocs serve`` renders the pages again.
        self._signature = signature(self.root / "data", self.docs_dir, self.root / "overrides" / "library")
        self.held.clear()

    @property
    def files_signature(self) -> tuple:
        if self._signature is None:
            self.begin_pass()
        assert self._signature is not None  # begin_pass sets it
        return self._signature

    def translation_site(self) -> TranslationSite:
        """The translation state, reloaded when the files changed; raises :class:`ContentError` on glossary errors."""
        with files_unchanged(self.files_signature):
            errors = self.translations.refresh(self.files_signature)
        if errors:
            raise ContentError(errors, heading="errors in the glossary:")
        return self.translations

    def get(self) -> Content:
        """The validated content; raises :class:`ContentError` listing every error."""
        root, docs_dir = self.root, self.docs_dir
        key = (str(root), str(docs_dir), self.files_signature)
        if key == self._key and self._content is not None:
            # The same walk, kept as this pass's own: the page hooks' calls (several per page) then
            # find it by identity instead of comparing every file's entry again.
            self._key = key
            urls.install(self._content.catalogue.slugs)
            return self._content
        forget_missing_files()  # parsed files stay cached across rebuilds; deleted ones need not
        with files_unchanged(self.files_signature):
            return self._load(key)

    def _load(self, key: tuple) -> Content:
        root, docs_dir = self.root, self.docs_dir
        # Before MkDocs reads or copies anything under docs/: the same walk as `check` (cli/validate.py).
        files = check_files(root, root / "data", docs_dir)
        catalogue = load_catalogue(root)
        strings, problems = load_interface(root / "data" / "interface.yml", "data/interface.yml")
        # Every problem `check` reports (cli/validate.py::collect), so the build stops on all of them
        # at once, before MkDocs reads a page: unreadable pages, the glossary's, the page markers' and
        # the links' too.
        problems = problems + unreadable_pages(root, docs_dir) + check_pages(root, docs_dir)
        problems += marker_problems(root, catalogue, docs_dir)
        problems += load_glossary(root / "data" / "glossary.yml", "data/glossary.yml")[1]
        problems += link_problems(root, catalogue, docs_dir)
        catalogue.problems = sorted(set(catalogue.problems) | set(problems) | set(files), key=lambda p: p.sort_key())
        if catalogue.errors:
            self._key, self._content = None, None
            raise ContentError(catalogue.problems)
        urls.install(catalogue.slugs)  # records' and pages' own French addresses (model/urls.py)
        self._content = Content(catalogue, strings, docs_dir, root / "overrides" / "library")
        self._key = key
        return self._content

    def pages(self, lang: str, edit_url_base: str = "", site_url: str = "", reuse: bool = False) -> list:
        """Generated pages of ``lang`` for the content last loaded (``site_url``: the site's public address, if any).

        ``reuse``: keep the pages for the next render and reuse the last render's where what
        they show is the same (:attr:`kept`; for a process that builds again, as
        ``mkdocs serve`` does: a single build would only pay their memory).
        """
        if self._content is None:
            raise RuntimeError("Build.pages() called before get()")
        content = self._content
        cache_key = (lang, edit_url_base, site_url)
        if cache_key not in content.pages:
            content.pages[cache_key] = render_language(
                content.catalogue,
                content.strings,
                lang,
                content.templates_dir,
                content.docs_dir,
                edit_url_base,
                site_url=site_url,
                publication=self.publication(lang, site_url, reuse),
                memo=self.kept if reuse else None,
                files=self._other_files(edit_url_base, site_url) if reuse else None,
            )
        return content.pages[cache_key]

    def translation_pages(self, lang: str, edit_url_base: str = "", reuse: bool = False) -> list:
        """The translation status page and the glossary page of ``lang`` (``reuse``: as in :meth:`pages`)."""
        kept = self.kept if reuse else None
        return self.translations.pages(lang, edit_url_base, kept, self._other_files(edit_url_base) if reuse else b"")

    def _other_files(self, *settings) -> bytes:
        """A digest of every file of the walk but the records' (names, sizes, times), with ``settings``."""
        records = os.path.join(str(self.root / "data"), "resources") + os.sep
        return key_of(settings, [entry for entry in self.files_signature if not entry[0].startswith(records)])

    def publication(self, lang: str, site_url: str = "", reuse: bool = False) -> Publication:
        """The open data files and the feed of ``lang`` (addresses absolute under ``site_url`` when given;
        ``reuse``: as in :meth:`pages`, with :attr:`kept`)."""
        if self._content is None:
            raise RuntimeError("Build.publication() called before get()")
        key = ("publication", lang, site_url)
        if key not in self._content.pages:
            content = self._content
            kept = self.kept if reuse else None
            self._content.pages[key] = publish(
                content.catalogue, content.strings, lang, content.docs_dir, site_url, kept
            )
        return self._content.pages[key]

    def files(self, lang: str, site_url: str = "") -> list:
        """Files (not pages) of ``lang`` to publish: the standalone infographics, the open data files and the feed."""
        if self._content is None:
            raise RuntimeError("Build.files() called before get()")
        key = ("files", lang, site_url)
        if key not in self._content.pages:
            self._content.pages[key] = svg_files(self._content.catalogue, lang) + self.publication(lang, site_url).files
        return self._content.pages[key]

    def moved_pages(self, lang: str, moves, site_url: str = "", reuse: bool = False) -> list:
        """Pages at the former addresses ``moves`` (``[(old URL, URL now)]``) of ``lang`` (``render/redirects.py``;
        ``reuse``: as in :meth:`pages`)."""
        if self._content is None:
            raise RuntimeError("Build.moved_pages() called before get()")
        content = self._content
        kept = self.kept if reuse else None
        return moved_pages(content.templates_dir, content.strings, lang, moves, site_url, kept)

    def links(self, lang: str, from_url: str) -> dict:
        """The Data page and the feed of ``lang``, as linked from the page at ``from_url`` (head, footer)."""
        if self._content is None:
            raise RuntimeError("Build.links() called before get()")
        return site_links(Strings(self._content.strings, lang), lang, from_url)

    def expand_markers(
        self, markdown: str, lang: str, src_uri: str, shown_path: str, line_offset: int = 0, reuse: bool = False
    ) -> tuple:
        """A hand-written page's Markdown with placeholders for its markers, and their HTML (see markers.py);
        ``reuse``: as in :meth:`pages`, the page's resource lists are kept in :attr:`kept`."""
        if self._content is None:
            raise RuntimeError("Build.expand_markers() called before get()")
        neutral = src_uri[len(lang) + 1 :] if lang != DEFAULT_LANGUAGE and src_uri.startswith(f"{lang}/") else src_uri
        lists = table(self.kept, (lang, "resource lists", src_uri), self._other_files()) if reuse else None
        return expand_markers(
            markdown,
            self._content.catalogue,
            self._content.strings,
            lang,
            neutral,
            shown_path,
            line_offset,
            templates_dir=self._content.templates_dir,
            lists=lists,
        )
