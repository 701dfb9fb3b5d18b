"""Resource lists in hand-written pages: ``<!-- resources tier=universal -->`` markers.

A marker is an HTML comment on a line of its own.  At build time
:func:`replace_markers` replaces it with the list of the resources whose tags
match, in the page's language, so a new record appears on every page it belongs
to without anyone editing Markdown.  Syntax::

    <!-- resources KEY=TERM[,TERM...] [KEY=TERM ...] -->

Keys: ``pillar``, ``tier``, ``core_element``, ``implementation_stage``, ``type``,
``audience``, ``topic``.  Several keys must all match (AND); several terms of one
key, separated by commas, are alternatives (OR).  An unknown key or term stops the
build with the page, line and a suggestion.  Markers inside fenced code blocks are
left alone (so documentation can show them).

``<!-- infographic ID -->`` likewise inlines the drawing ``data/infographics/ID.yml``
in the page's language, with its download link.

Lists and drawings are HTML made here (every text escaped), not Markdown: the hook
hands Markdown the page with a placeholder in place of each (:func:`expand_markers`,
``blocks.py``), and puts the HTML back once Markdown has converted the page
(``hooks/page_assembly.py``).
"""

from __future__ import annotations

import difflib
import posixpath
import re

from xml.sax.saxutils import escape, quoteattr

from resource_library.render.blocks import insert_blocks, placeholder
from resource_library.drawing.content import part_links
from resource_library.drawing.svg import draw
from resource_library.model.record import TERM_FIELDS
from resource_library.load.problems import ContentError, Problem
from resource_library.views.site import Strings, human_size, pick, sort_key

#: Marker key → record field.
KEYS = {
    "pillar": "pillars",
    "tier": "tiers",
    "core_element": "core_elements",
    "implementation_stage": "implementation_stages",
    "type": "type",
    "audience": "audiences",
    "topic": "topics",
}

