"""Links in the Markdown editors write, held to what ``mkdocs build --strict`` accepts.

MkDocs checks every link and image of every page it converts, in each language
pass (``validation:`` in ``mkdocs.yml``), and a strict build stops on a link that
starts with ``/``, a link to no file of the site, or an anchor the linked page does
not have.  The Markdown it converts comes from the hand-written pages
(``docs/**/*.md``) and, on the pages the build makes, from the ``description`` of
records, pillars and programs and the ``contact`` of programs.  :func:`link_problems`
finds those links first, at their file, line and column: ``check``
(``cli/validate.py::collect``) and the build (``build.py::Build.get``) both call it.

Links are resolved as MkDocs and mkdocs-static-i18n resolve them: relative to the
page (a record's page is ``library/<id>.md``, and ``fr/library/<id>.md`` in French),
among the files of the language being built (in French, a page or file missing
from ``docs/fr/`` is the English one).  A link to a section (``page.md#team``) needs
that anchor on the page in each language the link is followed in: the anchors of a
hand-written page are found in its Markdown (``load/anchors.py``) and drawings; those
of a page the build makes are its templates' and its texts', found by rendering it,
which is done only for such a link.
The site's menu (``nav:`` in ``mkdocs.yml``) is held to what MkDocs requires too:
each entry leads to a page, and each hand-written page is in it (a French page
through its English one, which it must have).

Every scan is linear in the size of the text.
"""

from __future__ import annotations

import bisect
import hashlib
import posixpath
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pathspec import GitIgnoreSpec

from resource_library.drawing.svg import svg_id
from resource_library.load.anchors import LINK_TARGET, anchors
from resource_library.load.files import IMAGE_SUFFIXES, link_refusal, read_limited
from resource_library.load.frontmatter import front_matter_lines
from resource_library.load.markdownlimits import TEXTS_REMEMBERED, markdown_limits
from resource_library.load.pagefiles import read_page
from resource_library.load.pagemarkers import scan_markers
from resource_library.load.pagepaths import SITE_FILES, address, generated_pages
from resource_library.load.pages import prose_only
from resource_library.load.problems import Problem
from resource_library.load.textsafety import link_scheme
from resource_library.load.yamlsource import Document, load_file
from resource_library.model.record import DEFAULT_LANGUAGE, LANGUAGES
from resource_library.text.fallback import pick

# A reference definition, "[name]: target" at the start of a line.
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\[\]\n]*\]:[ \t]*<?([^\s>]*)", re.M)
#: Files the build adds to the site, which pages may link to (besides its pages).
_PUBLISHED = tuple(
    path
    for path in SITE_FILES
    if path.endswith((".json", ".csv", ".xml")) and not path.startswith(("search/", "sitemap", "library/search-index"))
)
_OTHER_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
# An entry of the menu on a line of its own: "- page.md" or "- Title: page.md" (quotes allowed).
_NAV_KEY = re.compile(r"nav:[ \t]*(?:#.*)?$")
_NAV_ENTRY = re.compile(
    r"""[ \t]*-[ \t]+(?:(?:"[^"\n]*"|'[^'\n]*'|[^:\n#"']+):[ \t]+)?(["']?)([^"'\s#]+)(?<!:)\1[ \t]*(?:#.*)?$"""
)


def markdown_links(text: str) -> list:
    """``(offset, target, image)`` of each link and image of a Markdown text, outside code."""
    return list(_markdown_links(text))


@lru_cache(maxsize=TEXTS_REMEMBERED)
def _markdown_links(text: str) -> tuple:
    # Remembered by text: a build checks every record's texts, and `mkdocs serve` again at each save.
    prose = prose_only(text)
    opens = [m.start() for m in re.finditer(r"\[", prose)]
    found = []
    for match in LINK_TARGET.finditer(prose):
        before = bisect.bisect_left(opens, match.start()) - 1  # the "[" this "](" closes, or so
        image = before >= 0 and opens[before] > 0 and prose[opens[before] - 1] == "!"
        found.append((match.start(1), match.group(1), image))
    found += [(m.start(1), m.group(1), False) for m in _REFERENCE.finditer(prose)]
    return tuple(sorted(found))


