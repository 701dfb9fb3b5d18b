"""Load and check the drawing definitions: ``data/infographics/<id>.yml`` → :class:`Infographic` objects.

Each file defines one infographic (its layout, title, parts, links and colours)
in English and French, so a translator changes a French text in YAML and the
drawing follows.  :func:`load_infographics` reads every file and reports, at
file:line:column, unknown fields, links to pages that do not exist, fills on
which the text would lack contrast, and texts that do not fit their boxes in
either language (it lays the drawing out to find them, without writing any SVG).
"""

from __future__ import annotations

import re
from pathlib import Path

from resource_library.drawing.canvas import DrawingError
from resource_library.drawing.colours import ACCENT, INK, MIN_CONTRAST, contrast_ratio
from resource_library.drawing.layouts import lay_out
from resource_library.load.pagefiles import has_anchor, read_page
from resource_library.load.problems import WARNING
from resource_library.load.yamlsource import Document, load_file
from resource_library.model.drawing import (
    COLOUR_PATTERN,
    DEFAULT_FILL,
    LAYOUT_FIELDS,
    LAYOUTS,
    PART_FIELDS,
    Infographic,
    Part,
)
from resource_library.model.ids import id_problem
from resource_library.model.record import LANGUAGES

_LINK = re.compile(r"^(?P<path>[a-z0-9][a-z0-9/_-]*\.md)(?:#(?P<anchor>[a-z0-9][a-z0-9-]*))?$")
_COLOUR = re.compile(COLOUR_PATTERN)


def load_infographics(folder: Path, root: Path, docs_dir: Path, records: dict, pillars) -> tuple[dict, list]:
    """Read and check every ``<folder>/<id>.yml``: ``{id: Infographic}`` and the problems found.

    Args:
        records: The catalogue's records (links may point at their pages).
        pillars: The pillars vocabulary, or None (links may point at pillar pages).
    """
    infographics: dict = {}
    problems: list = []
    if not folder.is_dir():
        return infographics, problems
    generated = {"library/index.md", "pillars/index.md", "infographics/index.md"}
    generated |= {f"library/{rid}.md" for rid in records}
    if pillars is not None:
        generated |= {f"pillars/{pid}.md" for pid in pillars.terms}
    for file in sorted(folder.glob("*.yml")):
        try:
            shown = (file.parent.resolve() / file.name).relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            shown = str(file)
        doc = load_file(file, shown)
        found = list(doc.problems)
        if doc.ok:
            info, more = _read(doc, file.stem, docs_dir, generated)
            found += more
            if info is not None and not any(p.is_error for p in found):
                found += _check_drawable(doc, info)
                if not any(p.is_error for p in found):
                    infographics[info.id] = info
        problems += found
    return infographics, problems


def _localized(doc: Document, value, path: tuple, problems: list, required: bool = True) -> dict:
    if value is None and not required:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        problems.append(doc.problem(path, "expected English and French texts: `en:` and `fr:`"))
        return {}
    for lang in value:
        if lang not in LANGUAGES:
            problems.append(doc.problem(path + (lang,), f"unknown language '{lang}'; use en or fr", key=True))
    if not value.get("en"):
        problems.append(doc.problem(path, "the English text (`en:`) is required"))
    elif not value.get("fr"):
        problems.append(
            doc.problem(path, "no French text (`fr:`) yet: the French drawing shows the English text", WARNING)
        )
    return value


