"""What an editor may write in a text: no raw HTML, no script, no unsafe link.

Every text of every content file goes through :func:`scan_document`.  Plain texts
(titles, summaries, labels) are escaped by the templates, but raw HTML in them is
still refused so that an editor is told at once that it will not work.  Markdown
texts (``description``, a program's ``contact``) are handed to MkDocs' Markdown,
which passes HTML through and lets ``attr_list`` set any attribute, so they are
held to stricter rules:

- no raw HTML at all (tags, comments, processing instructions), even in code;
- every link target (inline links, images, reference definitions, autolinks) is
  read the way a browser reads it (character references decoded, tabs, line
  breaks and control characters dropped) and must be ``https:``, ``http:`` (with
  a warning), ``mailto:``, ``tel:``, an anchor or a relative path;
- attribute lists (``{...}``) may only give classes and ids.
"""

from __future__ import annotations

import re
from typing import Iterator

from resource_library.load.markdownlimits import MAX_TEXT_LENGTH, markdown_limits
from resource_library.load.problems import ERROR, WARNING, Problem
from resource_library.load.yamlsource import Document, field_name
from resource_library.text.scan import LineIndex, scheme_of

#: Fields whose text is Markdown, in any content file.
MARKDOWN_KEYS = frozenset({"description", "contact"})

# An HTML tag, end tag, comment, declaration or processing instruction: "<" directly
# followed by a letter, "/", "!" or "?" (as in the HTML tokenizer, "a < b" is text).
_HTML = re.compile(r"<(?:[a-zA-Z]|/[a-zA-Z]|!|\?)[^<>\n]{0,30}")
_SAFE_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^<>\s]*>", re.I)
# A link target: "](" then spaces and an optional "<"; the target runs to the first ")" or ">".
_LINK_OPENING = re.compile(r"\]\(\s*<?")
_LINK_END = re.compile(r"[)>]")
_OTHER_TARGETS = (
    re.compile(r"^[ \t>]*\[[^\[\]\n]*\]:[ \t]*\n?[ \t>]*<?([^\s>]+)", re.M),  # [ref]: target (any indent)
    re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>"),                  # <scheme:...>
)
# "{" to the first "}" of its line; one that is never closed reads to the end of the line, so
# that the next "{" of that line is not read again (the last group is empty then).
_ATTR_LIST = re.compile(r"\{([^}\n]*)(\}?)")
_SAFE_ATTR = re.compile(r"^(?:[.#][A-Za-z0-9_-]+)$")
# Where the title after a target starts ("url 'title'"); only at the start of a run of spaces.
_TITLE = re.compile(r"(?<!\s)\s+[\"'(].*$", re.S)
SAFE_SCHEMES = ("https", "mailto", "tel")


def link_scheme(target: str) -> str | None:
    """The scheme a browser would see in ``target`` (``None`` for a relative link)."""
    return scheme_of(target)


def _link_targets(text: str):
    """``(offset, start, end)`` of every link target: ``[text](target)``, ``![alt](target)``,
    reference definitions and autolinks.

    Each ``](`` gives a target, even inside another one (``[a]([b](c)``).  Targets
    that share their end are not read again: the first ``)`` or ``>`` after each
    opening is found once for all the openings before it, so the scan is linear.
    """
    end = -1
    for opening in _LINK_OPENING.finditer(text):
        start = opening.end()
        if end < start:
            found = _LINK_END.search(text, start)
            end = found.start() if found else len(text)
        yield opening.start(), start, end
    for pattern in _OTHER_TARGETS:
        for match in pattern.finditer(text):
            yield match.start(), match.start(1), match.end(1)


def _shown_target(text: str, start: int, end: int) -> str:
    """The beginning of a target as messages show it: without spaces around it, or its title."""
    return _TITLE.sub("", text[start:min(end, start + 500)].strip())


def unsafe_spans(text: str, markdown: bool) -> Iterator[tuple[int, str, str]]:
    """``(offset, severity, message)`` for each unsafe piece of ``text``."""
    # Autolinks are not HTML; in Markdown, the link rules below judge their target.
    autolinks = _OTHER_TARGETS[1] if markdown else _SAFE_AUTOLINK
    visible = autolinks.sub(lambda m: " " * len(m.group(0)), text)
    match = _HTML.search(visible)
    if match:  # one report per text: the first tag is enough to say what to change
        piece = match.group(0)
        tag = re.match(r"</?[a-zA-Z][a-zA-Z0-9-]*", piece)
        what = "an HTML comment" if piece.startswith("<!--") else f"'{tag.group(0)}>'" if tag else f"'{piece[:12]}'"
        advice = "use Markdown instead (see CONTRIBUTING.md)" if markdown else "write plain text"
        yield match.start(), ERROR, f"raw HTML is not allowed ({what}); {advice}"
    if not markdown:
        return
    for offset, start, end in _link_targets(text):
        scheme = scheme_of(text, start, end)
        if scheme is None or scheme in SAFE_SCHEMES:
            continue
        target = _shown_target(text, start, end)
        if scheme == "http":
            yield offset, WARNING, f"the link '{target[:60]}' is not encrypted; use https:// if the site offers it"
        else:
            yield offset, ERROR, (f"the link target '{target[:40]}' is not allowed ({scheme}: links can run code "
                                  "or hide content); use https://, mailto: or a page of the site")
    for match in _ATTR_LIST.finditer(text):
        if not match.group(2):
            continue
        tokens = match.group(1).lstrip(":").split()
        if tokens and not all(_SAFE_ATTR.match(t) for t in tokens):
            yield match.start(), ERROR, (f"'{match.group(0)[:40]}' is an attribute list, which could add HTML attributes; "
                                         "remove the braces (only {.class} and {#id} are allowed)")


def check_text(doc: Document, text: str, path: tuple, markdown: bool) -> list:
    """Problems of one text value at ``path`` of ``doc``."""
    problems = []
    lines = None
    found = list(unsafe_spans(text, markdown))
    if markdown:  # texts Markdown would take minutes to read, or fail on
        found += [(offset, ERROR, message) for offset, message in markdown_limits(text, MAX_TEXT_LENGTH)]
    for offset, severity, message in found:
        lines = lines or LineIndex(text)
        line, column = doc.positions.of_text_line(path, lines.line_index(offset))
        problems.append(Problem(doc.path, line, column, field_name(path), message, severity))
    return problems


def scan_document(doc: Document, markdown_keys=MARKDOWN_KEYS) -> list:
    """Check every text of a loaded file; Markdown rules under ``markdown_keys``."""
    problems: list = []

    def walk(value, path, markdown):
        if isinstance(value, str):
            problems.extend(check_text(doc, value, path, markdown))
        elif isinstance(value, dict):
            for key, sub in value.items():
                walk(sub, path + (key,), markdown or key in markdown_keys)
        elif isinstance(value, list):
            for index, sub in enumerate(value):
                walk(sub, path + (index,), markdown)

    walk(doc.data, (), False)
    return problems
