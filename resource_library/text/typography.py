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
from bisect import bisect_right

from resource_library.text.markup import MarkupFinder
from resource_library.text.scan import LineIndex, unescape

NBSP = "\u00a0"
NNBSP = "\u202f"
#: Spaces that already keep punctuation with its word (left as they are).
_FIXED_SPACES = NBSP + NNBSP + "\u2007\u2009\u200a"
_BREAKABLE = " \t\r\n"
# A scheme is tried only where a run of scheme characters starts (then from its first letter,
# group "scheme"): tried from each letter of a long word, it would read the word again each time.
_URL = re.compile(
    r"(?<![a-zA-Z0-9+.-])[0-9+.-]*(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^\s<>«»\"']*"
    r"|(?:mailto:|tel:|www\.)[^\s<>«»\"']*"
)
_CLOSERS = '»"”’)]…'
#: The characters the rules act on (text without any of them is left as it is).
_SPECIAL = re.compile("[:;!?%«»]")

#: Elements whose text is never changed.
SKIPPED = frozenset({"code", "kbd", "samp", "pre", "script", "style", "textarea", "var", "svg", "math", "template"})
#: Elements inside a line of text: punctuation right after them belongs to the same sentence.
_INLINE = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "dfn",
        "em",
        "i",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
        "del",
        "ins",
    }
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)

MESSAGES = {
    ":": "write a space before ':' (« mot : »); the build makes it a no-break space",
    ";": "write a space before ';' (« mot ; »); the build makes it a narrow no-break space",
    "!": "write a space before '!' (« mot ! »); the build makes it a narrow no-break space",
    "?": "write a space before '?' (« mot ? »); the build makes it a narrow no-break space",
    "«": "write a space after '«' (« mot »); the build makes it a no-break space",
    "»": "write a space before '»' (« mot »); the build makes it a no-break space",
}


def _url_spans(text: str) -> list:
    return [(m.start("scheme") if m.group("scheme") else m.start(), m.end()) for m in _URL.finditer(text)]


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

    def strip_breakable() -> list:
        """Remove trailing breakable spaces from ``out``; returns what :func:`restore` needs to put them back."""
        removed: list[
            str | None
        ] = []  # the pieces changed, last first (copying all of ``out`` would make the scan quadratic)
        while out and out[-1] and out[-1][-1] in _BREAKABLE:
            removed.append(out[-1])
            out[-1] = out[-1].rstrip(_BREAKABLE)
            if out[-1]:
                removed.append(None)  # this piece was shortened, not removed
                break
            out.pop()
        return removed

    def restore(removed: list) -> None:
        if removed and removed[-1] is None:
            removed.pop()
            out.pop()
        out.extend(reversed(removed))

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
                saved = strip_breakable()
                before_spaces = previous()
                if before_spaces and before_spaces not in _BREAKABLE and before_spaces not in _FIXED_SPACES:
                    out.append(space)
                else:
                    restore(saved)
            elif (
                prev
                and prev not in _FIXED_SPACES
                and prev not in ":;!?«("
                and (
                    nxt == "" or nxt in _BREAKABLE or nxt in _FIXED_SPACES or (c != ":" and nxt in _CLOSERS + "!?;:.,")
                )
            ):
                if not (c == ":" and prev.isdigit() and nxt.isdigit()):
                    out.append(space)
                    missing.append((i, c))
            out.append(c)
            i += 1
            continue
        if (
            c == "%"
            and out
            and out[-1][-1] in _BREAKABLE
            and (out[-1][-2:-1] if len(out[-1]) > 1 else out[-2][-1:] if len(out) > 1 else "").isdigit()
        ):
            out[-1] = out[-1][:-1] + NBSP  # 50 % : a no-break space between a number and the percent sign
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
                saved = strip_breakable()
                if previous() and previous() not in _FIXED_SPACES:
                    out.append(NBSP)
                else:
                    restore(saved)
            elif prev and prev not in _FIXED_SPACES:
                out.append(NBSP)
                missing.append((i, c))
            out.append(c)
            i += 1
            continue
        # The text up to the next character the rules act on (or the next address) is copied as it is.
        found = _SPECIAL.search(text, i + 1)
        stop = found.start() if found else n
        if url_index < len(urls) and i < urls[url_index][0] < stop:
            stop = urls[url_index][0]
        out.append(text[i:stop])
        i = stop
    result = "".join(out)
    return result, missing, (result[-1] if result else before)


def french_text(text: str) -> str:
    """``text`` (plain French text, no markup) with the OQLF spaces."""
    return _scan(text)[0]


