"""Warnings for editors: what does not break the site but deserves a second look.

A record with no French yet, an image whose French version has no French text
alternative, a Markdown image without alternative text: the site still builds
(the reader gets the English text), so these are warnings, printed by
``scripts/library check`` and shown on pull requests.  A link to a page or file
that does not exist stops a strict build: ``load/links.py`` reports it as an error.

One error is found here too, because it is found while reading a description's
links: a link or an image leading to a file of the site of a type the site does
not publish (an HTML page, a script), judged by the allow-list of
:func:`resource_library.load.files.link_refusal`.
"""

from __future__ import annotations

import re

from resource_library.load.files import IMAGE_SUFFIXES, link_refusal
from resource_library.load.problems import ERROR, WARNING
from resource_library.load.textsafety import link_scheme
from resource_library.load.yamlsource import Document
from resource_library.model.record import TEXT_FIELDS
from resource_library.text.scan import LineIndex

#: The warning about a text still holding the placeholder `scripts/library new` wrote.
PLACEHOLDER_WARNING = "still holds a placeholder (TODO); write the real text"


def stops_strict_build(problem) -> bool:
    """Whether a warning stops ``mkdocs build --strict``: unfinished text would be published as is.

    ``check`` reports it as a warning (a record may be saved half-written); the build
    logs it as a warning, which the strict build counts as a failure.
    """
    return not problem.is_error and problem.message == PLACEHOLDER_WARNING


# "![alt](target" and "[text](target": the opening, its text up to the first "]", then the target
# when "(" follows.  A bracket whose "]" has no "(" after it is read to that "]" (or to the end
# of the text) and skipped, so no later opening reads the same text again: each scan is linear.
_MD_IMAGE = re.compile(r"!\[([^\]]*)(?:\]\(\s*<?([^)>\s]*)|\]|\Z)")
_MD_LINK = re.compile(r"(?<!!)\[[^\]]*(?:\]\(\s*<?([^)>\s]*)|\]|\Z)")
# A reference definition, "[name]: target" at the start of a line (only its type is judged).
_MD_REFERENCE = re.compile(r"^[ \t>]*\[[^\[\]\n]*\]:[ \t]*<?([^\s>]+)", re.M)


def record_warnings(doc: Document) -> list:
    """Warnings about one valid record (its data passed validation), from its file alone:
    whether its links lead somewhere is ``load/links.py``'s."""
    data = doc.data
    problems = []
    texts = {name: data[name] for name in TEXT_FIELDS if isinstance(data.get(name), dict)}
    if not any(value.get("fr") for value in texts.values()):
        problems.append(
            doc.problem(
                ("title",),
                "this record has no French yet; the French page will show the English "
                "text with a notice (add `fr:` under title, summary and the other texts)",
                WARNING,
                key=True,
            )
        )
    else:
        for name, value in texts.items():
            if value.get("en") and not value.get("fr"):
                problems.append(
                    doc.problem((name,), f"`{name}` has no French (`fr:`) while other fields do", WARNING, key=True)
                )

    for name, value in texts.items():
        for lang, text in value.items():
            if isinstance(text, str) and text.lstrip().upper().startswith("TODO"):
                problems.append(doc.problem((name, lang), PLACEHOLDER_WARNING, WARNING))

    image, alt = data.get("image") or {}, data.get("alt") or {}
    for lang in image:
        if not alt.get(lang):
            language = "French" if lang == "fr" else "English"
            problems.append(
                doc.problem(
                    ("image", lang),
                    f"the {language} image has no {language} text alternative (add `{lang}:` under `alt`)",
                    WARNING,
                )
            )
    for lang, text in alt.items():
        title = (data.get("title") or {}).get(lang)
        if isinstance(text, str) and title and text.strip().casefold() == title.strip().casefold():
            problems.append(
                doc.problem(
                    ("alt", lang), "the text alternative repeats the title; say what the picture shows", WARNING
                )
            )

    description = data.get("description")
    if isinstance(description, dict):
        for lang, text in description.items():
            if isinstance(text, str):
                problems += _description_warnings(doc, ("description", lang), text)
    return problems


def _description_warnings(doc: Document, path: tuple, text: str) -> list:
    problems = []
    lines = LineIndex(text)
    images = [m for m in _MD_IMAGE.finditer(text) if m.group(2) is not None]
    links = [m for m in _MD_LINK.finditer(text) if m.group(1) is not None]
    for match in images:
        if not match.group(1).strip():
            problems.append(
                doc.problem(
                    path,
                    f"the image '{match.group(2)[:40]}' has no text alternative; "
                    "write it between the brackets: ![what the image shows](...)",
                    WARNING,
                    line_index=lines.line_index(match.start()),
                )
            )
    references = list(_MD_REFERENCE.finditer(text))
    for match, image in [(m, True) for m in images] + [(m, False) for m in links + references]:
        assert match.lastindex is not None  # each of these patterns has a group, which matched (filtered above)
        target = match.group(match.lastindex)
        if not target or target.startswith("#") or link_scheme(target):
            continue
        refused = link_refusal(target.split("#", 1)[0].split("?", 1)[0], IMAGE_SUFFIXES if image else ())
        if refused:
            what = "image" if image else "link"
            problems.append(
                doc.problem(
                    path, f"the {what} '{target[:60]}' {refused}", ERROR, line_index=lines.line_index(match.start())
                )
            )
    return problems
