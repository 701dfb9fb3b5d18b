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
- attribute lists (``{...}``) may only give classes and ids;
- images come from the site itself: an ``http(s)://`` or ``//host`` image is
  refused (the site's security policy would block it, and it would tell another
  host who reads the page).

Hand-written pages (``load/pages.py``) are held to the Markdown rules too, with
their code blocks and code spans set aside; there every line with raw HTML is
reported, not only the first.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections.abc import Iterator

from resource_library.load.markdownlimits import MAX_TEXT_LENGTH, markdown_limits
from resource_library.load.problems import ERROR, WARNING, Problem
from resource_library.load.yamlsource import Document, field_name
from resource_library.text.scan import LineIndex

#: Fields whose text is Markdown, in any content file.
MARKDOWN_KEYS = frozenset({"description", "contact"})

# An HTML tag, end tag, comment, declaration or processing instruction: "<" directly
# followed by a letter, "/", "!" or "?" (as in the HTML tokenizer, "a < b" is text).
_HTML = re.compile(r"<(?:[a-zA-Z]|/[a-zA-Z]|!|\?)[^<>\n]{0,30}")
_SAFE_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^<>\s]*>", re.I)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Characters a browser drops from a URL, or strips before reading its scheme.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")
_LINK_TARGETS = (
    # [text](target), ![alt](target): every "](" (so "[a]([b](c)" yields both targets), the
    # target running to the next ")" or ">"; read by _inline_targets in linear time.
    re.compile(r"\]\("),
    re.compile(r"^[ \t>]*\[[^\[\]\n]*\]:[ \t]*\n?[ \t>]*<?([^\s>]+)", re.M),  # [ref]: target (any indent)
    re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>"),  # <scheme:...>
)
_SPACES = re.compile(r"\s*")
_TARGET_END = re.compile(r"[)>]")
# A scheme is decided before the first character that can be neither in a scheme, nor
# noise, nor in a character reference (or at a ":"): the scheme is read up to there.
_SCHEME_READ = re.compile(r"[^A-Za-z0-9+.\-&#;\x00-\x20\x7f]")
#: How much of a target is read to show it in a message (messages show 40 to 60 characters).
_SHOWN = 512
# An attribute list runs from "{" to the next "}" on its line; read by _brace_groups.
_BRACE_END = re.compile(r"[}\n]")
# Python-Markdown's e-mail autolink, <name@host>: a mailto: link, not HTML.
_MAIL_AUTOLINK = re.compile(r"<[^<> !]+@[^@<> ]+>")
# Images: every bracket (escaped ones skipped), matched with a stack so that nested
# brackets cost nothing more; what follows the closing bracket is read with bounded
# quantifiers (a link label is at most 999 characters in Markdown).
_BRACKET = re.compile(r"\\.|[\[\]]", re.S)
_INLINE_TARGET = re.compile(r"\(\s{0,64}<?([^\s)>]{0,512})")
_REFERENCE = re.compile(r"\[([^\[\]\n]{0,999})\]")
_DEFINITION = re.compile(r"^[ \t>]{0,12}\[([^\[\]\n]{1,999})\]:[ \t]*\n?[ \t>]{0,12}<?([^\s>]{1,512})", re.M)
_SAFE_ATTR = re.compile(r"^(?:[.#][A-Za-z0-9_-]+)$")
SAFE_SCHEMES = ("https", "mailto", "tel")


def link_scheme(target: str) -> str | None:
    """The scheme a browser would see in ``target`` (``None`` for a relative link)."""
    # Every build asks again for every link of every record: the answers are kept
    # (for the usual lengths of an address: a text may be one long line).
    return _known_scheme(target) if len(target) <= _KEPT_TARGET else _scheme(target)


_KEPT_TARGET = 2048


def _scheme(target: str) -> str | None:
    decoded = _URL_NOISE.sub("", html.unescape(target))
    match = _SCHEME.match(decoded)
    return match.group(1).lower() if match else None


_known_scheme = functools.lru_cache(maxsize=1 << 15)(_scheme)


def _inline_targets(text: str) -> Iterator[tuple[int, str, str]]:
    """``(offset of "]", target as shown, the part of it that decides its scheme)`` of each
    ``](target`` of ``text``.

    Each target runs from after ``(`` (spaces and one ``<`` skipped) to the next ``)`` or
    ``>``, so targets overlap ("](](](..." without a closing parenthesis); only the part
    that decides the scheme is read (it stops at the next "]" at the latest) and at most
    :data:`_SHOWN` characters are shown, which keeps the scan linear.
    """
    ends = [m.start() for m in _TARGET_END.finditer(text)]
    for opener in _LINK_TARGETS[0].finditer(text):
        spaces = _SPACES.match(text, opener.end())
        assert spaces is not None  # r"\s*" matches everywhere, if only the empty string
        start = spaces.end()
        if text.startswith("<", start):
            start += 1
        index = bisect.bisect_left(ends, start)
        end = ends[index] if index < len(ends) else len(text)
        decided = _SCHEME_READ.search(text, start, end)
        yield opener.start(), text[start : min(end, start + _SHOWN)], text[start : decided.end() if decided else end]