def _read(doc: Document, stem: str, docs_dir: Path, generated: set) -> tuple[Infographic | None, list]:
    problems: list = []
    data = doc.data
    if not isinstance(data, dict):
        return None, [doc.problem((), "an infographic is a mapping (layout:, title:, parts:, ...)")]
    wrong = id_problem(stem, "drawing name", reserved=True)
    if wrong:
        problems.append(doc.problem((), f"rename the file (its name is the drawing's name): {wrong}"))
    layout = data.get("layout")
    if layout not in LAYOUTS:
        problems.append(doc.problem(("layout",), f"unknown layout '{layout}'; use one of {', '.join(LAYOUTS)}"))
        return None, problems
    allowed = {"layout", "title", "summary", "parts"} | LAYOUT_FIELDS[layout]
    for key in data:
        if key not in allowed:
            problems.append(
                doc.problem(
                    (key,),
                    f"unknown field '{key}' for the layout '{layout}'; allowed: {', '.join(sorted(allowed))}",
                    key=True,
                )
            )

    def part(value, path) -> Part | None:
        if not isinstance(value, dict):
            problems.append(doc.problem(path, "a part is a mapping (id:, label:, link:, fill:, ...)"))
            return None
        for key in value:
            if key not in PART_FIELDS:
                problems.append(
                    doc.problem(
                        path + (key,), f"unknown field '{key}'; allowed: {', '.join(sorted(PART_FIELDS))}", key=True
                    )
                )
        pid = value.get("id")
        wrong = (
            id_problem(pid, "part id", doc.column(path + ("id",)))
            if isinstance(pid, str)
            else "each part needs an `id` (lowercase letters, digits and hyphens)"
        )
        if wrong:
            problems.append(doc.problem(path + ("id",), wrong))
        fill = value.get("fill", DEFAULT_FILL)
        if not isinstance(fill, str) or not _COLOUR.match(fill):
            problems.append(doc.problem(path + ("fill",), f"'{fill}' is not a colour; write #rrggbb"))
            fill = DEFAULT_FILL
        else:
            for colour, role in ((INK, "text"), (ACCENT, "kicker")):
                ratio = contrast_ratio(fill, colour)
                if ratio < MIN_CONTRAST:
                    problems.append(
                        doc.problem(
                            path + ("fill",),
                            f"the {role} colour {colour} on {fill} has a contrast of {ratio:.2f}:1; it must be at least {MIN_CONTRAST}:1 (choose a lighter fill)",
                        )
                    )
        letter = value.get("letter")
        if letter is not None and (not isinstance(letter, str) or len(letter) > 2):
            problems.append(doc.problem(path + ("letter",), "a letter is one or two characters"))
        link = value.get("link")
        if link is not None:
            problems.extend(_check_link(doc, path + ("link",), link, docs_dir, generated))
        return Part(
            id=pid if isinstance(pid, str) else "?",
            label=_localized(doc, value.get("label"), path + ("label",), problems),
            text=_localized(doc, value.get("text"), path + ("text",), problems, required=False),
            kicker=_localized(doc, value.get("kicker"), path + ("kicker",), problems, required=False),
            letter=letter if isinstance(letter, str) else None,
            link=link if isinstance(link, str) else None,
            fill=fill,
            path=path,
        )

    def part_list(value, path, minimum=1) -> list:
        if not isinstance(value, list) or len(value) < minimum:
            problems.append(
                doc.problem(path, f"expected a list of at least {minimum} part{'s' if minimum > 1 else ''}")
            )
            return []
        out = [part(v, path + (i,)) for i, v in enumerate(value)]
        ids = [p.id for p in out if p]
        for i, pid in enumerate(ids):
            if pid in ids[:i]:
                problems.append(doc.problem(path + (i, "id"), f"the part id '{pid}' is used twice"))
        return [p for p in out if p]

    info = Infographic(
        id=stem,
        layout=layout,
        title=_localized(doc, data.get("title"), ("title",), problems),
        summary=_localized(doc, data.get("summary"), ("summary",), problems),
        source=doc.path,
        parts=part_list(data.get("parts"), ("parts",), minimum=2),
        note=_localized(doc, data.get("note"), ("note",), problems, required=False),
    )
    if layout == "columns" and "roof" in data:
        roof = data["roof"]
        if isinstance(roof, dict) and "id" not in roof:
            roof = {"id": "roof", **roof}
        info.roof = part(roof, ("roof",))
    if layout == "tiles":
        for i, p in enumerate(info.parts):
            if not p.letter:
                problems.append(doc.problem(("parts", i), "each tile needs a `letter`"))
    if layout == "hub":
        for key in ("partner", "centre"):
            if key in data or key == "centre":
                setattr(info, key, part(data.get(key), (key,)))
        info.chain = part_list(data.get("chain"), ("chain",)) if "chain" in data else []
    if layout == "steps" and "footer" in data:
        footer = data["footer"]
        if not isinstance(footer, dict):
            problems.append(doc.problem(("footer",), "expected `label:` and `parts:`"))
        else:
            for key in sorted(set(footer) - {"label", "parts"}, key=str):
                problems.append(
                    doc.problem(("footer", key), f"unknown field '{key}' in `footer`; allowed: label, parts", key=True)
                )
            info.footer_label = _localized(doc, footer.get("label"), ("footer", "label"), problems, required=False)
            info.footer = part_list(footer.get("parts"), ("footer", "parts"))
    return info, problems


def _check_link(doc: Document, path: tuple, link, docs_dir: Path, generated: set) -> list:
    match = _LINK.match(link) if isinstance(link, str) else None
    if not match:
        return [
            doc.problem(
                path,
                f"'{link}' is not a page link; write the page's file under docs/, e.g. core-elements.md#alignment or pillars/<id>.md",
            )
        ]
    page, anchor = match.group("path"), match.group("anchor")
    if page in generated:
        return []
    source = docs_dir / page
    if not source.is_file():
        return [
            doc.problem(
                path,
                f"no page '{page}': neither a file under docs/ nor a generated page (library/<record id>.md, pillars/<pillar id>.md)",
            )
        ]
    if anchor:
        for candidate in (source, docs_dir / "fr" / page):
            shown = (
                candidate.relative_to(docs_dir.parent).as_posix()
                if docs_dir.parent in candidate.parents
                else candidate.name
            )
            # A page that cannot be read is reported on its own (load/pagefiles.py, load/files.py).
            text = read_page(candidate, shown)[0] if candidate.exists() else None
            if text is not None and not has_anchor(text, anchor):
                return [doc.problem(path, f"{shown} has no heading with the anchor {{ #{anchor} }}")]
    return []


def _check_drawable(doc: Document, info: Infographic) -> list:
    problems = []
    for lang in LANGUAGES:
        try:
            lay_out(info, lang)
        except DrawingError as exc:
            problems.append(doc.problem(exc.path, f"in {lang}: {exc}"))
    return problems
