"""Canadian French typography (OQLF rules) for French output, and a linter for sources.

The rules, as the Office québécois de la langue française gives them:

- a no-break space (U+00A0) before the colon ``:``;
- a narrow no-break space (U+202F) before ``;``, ``!`` and ``?``;
- no-break spaces inside guillemets: ``« mot »``;
- a no-break space between a number and the percent sign: ``50 %``.

:func:`french_html` applies them to the text of an HTML page, never to markup:
tags, attributes, comments, ``<code>``, ``<pre>``, ``<kbd>``, ``<script>``,
``<style>`` and the like are copied byte for byte, and so is any element whose
``lang`` says it is not French (English text shown on a French page keeps English
punctuation).  URLs (``https://...``, ``mailto:``), times (``9:30``, ``9 h 30``)
and text that already follows the rules are left alone.

:func:`lint_markdown` reports, in a translator's source (Markdown, front matter
and code excluded), punctuation written without any space before it — the
English habit the build corrects but that a reader of the source file, or of a
copy pasted elsewhere, would still see.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

NBSP = "\u00a0"
NNBSP = "\u202f"
#: Spaces that already keep punctuation with its word (left as they are).
_FIXED_SPACES = NBSP + NNBSP + "\u2007\u2009\u200a"
_BREAKABLE = " \t\r\n"
_URL = re.compile(r"(?:[a-zA-Z][a-zA-Z0-9+.-]*://|mailto:|tel:|www\.)[^\s<>«»\"']*")
_CLOSERS = "»\"”’)]…"
#: The characters the rules act on (text without any of them is left as it is).
_SPECIAL = re.compile("[:;!?%«»]")

#: Elements whose text is never changed.
SKIPPED = frozenset({"code", "kbd", "samp", "pre", "script", "style", "textarea", "var", "svg", "math", "template"})
#: Elements inside a line of text: punctuation right after them belongs to the same sentence.
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
                     "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "del", "ins"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})

MESSAGES = {
    ":": "write a space before ':' (« mot : »); the build makes it a no-break space",
    ";": "write a space before ';' (« mot ; »); the build makes it a narrow no-break space",
    "!": "write a space before '!' (« mot ! »); the build makes it a narrow no-break space",
    "?": "write a space before '?' (« mot ? »); the build makes it a narrow no-break space",
    "«": "write a space after '«' (« mot »); the build makes it a no-break space",
    "»": "write a space before '»' (« mot »); the build makes it a no-break space",
}


def _url_spans(text: str) -> list:
    return [m.span() for m in _URL.finditer(text)]


def _scan(text: str, before: str = "") -> tuple[str, list, str]:
    """Apply the rules to one run of French text.

    Args:
        before: The last character of the French text before this run ('' at the
            start of a block), so that ``<em>mot</em>!`` is handled.
    Returns:
        ``(new text, [(offset, mark)] where a space was missing, last character)``.
    """
    if _SPECIAL.search(text) is None:  # nothing the rules act on: the text as it is
        return text, [], (text[-1] if text else before)
    out: list[str] = []
    missing: list = []
    urls = _url_spans(text)
    url_index = 0
    i, n = 0, len(text)

    def previous() -> str:
        for chunk in reversed(out):
            if chunk:
                return chunk[-1]
        return before

    def strip_breakable() -> bool:
        """Remove trailing breakable spaces from ``out``; True if there was text before them."""
        stripped = False
        while out and out[-1] and out[-1][-1] in _BREAKABLE:
            out[-1] = out[-1].rstrip(_BREAKABLE)
            stripped = True
            if out[-1]:
                break
            out.pop()
        return stripped

    while i < n:
        while url_index < len(urls) and urls[url_index][1] <= i:
            url_index += 1
        if url_index < len(urls) and urls[url_index][0] <= i < urls[url_index][1]:
            end = urls[url_index][1]
            out.append(text[i:end])
            i = end
            continue
        c = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if c in ":;!?":
            space = NBSP if c == ":" else NNBSP
            prev = previous()
            if prev in _BREAKABLE and prev:
                saved = list(out)
                strip_breakable()
                before_spaces = previous()
                if before_spaces and before_spaces not in _BREAKABLE and before_spaces not in _FIXED_SPACES:
                    out.append(space)
                else:
                    out[:] = saved
            elif prev and prev not in _FIXED_SPACES and prev not in ":;!?«(" and \
                    (nxt == "" or nxt in _BREAKABLE or nxt in _FIXED_SPACES or (c != ":" and nxt in _CLOSERS + "!?;:.,")):
                if not (c == ":" and prev.isdigit() and nxt.isdigit()):
                    out.append(space)
                    missing.append((i, c))
            out.append(c)
            i += 1
            continue
        if c == "%" and out and out[-1] in _BREAKABLE and len(out) > 1 and out[-2][-1:].isdigit():
            out[-1] = NBSP  # 50 % : a no-break space between a number and the percent sign
            out.append(c)
            i += 1
            continue
        if c == "«":
            out.append(c)
            j = i + 1
            while j < n and text[j] in _BREAKABLE:
                j += 1
            if j > i + 1:
                out.append(NBSP)
            elif nxt not in _FIXED_SPACES or nxt == "":
                out.append(NBSP)
                if nxt:
                    missing.append((i, c))
            i = j
            continue
        if c == "»":
            prev = previous()
            if prev in _BREAKABLE and prev:
                saved = list(out)
                strip_breakable()
                if previous() and previous() not in _FIXED_SPACES:
                    out.append(NBSP)
                else:
                    out[:] = saved
            elif prev and prev not in _FIXED_SPACES:
                out.append(NBSP)
                missing.append((i, c))
            out.append(c)
            i += 1
            continue
        out.append(c)
        i += 1
    result = "".join(out)
    return result, missing, (result[-1] if result else before)


def french_text(text: str) -> str:
    """``text`` (plain French text, no markup) with the OQLF spaces."""
    return _scan(text)[0]


class _Events(HTMLParser):
    """Records where every tag, comment and run of text starts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events: list = []

    def _add(self, kind, tag=None, attrs=None, data=None):
        self.events.append((self.getpos(), kind, tag, attrs, data))

    def handle_starttag(self, tag, attrs):
        self._add("start", tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._add("startend", tag, attrs)

    def handle_endtag(self, tag):
        self._add("end", tag)

    def handle_data(self, data):
        self._add("data", data=data)

    def handle_comment(self, data):
        self._add("other")

    def handle_decl(self, decl):
        self._add("other")

    def handle_pi(self, data):
        self._add("other")

    def unknown_decl(self, data):
        self._add("other")


def french_html(source: str, lang: str = "fr") -> str:
    """Apply the French rules to the French text nodes of an HTML document or fragment.

    Args:
        lang: The language of text outside any element with a ``lang`` attribute.
    Returns:
        The HTML with only text changed; markup and skipped elements byte-identical.
    """
    parser = _Events()
    parser.feed(source)
    parser.close()
    line_starts = [0]
    for match in re.finditer("\n", source):
        line_starts.append(match.end())
    offsets = [line_starts[line - 1] + column for (line, column), *_ in parser.events]
    if offsets != sorted(offsets) or (offsets and offsets[0] != 0 and source[: offsets[0]].strip()):
        return source  # the parser lost track of positions: change nothing rather than risk markup
    out = [source[: offsets[0]] if offsets else source]
    stack: list = []  # (tag, skipped, french)
    context = ""
    for index, (_, kind, tag, attrs, data) in enumerate(parser.events):
        start = offsets[index]
        end = offsets[index + 1] if index + 1 < len(offsets) else len(source)
        raw = source[start:end]
        skipped = bool(stack and stack[-1][1])
        french = stack[-1][2] if stack else lang.startswith("fr")
        if kind == "start" and tag not in _VOID:
            own_lang = dict(attrs).get("lang")
            is_french = french if own_lang is None else (own_lang or "").lower().startswith("fr")
            stack.append((tag, skipped or tag in SKIPPED, is_french))
            if tag not in _INLINE:
                context = ""
        elif kind == "end":
            names = [entry[0] for entry in stack]
            if tag in names:
                position = len(names) - 1 - names[::-1].index(tag)
                del stack[position:]
            if tag not in _INLINE:
                context = ""
        elif kind in ("start", "startend"):
            if tag not in _INLINE:
                context = ""
        elif kind == "data":
            if skipped or not french:
                # Code or English text stands for a word of the French sentence around it.
                context = "a" if data.strip() else context
            else:
                new, _, context = _scan(data, context)
                if new != data:
                    raw = html.escape(new, quote=False)
        out.append(raw)
    result = "".join(out)
    return result


# -- linting translators' sources ----------------------------------------------------

_MASKS = (
    re.compile(r"\A---[ \t]*\n.*?^---[ \t]*$", re.S | re.M),          # front matter
    re.compile(r"^([ \t]*)(```|~~~).*?^\1\2[ \t]*$", re.S | re.M),    # fenced code blocks
    re.compile(r"`[^`\n]*`"),                                      # code spans
    re.compile(r"<!--.*?-->", re.S),                               # comments
    re.compile(r"</?[a-zA-Z][^>\n]*>"),                            # HTML tags and autolinks
    re.compile(r"\]\([^)\n]*\)"),                                  # link targets
    re.compile(r"^\s{0,3}\[[^\]\n]+\]:.*$", re.M),                 # reference definitions
    re.compile(r"\{:?[^}\n]*\}"),                                  # attribute lists
)


def mask_markdown(text: str) -> str:
    """``text`` with front matter, code, markup and link targets replaced by NUL characters (same length)."""
    for pattern in _MASKS:
        text = pattern.sub(lambda m: re.sub(r"[^\n]", "\x00", m.group(0)), text)
    return text


def lint_markdown(text: str) -> list:
    """Punctuation written without a space in French Markdown: ``[(line, column, message)]``.

    Line and column are 1-based positions in ``text``.
    """
    masked = mask_markdown(text)
    issues = []
    # Masked code or links count as words: "`x`: suite" also needs its space.
    for position, mark in _scan(masked)[1]:
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        issues.append((line, column, MESSAGES[mark]))
    return issues
