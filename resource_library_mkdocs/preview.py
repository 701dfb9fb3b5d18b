"""Fast previews: during ``mkdocs serve --dirty``, rebuild only the pages whose text changed.

What MkDocs 1.6 and mkdocs-static-i18n 1.3.1 give (read in their installed source;
``tests/test_preview.py`` is the regression test):

- ``mkdocs serve --dirty`` passes ``dirty=True`` to every build, the first one
  included (its site folder is a fresh temporary one, so that build is complete).
  In a dirty build MkDocs neither cleans the site folder nor reads, converts or
  renders a page whose ``File.is_modified()`` is false; every other step runs
  (files, navigation, theme templates such as ``sitemap.xml`` and ``404.html``,
  static files copied when newer, every ``on_post_build``).
- ``File.is_modified()`` is true for every in-memory file (``File.generated``)
  and, for a file of ``docs/``, compares its time with the page written last time.
  Neither knows what a page lists: a hand-written page listing records would keep
  its old list, and every generated page would be rebuilt.
- static-i18n runs the other language's pass from its own ``on_post_build`` with
  ``build(config, dirty=...)``, where ``dirty`` is read from ``sys.argv``
  (``--dirty`` or ``--dirtyreload``): both passes are dirty under ``serve --dirty``.
- MkDocs logs a warning at each dirty pass ("A 'dirty' build is being
  performed..."), which would stop ``serve --dirty --strict``.
- A search plugin (MkDocs' or Material's) would index only the pages rendered in
  the pass: the site has none (site search is the library's own, and the
  sections of hand-written pages it reads are kept across rebuilds by
  ``Build.search_pages``).

What this module does, only when the server was started with ``--dirty``:

- ``on_files`` (last, after every generated page is added): a generated page is
  *modified* when its Markdown or kept HTML differs from the last complete build,
  or its output file is missing, and a generated file that is not a page (open
  data, drawings, pages left at former addresses) when its bytes differ or it is
  missing (MkDocs writes every in-memory file at every build otherwise); a hand-written page is always modified (it may
  list records: cheap, there are few); every page is modified when anything other
  than a record or the body of a hand-written page changed since the last complete
  build (``data/`` outside ``data/resources/``, a file of ``docs/`` other than a
  page, a page's front matter or headings, the theme overrides, ``mkdocs.yml``): a
  vocabulary, template, interface word or page title may change the navigation or
  every page's chrome.  A page's body shows on that page alone (and in what the
  generated pages compute from it, such as the translation status, which are compared
  like any generated page).
- ``on_post_page`` counts the pages rendered, for the log line.
- ``on_pre_template`` of ``sitemap.xml``: the sitemap (every page of every language,
  rendered again by MkDocs at each pass: some 0.3 s at 5,000 records) is taken from the
  last build while what its template reads is the same (``i18n.sitemap_key``: each
  page's address, date and counterparts); MkDocs writes it as it would have.
- after the last language: forgets nothing it needs, removes the output of pages
  that no longer exist (a deleted record), and logs how many pages were rebuilt.
- a failed build forgets everything: the next build is complete.

The result is the same site as a full build (``tests/test_preview.py`` diffs the trees).
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.plugins import event_priority

from resource_library.build import PreviewState
from resource_library.load.signature import signature
from resource_library_mkdocs import i18n, session
from resource_library_mkdocs.session import build_for, project_root

log = logging.getLogger("mkdocs.hooks.preview")

__all__ = ["on_build_error", "on_env", "on_files", "on_post_build", "on_post_page", "on_pre_template", "on_startup"]

DIRTY_WARNING = "A 'dirty' build is being performed"


class _DirtyWarningFilter(logging.Filter):
    """Drops MkDocs' warning about dirty builds: the preview makes them complete."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def active() -> bool:
    """Whether builds are previews (``mkdocs serve --dirty``)."""
    return session.previewing()