class Site:
    """What a link may lead to in each language pass: the files under ``docs/``, the
    pages and files the build makes, and the anchors of each page.

    Args:
        docs: the folder of hand-written pages and files.
        generated: language-neutral paths of the pages the build makes.
        catalogue: the content (its drawings, for the anchors of the pages' drawings).
        rendered: ``lang -> {neutral path: anchors}`` of the pages the build makes; called
            only for a link to one of their sections (it renders the pages).
    """

    def __init__(self, docs: Path, generated, catalogue=None, rendered=None):
        self.docs = Path(docs)
        drawings = getattr(catalogue, "drawings", ())
        self.generated = set(generated) | set(_PUBLISHED) | {f"infographics/{d}.svg" for d in drawings}
        files = set()
        if self.docs.is_dir():
            for path in self.docs.rglob("*"):
                rel = path.relative_to(self.docs).as_posix()
                # MkDocs leaves out names starting with a dot, and the templates/ folder.
                if (
                    path.is_file()
                    and not any(part.startswith(".") for part in rel.split("/"))
                    and not rel.startswith("templates/")
                ):
                    files.add(rel)
        self.files = files
        self.catalogue = catalogue
        self._rendered = rendered
        self._anchors: dict = {}
        #: How many links to a section were judged: their answer depends on other pages' text.
        self.sections_judged = 0

    def shape(self) -> bytes:
        """A digest of what :meth:`problem` reads but the pages' sections: the files of
        ``docs/`` and the pages the build makes."""
        names = "\n".join(sorted(self.generated)) + "\n\n" + "\n".join(sorted(self.files))
        return hashlib.blake2b(f"{self.docs}\n{names}".encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def localized(self, neutral: str, lang: str) -> str | None:
        """The file under ``docs/`` that MkDocs uses for ``neutral`` in ``lang``'s pass, if any."""
        if lang != DEFAULT_LANGUAGE and f"{lang}/{neutral}" in self.files:
            return f"{lang}/{neutral}"
        return neutral if neutral in self.files else None

    def page_anchors(self, rel: str) -> set:
        """Anchors of the hand-written page ``rel``: its Markdown's, and its drawings' (``<!-- infographic ... -->``)."""
        if rel not in self._anchors:
            raw = read_limited(self.docs / rel, rel, "page")
            try:
                text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else ""
            except UnicodeDecodeError:
                text = ""
            found = anchors(text)
            if self.catalogue is not None and "<!--" in text:
                offset = front_matter_lines(text)
                markers, _ = scan_markers(text.split("\n")[offset:], self.catalogue, rel, offset)
                for marker in markers:
                    if marker.kind == "infographic":
                        # The figure's id (views/infographics.py) and its drawing's (drawing/svg.py).
                        sid = svg_id(self.catalogue.infographics[marker.drawing])
                        found |= {f"rl-figure-{marker.drawing}", sid, f"{sid}-title", f"{sid}-desc"}
            self._anchors[rel] = found
        return self._anchors[rel]

    def generated_anchors(self, neutral: str, lang: str) -> set | None:
        """Anchors of a page the build makes, in ``lang`` (None when they cannot be known)."""
        key = ("rendered", lang)
        if key not in self._anchors:
            self._anchors[key] = self._rendered(lang) if self._rendered is not None else None
        pages = self._anchors[key]
        return None if pages is None else pages.get(neutral, set())

    def problem(self, target: str, src_uri: str, lang: str, shown_docs: str = "docs") -> str | None:
        """Why MkDocs would stop on ``target``, linked from the page ``src_uri`` in ``lang``'s pass; None when fine.

        ``src_uri`` is the page's path as MkDocs knows it (``fr/about.md``,
        ``library/<id>.md``, ``fr/library/<id>.md``); ``shown_docs`` names ``docs/`` in messages.
        """
        scheme, netloc, path, _, anchor = urlsplit(target)
        if scheme or netloc or not target or link_scheme(target):
            return None  # another site, an address (mailto:...), a disguised scheme: text safety judges those
        here = posixpath.dirname(src_uri)
        if target.startswith(("/", "\\")):
            suggestion = posixpath.relpath(posixpath.normpath(path.lstrip("/\\") or "."), here or ".")
            return (
                f"the link '{target[:60]}' starts with /, which MkDocs does not follow; write the path "
                f"from this page, e.g. '{suggestion}{'#' + anchor if anchor else ''}'"
            )
        neutral_page = _neutral(src_uri, lang)
        if anchor:
            self.sections_judged += 1
        if not path:
            return self._anchor_problem(neutral_page, anchor, lang, target, shown_docs) if anchor else None
        resolved = posixpath.normpath(posixpath.join(here, unquote(path))).lstrip("/")
        neutral: str | None = "index.md" if resolved == "." else _neutral(resolved, lang)  # static-i18n reads "." so
        if resolved.startswith("../") or resolved == "..":
            neutral = None
        elif lang == DEFAULT_LANGUAGE and resolved.startswith(tuple(f"{o}/" for o in _OTHER_LANGUAGES)):
            neutral = None  # the French files are not part of the English pass
        if neutral is None or (neutral not in self.generated and self.localized(neutral, lang) is None):
            return f"the link '{target[:60]}' leads to no page or file of the site ({_relative_to(src_uri, lang, resolved, shown_docs)})"
        if anchor and neutral.endswith(".md"):
            return self._anchor_problem(neutral, anchor, lang, target, shown_docs)
        return None

    def _anchor_problem(self, neutral: str, anchor: str, lang: str, target: str, shown_docs: str) -> str | None:
        if neutral in self.generated:
            known = self.generated_anchors(neutral, lang)
            if known is None or anchor in known:
                return None
            return (
                f"the link '{target[:60]}' leads to the anchor #{anchor}, which the page the build makes "
                f"({neutral}) does not have; link to the page itself, or to one of its headings"
            )
        rel = self.localized(neutral, lang)
        if rel is None or anchor in self.page_anchors(rel):
            return None
        return (
            f"the link '{target[:60]}' leads to the anchor #{anchor}, which {shown_docs}/{rel} does not have; "
            f"write the anchor on the heading it leads to: ## Heading {{ #{anchor} }}"
        )


def _neutral(path: str, lang: str) -> str:
    """``path`` without the language folder mkdocs-static-i18n looks through."""
    for prefix in (f"{lang}/", f"{DEFAULT_LANGUAGE}/"):
        if path.startswith(prefix):
            return path[len(prefix) :]
    return path


def _relative_to(src_uri: str, lang: str, resolved: str, shown_docs: str) -> str:
    """How a link from ``src_uri`` was read, for editors."""
    neutral = _neutral(src_uri, lang)
    folder = posixpath.dirname(neutral)
    if neutral.startswith(("library/", "pillars/", "programs/")):  # a page the build makes from data/
        sibling = {"library": "other-record.md", "pillars": "other-pillar.md"}.get(folder, "../library/<record id>.md")
        return f"links are relative to {folder}/: ../about.md, {sibling}, ../files/x.pdf"
    if resolved.startswith(".."):
        return f"from {shown_docs}/{src_uri} it leads out of {shown_docs}/"
    return f"links are relative to the page: from {shown_docs}/{src_uri} it leads to {shown_docs}/{resolved}"


def text_link_problems(
    doc: Document, path: tuple, text: str, src_uri: str, lang: str, site: Site, typed: bool = False
) -> list:
    """Problems of the links of a Markdown text of a YAML file, shown on the page ``src_uri``.

    ``typed``: links to a type of file the site refuses are reported elsewhere
    (``load/editorial.py``, by :func:`~resource_library.load.files.link_refusal`): skip them.
    """
    problems: list = []
    if markdown_limits(text):  # refused as a whole (load/markdownlimits.py): its links are not Markdown's
        return problems
    for offset, target, image in markdown_links(text):
        if typed and link_refusal(target.split("#", 1)[0].split("?", 1)[0], IMAGE_SUFFIXES if image else ()):
            continue
        message = site.problem(target, src_uri, lang)
        if message:
            problems.append(doc.problem(path, message, line_index=text.count("\n", 0, offset)))
    return problems


def page_link_problems(root: Path, docs: Path, shown_docs: str, site: Site) -> list:
    """Problems of the links of every hand-written page, in each language pass that shows it."""
    problems = []
    for rel in sorted(p for p in site.files if p.endswith(".md")):
        raw = read_limited(docs / rel, f"{shown_docs}/{rel}", "page")  # refusals are reported by load/files.py
        if not isinstance(raw, bytes):
            continue
        try:
            text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
        if markdown_limits(text):  # the page is refused as a whole (load/markdownlimits.py)
            continue
        first = rel.split("/", 1)[0]
        if first in _OTHER_LANGUAGES:
            passes = [first]
        else:  # an English page is also the French one while docs/fr/ has none
            passes = [DEFAULT_LANGUAGE] + [lang for lang in _OTHER_LANGUAGES if f"{lang}/{rel}" not in site.files]
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        for offset, target, _ in markdown_links(text):
            for lang in passes:
                message = site.problem(target, rel, lang, shown_docs)
                if message:
                    line = bisect.bisect_right(starts, offset) - 1
                    problems.append(
                        Problem(f"{shown_docs}/{rel}", line + 1, offset - starts[line] + 1, "text", message)
                    )
                    break
    return problems


def nav_entries(config_text: str) -> list:
    """``(line, column, path)`` of each page of the menu (``nav:``) of ``mkdocs.yml``'s text."""
    lines = config_text.split("\n")
    start = next((i for i, line in enumerate(lines) if _NAV_KEY.match(line)), None)
    entries = []
    for index in range(start + 1, len(lines)) if start is not None else ():
        line = lines[index]
        if line[:1] not in ("", " ", "\t", "-", "#"):
            break  # the next setting
        match = _NAV_ENTRY.match(line)
        if match:
            entries.append((index + 1, match.start(2) + 1, match.group(2)))
    return entries


_NOT_IN_NAV = re.compile(r"not_in_nav:[ \t]*\|[ \t]*(?:#.*)?$")


def not_in_nav(config_text: str):
    """The patterns of ``not_in_nav:`` (a ``|`` block of gitignore-style lines, as MkDocs reads
    them) of ``mkdocs.yml``'s text: pages that need no place in the menu (reached from the footer)."""
    lines = config_text.split("\n")
    start = next((i for i, line in enumerate(lines) if _NOT_IN_NAV.match(line)), None)
    patterns = []
    for line in lines[start + 1 :] if start is not None else ():
        if line.strip() and not line[:1].isspace():
            break  # the next setting
        if line.strip() and not line.strip().startswith("#"):
            patterns.append(line.strip())
    return GitIgnoreSpec.from_lines(patterns)


def nav_problems(root: Path, shown_docs: str, site: Site) -> list:
    """The menu's entries that lead to no page, and the hand-written pages it leaves out."""
    config = Path(root) / "mkdocs.yml"
    try:
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # MkDocs says it better: the site has no configuration to build with
    problems = []
    listed = set()
    for line, column, path in nav_entries(text):
        scheme, netloc, _, _, _ = urlsplit(path)
        if scheme or netloc:
            continue
        if path.startswith("/"):
            problems.append(
                Problem(
                    "mkdocs.yml",
                    line,
                    column,
                    "nav",
                    (
                        f"the menu lists '{path}', which starts with /; write the page's path under {shown_docs}/: "
                        f"{path.lstrip('/')}"
                    ),
                )
            )
            continue
        listed.add(path)
        if path not in site.generated and path not in site.files:
            problems.append(
                Problem(
                    "mkdocs.yml",
                    line,
                    column,
                    "nav",
                    (
                        f"the menu lists '{path}', but there is no page {shown_docs}/{path} (nor a page the build makes); "
                        "correct the path, or remove the entry"
                    ),
                )
            )
    outside = not_in_nav(text)
    # Pages refused for their place or their name are reported as such (load/pagepaths.py, load/files.py).
    taken = {address(path) for path in site.generated if path.endswith(".md")}
    lowered: dict = {}
    for rel in site.files:
        lowered[rel.lower()] = lowered.get(rel.lower(), 0) + 1
    for rel in sorted(p for p in site.files if p.endswith(".md")):
        first, _, neutral = rel.partition("/")
        if first not in _OTHER_LANGUAGES:
            neutral = rel
        if neutral in listed or address(neutral) in taken or lowered[rel.lower()] > 1 or (site.docs / rel).is_symlink():
            continue
        if read_page(site.docs / rel, rel)[0] is None:  # a page that cannot be read is reported as such
            continue
        if outside.match_file(rel) and (neutral == rel or neutral in site.files):
            continue  # left out of the menu on purpose (mkdocs.yml, not_in_nav)
        if neutral != rel and neutral not in site.files:
            message = (
                f"this French page has no English page {shown_docs}/{neutral}: every page is written in "
                f"English first, then translated; add {shown_docs}/{neutral} (and list it under nav: in "
                "mkdocs.yml), or move this page"
            )
        else:
            message = (
                f"this page is not in the site's menu, and MkDocs stops on a page no menu leads to; list it "
                f"under nav: in mkdocs.yml, e.g. '- My page: {neutral}'"
            )
        problems.append(Problem(f"{shown_docs}/{rel}", 1, 1, "-", message))
    return problems


#: The problems of the links of each text of a record or program, ``{(file, digest of its
#: bytes, text, page, typed, site's shape): problems}``, from the last :func:`link_problems`:
#: ``mkdocs serve`` checks every record at each save, and their texts rarely change.  A text
#: that links to a section of a page is checked every time (another page's text decides).
_KEPT_TEXTS: dict = {}


def link_problems(root: Path, catalogue, docs_dir: Path | None = None) -> list:
    """Problems of every link MkDocs checks: in the hand-written pages, in the Markdown
    texts of records, pillars and programs on the pages the build makes, and in the menu."""
    root = Path(root)
    docs = Path(docs_dir) if docs_dir else root / "docs"
    shown_docs = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else docs.as_posix()
    pillars = catalogue.vocabularies.get("pillars")
    site = Site(
        docs,
        generated_pages(catalogue.records, pillars, catalogue.programs),
        catalogue,
        lambda lang: _rendered_anchors(root, docs, catalogue, lang),
    )
    problems = page_link_problems(root, docs, shown_docs, site) + nav_problems(root, shown_docs, site)
    texts = []  # (file, path of the text's {en, fr}, neutral page, whether editorial.py judges link types)
    for rid, record in catalogue.records.items():
        texts.append((record.source, ("description",), f"library/{rid}.md", True))
    for pid, program in catalogue.programs.items():
        texts += [(program.source, (key,), f"programs/{pid}.md", False) for key in ("description", "contact")]
    documents: dict = {}
    shape, kept = site.shape(), {}
    for source, path, page, typed in texts:
        if source not in documents:
            documents[source] = load_file(root / source, source)
        doc = documents[source]
        key = (str(root / source), doc.digest, path, page, typed, shape)
        found = _KEPT_TEXTS.get(key) if doc.digest else None
        if found is None:
            judged = site.sections_judged
            found = tuple(_texts(doc, path, page, site, typed))
            if doc.digest and site.sections_judged == judged:  # a link to a section is judged at every build
                kept[key] = found
        else:
            kept[key] = found
        problems += found
    _KEPT_TEXTS.clear()
    _KEPT_TEXTS.update(kept)
    if pillars is not None and pillars.source:
        doc = load_file(root / pillars.source, pillars.source)
        entries = doc.data.get("pillars") if doc.ok and isinstance(doc.data, dict) else None
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"] in pillars.terms:
                problems += _texts(doc, ("pillars", index, "description"), f"pillars/{entry['id']}.md", site)
    return problems


def _texts(doc: Document, path: tuple, page: str, site: Site, typed: bool = False) -> list:
    """Problems of the links of the text at ``path`` (``{en, fr}``) in each language's page."""
    value = doc.data
    for key in path:
        if isinstance(value, dict):
            value = value.get(key)
        elif isinstance(value, list) and isinstance(key, int) and key < len(value):
            value = value[key]
        else:
            return []
    if not isinstance(value, dict):
        return []
    problems = []
    for lang in LANGUAGES:
        shown = pick(value, lang)
        if shown is None or not isinstance(shown.value, str):
            continue
        src_uri = page if lang == DEFAULT_LANGUAGE else f"{lang}/{page}"
        problems += text_link_problems(doc, path + (shown.lang,), shown.value, src_uri, lang, site, typed)
    return problems


def _rendered_anchors(root: Path, docs: Path, catalogue, lang: str) -> dict | None:
    """``{neutral path: anchors}`` of the pages the build makes in ``lang``: the ids of their
    HTML and the anchors of their Markdown texts.  Renders the pages (templates, Jinja),
    so it runs only for a link to a section of one of them; None when they cannot be made
    (what prevents it is reported on its own)."""
    from resource_library.load.interface import load_interface
    from resource_library.render.blocks import anchor_ids
    from resource_library.render.pages import render_language

    strings, problems = load_interface(root / "data" / "interface.yml", "data/interface.yml")
    if any(p.is_error for p in problems):
        return None
    try:
        pages = render_language(catalogue, strings, lang, root / "overrides" / "library", docs)
    except Exception:  # the build stops on it, with its own message
        return None
    return {page.path: anchor_ids(page.blocks) | anchors(page.content) for page in pages}