def _brace_groups(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, text between the braces)`` of each ``{...}`` closed on its line, as
    ``re.finditer(r"\\{([^}\\n]*)\\}")`` finds them, in linear time."""
    position = 0
    while True:
        start = text.find("{", position)
        if start < 0:
            return
        end = _BRACE_END.search(text, start + 1)
        if end is None:
            return
        if end.group(0) == "}":
            yield start, text[start + 1 : end.start()]
        # Every "{" before a line break that comes first would stop at that same line break.
        position = end.end()


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def _other_host(target: str) -> bool:
    """Whether an image at ``target`` would be fetched from another host."""
    decoded = _URL_NOISE.sub("", html.unescape(target))
    scheme = _SCHEME.match(decoded)
    if scheme:
        return scheme.group(1).lower() in ("http", "https")
    # A browser reads a backslash as a slash here: //host, \\host and /\host all leave the site.
    return decoded[:2].replace("\\", "/") == "//"


def remote_images(text: str) -> Iterator[tuple[int, str]]:
    """``(offset of the "!", target)`` of each Markdown image of ``text`` fetched from another host.

    Inline images (``![alt](target)``) and reference images (``![alt][label]``,
    ``![label][]``, ``![label]``) resolved through the text's definitions.
    """
    definitions: dict = {}
    for match in _DEFINITION.finditer(text):
        definitions.setdefault(" ".join(match.group(1).split()).lower(), match.group(2))
    stack: list = []
    for match in _BRACKET.finditer(text):
        bracket = match.group(0)
        if bracket == "[":
            stack.append(match.start())
            continue
        if bracket != "]" or not stack:
            continue
        opening = stack.pop()
        if opening == 0 or text[opening - 1] != "!":
            continue
        escapes = opening - 1
        while escapes > 0 and text[escapes - 1] == "\\":  # each run of backslashes precedes one bracket
            escapes -= 1
        if (opening - 1 - escapes) % 2:  # \![...]: a link after a "!"
            continue
        inline = _INLINE_TARGET.match(text, match.end())
        if inline:
            target = inline.group(1)
        else:
            reference = _REFERENCE.match(text, match.end())
            label = (
                reference.group(1)
                if reference and reference.group(1).strip()
                else text[opening + 1 : min(match.start(), opening + 1000)]
            )
            target = definitions.get(" ".join(label.split()).lower(), "")
        if target and _other_host(target):
            yield opening - 1, target


def unsafe_spans(text: str, markdown: bool, every_line: bool = False) -> Iterator[tuple[int, str, str]]:
    """``(offset, severity, message)`` for each unsafe piece of ``text``.

    Raw HTML is reported once per text (the first tag is enough to say what to
    change), or once per line with ``every_line`` (a long page).
    """
    # Autolinks are not HTML; in Markdown, the link rules below judge their target.
    if markdown:
        visible = _MAIL_AUTOLINK.sub(_blank, _LINK_TARGETS[2].sub(_blank, text))
    else:
        visible = _SAFE_AUTOLINK.sub(_blank, text)
    line, counted, reported_line = 0, 0, -1
    for match in _HTML.finditer(visible):
        if every_line:  # counted from the previous match on: linear in the text
            line += visible.count("\n", counted, match.start())
            counted = match.start()
        if line == reported_line:
            continue
        reported_line = line
        piece = match.group(0)
        tag = re.match(r"</?[a-zA-Z][a-zA-Z0-9-]*", piece)
        what = "an HTML comment" if piece.startswith("<!--") else f"'{tag.group(0)}>'" if tag else f"'{piece[:12]}'"
        advice = "use Markdown instead (see CONTRIBUTING.md)" if markdown else "write plain text"
        yield match.start(), ERROR, f"raw HTML is not allowed ({what}); {advice}"
        if not every_line:
            break
    if not markdown:
        return
    targets = list(_inline_targets(text))
    for pattern in _LINK_TARGETS[1:]:
        targets += [(m.start(), m.group(1), m.group(1)) for m in pattern.finditer(text)]
    for offset, shown, decisive in targets:
        scheme = link_scheme(decisive)
        if scheme is None or scheme in SAFE_SCHEMES:
            continue
        target = re.sub(r"\s+[\"'(].*$", "", shown.strip(), flags=re.S)
        if scheme == "http":
            yield offset, WARNING, f"the link '{target[:60]}' is not encrypted; use https:// if the site offers it"
        else:
            yield (
                offset,
                ERROR,
                (
                    f"the link target '{target[:40]}' is not allowed ({scheme}: links can run code "
                    "or hide content); use https://, mailto: or a page of the site"
                ),
            )
    for offset, inside in _brace_groups(text):
        tokens = inside.lstrip(":").split()
        if tokens and not all(_SAFE_ATTR.match(t) for t in tokens):
            group = "{" + inside + "}"
            yield (
                offset,
                ERROR,
                (
                    f"'{group[:40]}' is an attribute list, which could add HTML attributes; "
                    "remove the braces (only {.class} and {#id} are allowed)"
                ),
            )
    for offset, target in remote_images(text):
        yield (
            offset,
            ERROR,
            (
                f"the image '{target[:60]}' comes from another site, which the site's security policy "
                "blocks (and which would tell that site who reads the page); save the image under docs/ "
                "and give its relative path"
            ),
        )


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