def preview_for(config) -> PreviewState:
    build = build_for(config)
    if build.preview is None:
        build.preview = PreviewState()
    return build.preview


def on_startup(command, dirty):
    session.set_previewing(command == "serve" and dirty)
    if active():
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarningFilter())


def keys(config) -> tuple:
    """``(global key, texts)``.  The global key is everything but the records and the bodies
    of hand-written pages: any change in it rebuilds every page (of a hand-written page
    only its outline counts: :func:`_outline`).  The texts are the hand-written pages as
    they are now (names, sizes, times), for the log's reason."""
    build = build_for(config)
    resources = str(project_root(config) / "data" / "resources") + os.sep
    docs = str(build.docs_dir) + os.sep
    others = tuple(
        _outline(entry) if entry[0].startswith(docs) and entry[0].endswith(".md") else entry
        for entry in build.files_signature
        if not entry[0].startswith(resources)
    )
    dirs = [Path(d) for d in config.theme.dirs if Path(d).is_dir() and "site-packages" not in Path(d).parts]
    config_file = Path(config.config_file_path)
    stat = config_file.stat()
    texts = tuple(entry for entry in build.files_signature if entry[0].startswith(docs))
    return (others, signature(*dirs), (str(config_file), stat.st_size, stat.st_mtime_ns)), texts


_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*")


def _outline(entry: tuple) -> tuple:
    """What other pages show of the hand-written page ``entry`` (``(path, size, time)``):
    its front matter (title, description, French address) and its headings, the first of
    which is its title in every page's navigation, with the line above each line of
    ``=`` or ``-`` (a heading underlined, a rule, a front matter's end: kept alike).
    The body is shown on the page alone, which a preview renders every time."""
    path = entry[0]
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return entry  # the build reports it; its size and time stand for it
    kept = []
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), len(lines) - 1)
        kept += lines[: end + 1]
    for number, line in enumerate(lines):
        if line.lstrip(" ").startswith("#"):
            kept.append(line)
        elif _SETEXT.fullmatch(line) and number:
            kept += [lines[number - 1], line]
    return (path, tuple(kept))


def _fingerprint(file, build) -> int:
    held = build.held.get(file.src_uri)
    blocks = tuple(held[1]) if held is not None and held[0] is file else ()
    return hash((file.content_string, blocks))


def _always() -> bool:
    return True


@event_priority(-300)
def on_files(files, config):
    if not active():
        return files
    preview = preview_for(config)
    build = build_for(config)
    lang = i18n.current_language(config)
    if preview.pending_key is None:
        preview.pending_key, preview.pending_texts = keys(config)
    same_chrome = preview.pending_key == preview.global_key
    last = preview.pages.get(lang, {}) if same_chrome else {}
    fingerprints = preview.pending_pages.setdefault(lang, {})
    for file in files:
        if file.abs_dest_path:
            preview.pending_outputs.add(file.abs_dest_path)
        if not file.is_documentation_page():
            if file.abs_src_path is None:  # generated: open data, drawings, moved pages (5,000 at 5,000 records)
                fp = fingerprints[file.src_uri] = hash(file.content_bytes)
                if last.get(file.src_uri) == fp and os.path.isfile(file.abs_dest_path):
                    file.is_modified = _unchanged  # the same bytes are there: not written again
            continue
        if file.abs_src_path is not None:
            file.is_modified = _always  # it may list records: rebuilt every time
            continue
        fp = fingerprints[file.src_uri] = _fingerprint(file, build)
        if last.get(file.src_uri) == fp and os.path.isfile(file.abs_dest_path):
            file.is_modified = _unchanged
    return files


def _unchanged() -> bool:
    return False


#: Where a pass's sitemap (its key and text) is kept among its pages' fingerprints.
SITEMAP = ("template", "sitemap.xml")


def on_pre_template(template, template_name, config):
    if not active() or template_name != "sitemap.xml":
        return template
    return _KeptSitemap(template, preview_for(config), i18n.current_language(config))