_MARKER = re.compile(r"^ {0,3}<!--\s*resources(?:\s+(?P<body>.*?))?\s*-->\s*$")
_INFOGRAPHIC = re.compile(r"^ {0,3}<!--\s*infographic(?:\s+(?P<id>\S+?))?\s*-->\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _suggest(word: str, choices) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def parse_marker(body: str, catalogue, where: tuple) -> tuple[dict, list]:
    """``tier=universal pillar=a,b`` → ``{field: {terms}}`` and the problems found.

    Args:
        where: ``(path, line, column)`` of the marker, for problems.
    """
    path, line, column = where
    problems: list = []
    criteria: dict = {}

    def problem(message: str) -> None:
        problems.append(Problem(path, line, column, "resources marker", message))

    if not body.strip():
        problem("a resources marker needs at least one KEY=TERM, e.g. <!-- resources tier=universal -->; "
                f"keys: {', '.join(KEYS)}")
    for token in body.split():
        key, sep, value = token.partition("=")
        if not sep or not value:
            problem(f"'{token}' is not KEY=TERM; keys: {', '.join(KEYS)}")
            continue
        if key not in KEYS:
            problem(f"unknown key '{key}'{_suggest(key, KEYS)}; keys: {', '.join(KEYS)}")
            continue
        field = KEYS[key]
        if field in criteria:
            problem(f"the key '{key}' is given twice; list several terms with commas: {key}=a,b")
            continue
        vocab = catalogue.vocabularies.get(TERM_FIELDS[field])
        terms = set()
        for term in value.split(","):
            if vocab is not None and term not in vocab.terms:
                problem(f"'{term}' is not a term of '{TERM_FIELDS[field]}'{_suggest(term, vocab.terms)}; "
                        f"allowed: {', '.join(vocab.terms)}")
            terms.add(term)
        criteria[field] = terms
    return criteria, problems


def matching_records(catalogue, criteria: dict) -> list:
    """Records whose tags match every field of ``criteria`` (any term of each)."""
    return [r for r in catalogue.records.values()
            if all(set(r.terms(field)) & terms for field, terms in criteria.items())]


def _site_root(page_path: str) -> str:
    """The relative link from the page ``page_path`` (directory URLs) to the site's root."""
    folder = posixpath.dirname(page_path)
    depth = (folder.count("/") + 1 if folder else 0) + (0 if posixpath.basename(page_path) == "index.md" else 1)
    return "../" * depth


def resource_list(records: list, catalogue, strings: dict, lang: str, page_path: str) -> str:
    """HTML list of ``records`` linking to their pages, from the page ``page_path``."""
    t = Strings(strings, lang)
    base = _site_root(page_path)
    items = []
    for record in records:
        title = pick(record.title, lang)
        attrs = f' lang="{title.lang}"' if title.lang != lang else ""
        kind = catalogue.label("types", record.type, lang)
        items.append((sort_key(title.value), record.id,
                      f'<li><a href={quoteattr(base + f"library/{record.id}/")}{attrs}>{escape(title.value)}</a>'
                      f" ({escape(str(kind))})</li>"))
    items.sort()
    lines = ['<div class="rl-resources">']
    if items:
        lines += [f"<p><strong>{escape(t('resources_here'))}</strong> ({len(items)})</p>", "<ul>"]
        lines += [item for _, _, item in items] + ["</ul>"]
    else:
        lines.append(f"<p><em>{escape(t('no_resources'))}</em></p>")
    lines.append("</div>")
    return "\n".join(lines)


def replace_markers(markdown: str, catalogue, strings: dict, lang: str, page_path: str, shown_path: str,
                    line_offset: int = 0) -> str:
    """``markdown`` with every marker replaced by its HTML, in ``lang`` (see :func:`expand_markers`)."""
    text, blocks = expand_markers(markdown, catalogue, strings, lang, page_path, shown_path, line_offset)
    return insert_blocks(text, blocks)


def expand_markers(markdown: str, catalogue, strings: dict, lang: str, page_path: str, shown_path: str,
                   line_offset: int = 0) -> tuple:
    """``markdown`` with a placeholder for each marker, and the HTML of each, in ``lang``.

    Args:
        page_path: The page's language-neutral source path (``core-elements.md``),
            from which the list's links are made relative.
        shown_path: The file named in problems (``docs/fr/core-elements.md``).
        line_offset: Lines of the file above ``markdown`` (see :func:`front_matter_lines`).
    Returns:
        ``(text, blocks)``: ``text`` has ``<!-- rl-block N -->`` on a line of its own,
        between blank lines, where ``blocks[N]`` (HTML) goes.
    Raises:
        ContentError: listing every bad marker of the page.
    """
    out = []
    blocks: list = []
    problems: list = []
    fence = None
    for number, line in enumerate(markdown.split("\n"), start=1 + line_offset):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) \
                    and not line.strip()[len(opening.group(1)):].strip():
                fence = None
            out.append(line)
            continue
        if opening:
            fence = opening.group(1)
            out.append(line)
            continue
        drawing = _INFOGRAPHIC.match(line)
        if drawing:
            column = line.index("<!--") + 1
            drawing_id = drawing.group("id") or ""
            if drawing_id not in catalogue.infographics:
                known = ", ".join(catalogue.infographics) or "none"
                problems.append(Problem(shown_path, number, column, "infographic marker",
                                        f"no infographic '{drawing_id}' in data/infographics/"
                                        f"{_suggest(drawing_id, catalogue.infographics)}; known: {known}"))
                out.append(line)
            else:
                blocks.append(infographic_figure(catalogue.infographics[drawing_id], catalogue, strings, lang, page_path))
                out += ["", placeholder(len(blocks) - 1), ""]
            continue
        match = _MARKER.match(line)
        if not match:
            out.append(line)
            continue
        column = line.index("<!--") + 1
        criteria, found = parse_marker(match.group("body") or "", catalogue, (shown_path, number, column))
        problems += found
        if found:
            out.append(line)
            continue
        blocks.append(resource_list(matching_records(catalogue, criteria), catalogue, strings, lang, page_path))
        out += ["", placeholder(len(blocks) - 1), ""]
    if problems:
        raise ContentError(problems)
    return "\n".join(out), blocks


def infographic_figure(info, catalogue, strings: dict, lang: str, page_path: str) -> str:
    """HTML of a drawing inlined in the page ``page_path`` (directory URLs), with its download link."""
    t = Strings(strings, lang)
    base = _site_root(page_path)
    size = human_size(len(draw(info, lang, base="../").encode("utf-8")), lang)
    caption = (f'<a href={quoteattr(base + f"infographics/{info.id}.svg")} hreflang="{lang}" download>'
               f'{escape(t("download_infographic"))}</a> <span class="rl-link-meta">'
               f'(SVG, {size}, {escape(t("in_language", language=t.language(lang)))})</span>')
    record = next((r for r in catalogue.records.values() if r.drawing == info.id), None)
    if record is not None:
        caption += f' · <a href={quoteattr(base + f"library/{record.id}/")}>{escape(t("about_infographic"))}</a>'
    links = "".join(f'<li><a href={quoteattr(link["href"])}>{escape(link["label"])}</a></li>'
                    for link in part_links(info, lang, base))
    parts = f'<ul class="rl-part-links">{links}</ul>' if links else ""
    return "\n".join([f'<figure class="rl-figure rl-figure--drawing" id="rl-figure-{info.id}">',
                      draw(info, lang, base=base, inline=True).rstrip("\n"),
                      f'<figcaption class="rl-download">{caption}{parts}</figcaption>', "</figure>"])
