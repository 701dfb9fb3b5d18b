"""French addresses of hand-written pages: ``slug: {fr: a-propos}`` in a French page's front matter.

The shape of the setting (an id under ``fr:``, not a reserved name, French pages
only) is checked with the other settings (``load/pages.py``).  Here the French
addresses of all pages are compared: a page's own address may not be the address
of another page, generated or hand-written, nor an address a page left (where
the build puts a page that sends readers on).  The valid slugs become the
catalogue's ``slugs`` (``model/urls.py``), which every link follows.
"""

from __future__ import annotations

from pathlib import Path

from resource_library.load import frontmatter
from resource_library.load.files import read_limited
from resource_library.load.pagepaths import address
from resource_library.load.yamlsource import Document, load_text
from resource_library.model.ids import RESERVED, is_id
from resource_library.model.urls import former_url, localized_url, other_languages, section_names


def _front_matter(path: Path, shown: str) -> Document | None:
    raw = read_limited(path, shown, "page")
    if not isinstance(raw, bytes):
        return None
    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        return None
    found = frontmatter.match(text)
    if found is None:
        return None
    doc = load_text("\n" * found.group(1).count("\n") + found.group(2), shown)
    return doc if doc.ok and isinstance(doc.data, dict) else None


def _slug_of(doc: Document | None) -> str | None:
    """The page's French address if its setting is valid (``load/pages.py`` reports the others)."""
    value = doc.data.get("slug") if doc is not None else None
    slug = value.get("fr") if isinstance(value, dict) else None
    if is_id(slug) and slug not in RESERVED | section_names("fr"):
        return slug
    return None


def page_slugs(docs: Path, shown_docs: str, generated: dict, slugs: dict) -> tuple[dict, list]:
    """``({lang: {neutral page path: slug}}, problems)`` of the hand-written pages' own addresses.

    Args:
        generated: ``{source path: what it is}`` of the generated pages (``pagepaths.generated_pages``).
        slugs: the records' French addresses (``{lang: {neutral path: slug}}``), already known.
    """
    docs = Path(docs)
    out: dict = {}
    problems: list = []
    if not docs.is_dir():
        return out, problems
    english = {address(p.relative_to(docs).as_posix()) for p in docs.glob("**/*.md")}
    for lang in other_languages():
        folder = docs / lang
        if not folder.is_dir():
            continue
        english = {a for a in english if not a.startswith(f"{lang}/")}
        pages: dict = {}  # neutral address → (shown path, Document or None)
        for path in sorted(folder.rglob("*.md")):
            if not path.is_file():
                continue
            rel = path.relative_to(docs).as_posix()
            pages[address(path.relative_to(folder).as_posix())] = (f"{shown_docs}/{rel}", path)
        own: dict = {}
        found_docs: dict = {}
        for neutral, (shown, path) in pages.items():
            doc = _front_matter(path, shown)
            slug = _slug_of(doc)
            if slug is None:
                continue
            if not neutral:
                assert doc is not None  # a slug was read from it
                problems.append(
                    doc.problem(
                        ("slug", "fr"),
                        "the home page keeps the address of its language (/fr/); remove the slug setting",
                    )
                )
                continue
            own[neutral.rstrip("/")] = slug
            found_docs[neutral] = doc
        table = dict(slugs.get(lang, {}), **own)
        # Who is where on this language's site, once every slug is applied.
        where: dict = {}
        neutral_pages = {address(p) for p in generated} | english | set(pages)
        left_by: dict = {}  # former address of a page that moved → that page
        for neutral in sorted(neutral_pages):
            here = localized_url(lang, neutral, {lang: table})
            where.setdefault(here, []).append(neutral)
            if here != former_url(lang, neutral):
                left_by.setdefault(former_url(lang, neutral), neutral)
        for neutral in sorted(found_docs):
            doc = found_docs[neutral]
            here = localized_url(lang, neutral, {lang: table})
            others = [n for n in where.get(here, []) if n != neutral]
            # An address a moved page left carries the page that sends its readers on.
            left = [n for n in [left_by.get(here)] if n is not None and n != neutral]
            if others or left:
                taken = others[0] if others else left[0]
                what = pages[taken][0] if taken in pages else generated_name(generated, taken) or f"/{taken}"
                how = "is the address of" if others else "is the former address of"
                problems.append(
                    doc.problem(
                        ("slug", "fr"),
                        f"the French address /{here} {how} {what}; choose another French address",
                    )
                )
                del own[neutral.rstrip("/")]
        if own:
            out[lang] = own
    return out, problems


def generated_name(generated: dict, neutral: str) -> str | None:
    """What the generated page at the neutral address ``neutral`` is, if the build makes one there."""
    return next((what for path, what in generated.items() if address(path) == neutral), None)


__all__ = ["page_slugs"]