class _KeptSitemap:
    """``sitemap.xml`` as the last build rendered it, while its key is the same (see the module)."""

    def __init__(self, template, preview: PreviewState, lang: str) -> None:
        self.template, self.preview, self.lang = template, preview, lang

    def render(self, context) -> str:
        preview = self.preview
        key = i18n.sitemap_key(context)
        same_chrome = preview.pending_key is not None and preview.pending_key == preview.global_key
        last = preview.pages.get(self.lang, {}).get(SITEMAP) if same_chrome else None
        kept = last is not None and last[0] == key
        output = last[1] if kept else self.template.render(context)
        preview.pending_pages.setdefault(self.lang, {})[SITEMAP] = (key, output, kept)
        return output


def on_env(env, config, files):
    # MkDocs makes a new template environment at every pass and rebuild, which compiles
    # every theme template again: keep their code (any build, not only previews).
    env.bytecode_cache = build_for(config).template_code
    if active():
        preview = preview_for(config)
        lang = i18n.current_language(config)
        preview.counts[lang] = (0, len(files.documentation_pages()))
    return env


@event_priority(-1000)
def on_post_page(output, page, config):
    if active():
        preview = preview_for(config)
        lang = i18n.current_language(config)
        done, total = preview.counts.get(lang, (0, 0))
        preview.counts[lang] = (done + 1, total)
    return output


@event_priority(-300)
def on_post_build(config):
    if not active() or not i18n.all_languages_built(config):
        return
    preview = preview_for(config)
    site_dir = Path(config.site_dir).resolve()
    for stale in sorted(preview.outputs - preview.pending_outputs):
        _remove(Path(stale), site_dir)
    if preview.pending_key != preview.global_key:
        reason = "everything changed"
    elif preview.pending_texts != preview.texts:
        reason = "page texts changed, not the navigation"
    else:
        reason = "only records changed"
    preview.global_key, preview.texts = preview.pending_key, preview.pending_texts
    preview.pages = preview.pending_pages
    preview.outputs = preview.pending_outputs
    counts = ", ".join(f"{lang} {done}/{total}" for lang, (done, total) in preview.counts.items())
    sitemaps = [lang for lang, pages in preview.pages.items() if pages.get(SITEMAP, (0, "", False))[2]]
    kept = f"; sitemap kept ({', '.join(sitemaps)})" if sitemaps else ""
    log.info(f"Preview: rendered {counts} pages ({reason}){kept}")
    preview.begin()


def pass_state(config, lang: str, folder: Path, site_dir: Path) -> dict | None:
    """What the preview learnt in ``lang``'s pass, built in another process into ``folder``
    (``parallel.py``), with its output files named as in ``site_dir``."""
    build = build_for(config)
    if build.preview is None:
        return None
    preview = build.preview
    outputs = set()
    for output in preview.pending_outputs:
        path = Path(output)
        outputs.add(str(site_dir / path.relative_to(folder)) if path.is_relative_to(folder) else output)
    return {"pages": preview.pending_pages.get(lang, {}), "outputs": outputs, "counts": preview.counts.get(lang)}


def take_pass_state(config, lang: str, state: dict | None) -> None:
    """Take in :func:`pass_state` of ``lang`` from the process that built it."""
    if state is None:
        return
    preview = preview_for(config)
    preview.pending_pages[lang] = state["pages"]
    preview.pending_outputs |= state["outputs"]
    if state["counts"] is not None:
        preview.counts[lang] = state["counts"]


def _remove(path: Path, site_dir: Path) -> None:
    """Remove ``path`` and the folders it leaves empty, up to ``site_dir``."""
    try:
        path.unlink()
    except OSError:
        return
    folder = path.parent.resolve()
    while folder != site_dir and site_dir in folder.parents:
        try:
            folder.rmdir()  # only when empty
        except OSError:
            return
        folder = folder.parent


def on_build_error(error):
    for build in session.builds():
        if build.preview is not None:
            build.preview.reset()
