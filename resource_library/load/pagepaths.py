"""The addresses the build publishes, and hand-written files under ``docs/`` that would take one.

MkDocs publishes every file under ``docs/``; the build adds the library's pages
(``library/<id>.md``, ``pillars/<id>.md``, ``programs/<id>.md``, one page per
vocabulary term (``library/<vocabulary>/<term>.md``), the library,
pillars, infographics, glossary and translation status pages) and files (the
drawings, the search data).  A hand-written file at one of those addresses would
replace a generated page, or be replaced by it, with only MkDocs' generic
messages to say so.  With directory URLs, ``glossary.md``, ``glossary/index.md``
and ``glossary/README.md`` all publish ``/glossary/``: addresses are compared, not
file names, in every language folder.
"""

from __future__ import annotations

from pathlib import Path

from resource_library.load.problems import Problem
from resource_library.model.record import DEFAULT_LANGUAGE, LANGUAGES
from resource_library.model.urls import localized_url

#: Pages the build always makes, and what they are (source paths, language-neutral).
SITE_PAGES = {
    "library/index.md": "the library page (made from data/resources/)",
    "pillars/index.md": "the strategic pillars page (made from data/pillars.yml)",
    "infographics/index.md": "the infographics page (made from data/infographics/)",
    "glossary.md": "the glossary page (made from data/glossary.yml)",
    "translation-status.md": "the translation status page",
    "data.md": "the open data page (the library as JSON and CSV files)",
    "search/index.md": "the search page",
}
#: Files the build or the theme writes, and what they are (a trailing "/" is a whole folder).
SITE_FILES = {
    "library/search-index.json": "the search data (the library page, the header's box and the search page)",
    "library/library.json": "the library as open data (JSON)",
    "library/library.schema.json": "the JSON Schema of the open data",
    "library/library.csv": "the library as open data (CSV)",
    "feed.xml": "the feed of new and updated resources",
    "assets/javascripts/library-lunr/": "the library's search script",
    "sitemap.xml": "the site map",
    "sitemap.xml.gz": "the site map",
    "404.html": "the 'page not found' page",
}
#: Vocabularies whose every term has a listing page, ``library/<folder>/<term>/``
#: (``library/tiers/targeted/``): ``{vocabulary id: folder}``.  Pillars have their own
#: pages (``pillars/<id>/``).  No record may take the name of a folder as its id
#: (load/catalogue.py refuses it), so no record's page (``library/<id>/``) sits there.
TERM_PAGE_FOLDERS = {
    "types": "types",
    "tiers": "tiers",
    "audiences": "audiences",
    "core_elements": "core-elements",
    "implementation_stages": "implementation-stages",
    "grade_bands": "grade-bands",
    "topics": "topics",
    "languages": "languages",
    "evidence_levels": "evidence-levels",
}


def term_pages(vocabularies) -> dict:
    """``{source path: what it is}`` of the listing page of every vocabulary term."""
    pages = {}
    for vocab_id, folder in TERM_PAGE_FOLDERS.items():
        vocab = (vocabularies or {}).get(vocab_id)
        for term in vocab.terms if vocab is not None else ():
            pages[f"library/{folder}/{term}.md"] = f"the page of the term '{term}' of the vocabulary '{vocab_id}'"
    return pages


def generated_pages(records: dict, pillars, programs: dict, vocabularies=None) -> dict:
    """``{source path: what it is}`` of every page the build makes (language-neutral)."""
    pages = dict(SITE_PAGES)
    pages.update(term_pages(vocabularies))
    pages.update({f"library/{rid}.md": f"the page of the record {record.source}" for rid, record in records.items()})
    pages.update(
        {
            f"pillars/{pid}.md": f"the page of the pillar '{pid}' (data/pillars.yml)"
            for pid in (pillars.terms if pillars is not None else ())
        }
    )
    pages.update(
        {f"programs/{pid}.md": f"the page of the program {program.source}" for pid, program in programs.items()}
    )
    return pages


def address(path: str) -> str:
    """The address MkDocs gives ``path`` with directory URLs: ``a/b.md`` and ``a/b/index.md`` → ``a/b/``."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    folder, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    return f"{stem}/"


def conflicts(docs: Path, shown_docs: str, pages: dict, drawings=()) -> list:
    """A problem for each file under ``docs`` published where the build publishes a page or a file.

    Args:
        shown_docs: how problems name the folder (``docs``).
        pages: :func:`generated_pages`.
        drawings: ids of the drawings (published as ``infographics/<id>.svg``, ``.png`` and ``.pdf``).
    """
    if not docs.is_dir():
        return []
    taken = {address(path): what for path, what in pages.items()}
    files = dict(SITE_FILES)
    files.update(
        {
            f"infographics/{did}.{suffix}": f"the drawing data/infographics/{did}.yml ({suffix.upper()})"
            for did in drawings
            for suffix in ("svg", "png", "pdf")
        }
    )
    folders = {path: what for path, what in files.items() if path.endswith("/")}
    others = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    taken_local = {lang: {localized_url(lang, a, {}): what for a, what in taken.items()} for lang in others}
    problems = []
    for file in sorted(docs.rglob("*")):
        if not file.is_file():
            continue
        rel = file.relative_to(docs).as_posix()
        prefix, _, neutral = rel.partition("/")
        if prefix not in others or not neutral:
            prefix, neutral = "", rel
        where = address(neutral)
        what = taken.get(where) if rel.endswith(".md") else files.get(neutral)
        if what is None and not rel.endswith(".md"):
            what = next((w for folder, w in folders.items() if neutral.startswith(folder)), None)
        shown = f"/{prefix}/{where}" if prefix else f"/{where}"
        if what is None and rel.endswith(".md"):
            # The French site names its sections in French (model/urls.py): /fr/bibliotheque/ is the
            # library there, where an English page without translation is published as well.
            for lang in [prefix] if prefix else others:
                here = localized_url(lang, where, {})
                what = taken_local[lang].get(here)
                if what is not None:
                    shown = f"/{here}"
                    break
        if what is None:
            continue
        kind = "page" if rel.endswith(".md") else "file"
        problems.append(
            Problem(
                f"{shown_docs}/{rel}",
                1,
                1,
                "-",
                f"this {kind} would be published at {shown}, where the build publishes {what}; rename or move the file",
            )
        )
    return problems


__all__ = ["SITE_FILES", "SITE_PAGES", "TERM_PAGE_FOLDERS", "address", "conflicts", "generated_pages", "term_pages"]