_TAG_NAME = re.compile(r"</?([a-zA-Z][^\t\n\r\f />\x00]*)")
_ATTRIBUTE = re.compile(r"""([^\s/>"'=][^\s/>=]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
#: Elements whose content is raw text up to their end tag (as ``html.parser`` reads them).
_RAW_TEXT = {"script": re.compile(r"</\s*script\s*>", re.I), "style": re.compile(r"</\s*style\s*>", re.I)}
_NO_LANG = object()


def _lang_attribute(tag: str):
    """The value of a start tag's ``lang`` attribute (None without a value), or ``_NO_LANG``."""
    if "lang" not in tag.lower():
        return _NO_LANG
    name = _TAG_NAME.match(tag)
    assert name is not None  # a start tag from MarkupFinder: "<" and a letter
    name_end = name.end()
    found = _NO_LANG
    for match in _ATTRIBUTE.finditer(tag, name_end, len(tag) - 1):
        if match.group(1).lower() == "lang":
            value = match.group(2)
            if value is not None and value[:1] in ("'", '"'):
                value = value[1:-1]
            found = unescape(value) if value else value
    return found


def _events(source: str, position: int = 0, markup: MarkupFinder | None = None):
    """``(start, end, kind, tag, lang attribute, text)`` of every tag, comment and run of text from ``position``.

    Kinds: ``start``, ``startend`` (``<x/>``), ``end``, ``data`` (text with its
    character references resolved), ``stray`` (a ``<`` that starts no markup: a run
    of text of its own), ``raw`` (the content of ``<script>`` and ``<style>``, up
    to their end tag) and ``other`` (comments and the like, the markup as ``text``).
    ``markup`` is the :class:`MarkupFinder` of ``source`` when the caller reads it more than once.
    """
    length = len(source)
    markup = markup or MarkupFinder(source)
    while position < length:
        match = markup.search(position)
        stop = length if match is None else match[0]
        while position < stop:  # the text before the markup, cut at every "<" (a "<" alone is text)
            if source[position] == "<":
                yield position, position + 1, "stray", None, _NO_LANG, "<"
                position += 1
                continue
            cut = source.find("<", position, stop)
            cut = stop if cut < 0 else cut
            chunk = source[position:cut]
            yield position, cut, "data", None, _NO_LANG, chunk if "&" not in chunk else unescape(chunk)
            position = cut
        if match is None:
            return
        piece = source[match[0] : match[1]]
        position = match[1]
        if piece[1] == "/":
            name = _TAG_NAME.match(piece)
            assert name is not None  # MarkupFinder's end tags are "</" and a letter
            yield stop, position, "end", name.group(1).lower(), _NO_LANG, None
        elif piece[1] in "!?":
            yield stop, position, "other", None, _NO_LANG, piece
        else:
            name = _TAG_NAME.match(piece)
            assert name is not None  # MarkupFinder's start tags are "<" and a letter
            tag = name.group(1).lower()
            kind = "startend" if piece.endswith("/>") else "start"
            yield stop, position, kind, tag, _lang_attribute(piece), None
            if kind == "start" and tag in _RAW_TEXT:
                close = _RAW_TEXT[tag].search(source, position)
                stop = close.start() if close else length
                if position < stop:
                    yield position, stop, "raw", None, _NO_LANG, source[position:stop]
                if close:
                    yield stop, close.end(), "end", tag, _NO_LANG, None
                    position = close.end()
                else:
                    position = length


class _State:
    """Where the pass over a page stands between two of its lines.

    ``stack`` holds the open elements as ``(tag, skipped, french)``; ``context`` is
    the last character of French text (``''`` at the start of a block).  States are
    shared (one object per distinct state, see :func:`_state`), and each keeps, in
    ``after``, what every line already seen in that state becomes: the theme's
    header, navigation and footer are the same lines in the same state on every
    page, so they are read once per build instead of once per page.
    """

    __slots__ = ("after", "context", "default_french", "stack")

    def __init__(self, stack: tuple, context: str, default_french: bool):
        self.stack = stack
        self.context = context
        self.default_french = default_french
        self.after: dict = {}  # line -> (new line or None if unchanged, next state), or None (not readable alone)


_STATES: dict = {}
#: Characters of lines remembered across pages before the memory is cleared (bounds it on
#: large sites: a page's own lines are seldom seen again, the theme's on every page).
_MEMORY_LIMIT = 4_000_000
_remembered = 0  # characters of the lines in the states' ``after``


def _state(stack: tuple, context: str, default_french: bool) -> _State:
    key = (stack, context, default_french)
    state = _STATES.get(key)
    if state is None:
        state = _STATES[key] = _State(stack, context, default_french)
    return state


def learnt() -> tuple:
    """What this process has learnt of the lines it typeset, to hand to the process it was
    forked from (a language pass built in parallel): see :func:`take_learnt`."""
    return _STATES, _remembered


def take_learnt(learnt_elsewhere: tuple) -> None:
    """Replace what this process knows with :func:`learnt` of a process forked from it (it
    started from the same, and typeset the French pages since)."""
    global _STATES, _remembered
    _STATES, _remembered = learnt_elsewhere


def _forget_if_full() -> None:
    global _remembered
    if _remembered > _MEMORY_LIMIT:
        for state in _STATES.values():
            state.after.clear()
        _STATES.clear()
        _remembered = 0


def _typeset(
    source: str, position: int, stop: int, state: _State, out: list, markup: MarkupFinder | None = None
) -> tuple:
    """Apply the rules to the events of ``source`` from ``position`` until one ends at or after ``stop``.

    Appends to ``out`` the source from ``position`` with changed text replaced.
    Returns ``(end, stack, context, alone)``: where the last event ended, the state
    there, and whether ``source[position:end]`` reads the same on its own as inside
    the page (no ``<`` that starts no markup, which could start a tag beyond
    ``stop``, no comment cut short, no ``<script>`` or ``<style>`` left open; the
    last event is markup ending at ``end``).
    """
    stack = list(state.stack)
    context = state.context
    default_french = state.default_french
    copied = position
    end = position
    alone = True
    kind = None
    for start, end, kind, tag, own_lang, data in _events(source, position, markup):
        if kind == "data" or kind == "stray" or kind == "raw":
            skipped, french = (stack[-1][1], stack[-1][2]) if stack else (False, default_french)
            if skipped or not french:
                # Code or English text stands for a word of the French sentence around it.
                context = "a" if data.strip() else context
            else:
                new, _, context = _scan(data, context)
                if new != data:
                    out.append(source[copied:start])
                    out.append(html.escape(new, quote=False))
                    copied = end
            if kind == "stray":
                alone = False
        elif kind == "start" and tag not in _VOID:
            skipped, french = (stack[-1][1], stack[-1][2]) if stack else (False, default_french)
            inherited = own_lang is _NO_LANG or own_lang is None
            is_french = french if inherited else own_lang.lower().startswith("fr")
            stack.append((tag, skipped or tag in SKIPPED, is_french))
            if tag not in _INLINE:
                context = ""
        elif kind == "end":
            for index in range(len(stack) - 1, -1, -1):
                if stack[index][0] == tag:
                    del stack[index:]
                    break
            if tag not in _INLINE:
                context = ""
        elif kind == "startend" or kind == "start":
            if tag not in _INLINE:
                context = ""
        elif data.startswith("<!--") and not (len(data) >= 7 and data.endswith("-->")):
            alone = False  # "<!-->" and the like: the comment may go on beyond ``stop``
        # A <script> or <style> element is read whole: its content is not markup.
        if end >= stop and kind != "raw" and not (kind == "start" and tag in _RAW_TEXT):
            break
    out.append(source[copied:end])
    alone = (
        alone
        and end == stop
        and kind in ("start", "startend", "end", "other")
        and not (kind == "start" and tag in _RAW_TEXT)
    )
    return end, tuple(stack), context, alone


def _line(state: _State, line: str):
    """What ``line`` (starting where an event starts) becomes in ``state``: ``(new line or None, next state)``.

    None when the line does not read the same on its own (see :func:`_typeset`).
    """
    global _remembered
    out: list = []
    _, stack, context, alone = _typeset(line, 0, len(line), state, out)
    if alone:
        new = "".join(out)
        result = (None if new == line else new, _state(stack, context, state.default_french))
    else:
        result = None
    state.after[line] = result
    _remembered += len(line)
    return result


def french_html(source: str, lang: str = "fr") -> str:
    """Apply the French rules to the French text nodes of an HTML document or fragment.

    The page is read line by line (a line ends with a ``>`` before a newline), and
    what a line becomes is remembered for the state the pass is in when it starts
    (see :class:`_State`): the result is the same as reading the events one by one.
    A line that does not read the same on its own (a tag or a comment going on past
    its end, a ``<script>`` left open) is read inside the page, event by event.

    Args:
        lang: The language of text outside any element with a ``lang`` attribute.
    Returns:
        The HTML with only text changed; markup and skipped elements byte-identical.
    """
    _forget_if_full()
    state = _state((), "", lang.startswith("fr"))
    markup = None  # the page's MarkupFinder, made the first time a stretch is read inside the page
    out = []  # unchanged stretches of the source and changed text, in order
    copied = 0  # end of what ``out`` holds of the source
    position, length = 0, len(source)
    while position < length:
        newline = source.find(">\n", position)
        if newline < 0:
            break
        stop = newline + 1
        line = source[position:stop]
        known = state.after.get(line, False)
        if known is False:
            known = _line(state, line)
        if known is None:  # read this stretch inside the page
            out.append(source[copied:position])
            markup = markup or MarkupFinder(source)
            position, stack, context, _ = _typeset(source, position, stop, state, out, markup)
            copied = position
            state = _state(stack, context, state.default_french)
            continue
        new, state = known
        if new is not None:
            out.append(source[copied:position])
            out.append(new)
            copied = stop
        position = stop
    if position < length:  # the end of the page, after its last line
        out.append(source[copied:position])
        _typeset(source, position, length, state, out, markup)
    else:
        out.append(source[copied:])
    return "".join(out)


# -- linting translators' sources ----------------------------------------------------

# Each mask is read in one pass: an opening that is never closed (a "<" with no ">" on its
# line, a comment with no "-->" after it...) is read to where the search for its end stops
# and left as it is (no "end" group), instead of being read again from each later opening.
_MASKS = (
    re.compile(r"\A---[ \t]*\n.*?^---[ \t]*(?P<end>$)", re.S | re.M),  # front matter
    None,  # fenced code blocks: _fences
    re.compile(r"`[^`\n]*(?P<end>`)"),  # code spans
    re.compile(r"<!--(?:.*?(?P<end>-->)|.*)", re.S),  # comments
    re.compile(r"</?[a-zA-Z][^>\n]*(?P<end>>)?"),  # HTML tags and autolinks
    re.compile(r"\]\([^)\n]*(?P<end>\))?"),  # link targets
    re.compile(r"^\s{0,3}\[[^\]\n]+\]:.*(?P<end>$)", re.M),  # reference definitions
    re.compile(r"\{[^}\n]*(?P<end>\})?"),  # attribute lists
)
_FENCE_LINE = re.compile(r"([ \t]*)(```|~~~)")
_MASK_CHARACTERS = re.compile(r"[^\n]")


def _masked(match) -> str:
    if match.group("end") is None:
        return match.group(0)
    return _MASK_CHARACTERS.sub("\x00", match.group(0))


def _fences(text: str) -> str:
    """``text`` with its fenced code blocks masked.

    A block opens on a line starting with three backticks or ``~~~`` (after spaces or
    tabs) and closes on the next line made of the same indentation and the same
    three characters (then only spaces or tabs); an opening never closed is left
    as it is and the next line is read.  The closing lines of each kind are listed
    once, so an opening never closed does not make the rest of the text be read again.
    """
    lines = text.split("\n")
    closers: dict = {}
    for number, line in enumerate(lines):
        found = _FENCE_LINE.match(line)
        if found and not line[found.end() :].strip(" \t"):
            closers.setdefault(found.groups(), []).append(number)
    if not closers:
        return text
    number = 0
    while number < len(lines):
        found = _FENCE_LINE.match(lines[number])
        candidates = closers.get(found.groups(), ()) if found else ()
        index = bisect_right(candidates, number)
        if index == len(candidates):
            number += 1
            continue
        closing = candidates[index]
        for masked in range(number, closing + 1):
            lines[masked] = "\x00" * len(lines[masked])
        number = closing + 1
    return "\n".join(lines)


def mask_markdown(text: str) -> str:
    """``text`` with front matter, code, markup and link targets replaced by NUL characters (same length)."""
    for pattern in _MASKS:
        text = _fences(text) if pattern is None else pattern.sub(_masked, text)
    return text


def lint_markdown(text: str, masked: str | None = None) -> list:
    """Punctuation written without a space in French Markdown: ``[(line, column, message)]``.

    Line and column are 1-based positions in ``text``.  ``masked`` is
    ``mask_markdown(text)`` when the caller needs it too (it is computed otherwise).
    """
    if masked is None:
        masked = mask_markdown(text)
    issues = []
    lines = LineIndex(text)
    # Masked code or links count as words: "`x`: suite" also needs its space.
    for position, mark in _scan(masked)[1]:
        line, column = lines.position(position)
        issues.append((line, column, MESSAGES[mark]))
    return issues
