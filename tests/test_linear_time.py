"""Every scan of an editor's text takes time proportional to the text's length.

Each scanner below is fed 200 KB inputs made of one piece repeated: the literal
characters and literal sequences of the regular expressions it applies (read from
the patterns themselves), alone and followed by a space or a line break.  A scan
whose time grows with the square of its input takes minutes on such an input;
each must finish within :data:`BOUND` seconds (a safety bound, not a benchmark:
a slow input is measured again, up to three times, before it counts as slow).

The second half checks, on small inputs drawn by Hypothesis, that the linear
scanners find exactly what the regular expressions they replaced found (those
patterns are kept here, as the reference).
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import time
from re import _constants as sre  # the parser of the re module (Python 3.11+)
from re import _parser as sre_parse
from types import SimpleNamespace

import pytest
from sitebuild import ROOT, fixture_records, make_project

from resource_library.drawing import content as drawing
from resource_library.load import (
    anchors,
    editorial,
    frontmatter,
    glossary,
    interface,
    links,
    markdownlimits,
    pagefiles,
    pagemarkers,
    textsafety,
    yamlsource,
)
from resource_library.load.yamlsource import load_text
from resource_library.render import pages
from resource_library.search import fold, index
from resource_library.text import markup, scan, typography
from resource_library.translation import lint

SIZE = 200 * 1024
BOUND = 1.0

# -- the scanners and the patterns they apply ----------------------------------------------

_TERMS = [
    glossary.GlossaryTerm(
        "student", "student", "élève", {"en": "x", "fr": "x"}, (), ("étudiant", "l'apprenant", "plan d’action")
    )
]
_CATALOGUE = SimpleNamespace(vocabularies={}, infographics={"a": None})


def _record_description(text):
    return textsafety.scan_document(load_text("description:\n  en: " + json.dumps(text) + "\n", "x.yml"))


def _description_warnings(text):
    doc = SimpleNamespace(problem=lambda *args, **kwargs: None)
    return editorial._description_warnings(doc, ("description", "en"), text)


def _patterns(module, *names):
    out = []
    for name in names:
        value = getattr(module, name)
        out += [p for p in (value if isinstance(value, (tuple, list)) else [value]) if isinstance(p, re.Pattern)]
    return out


SCANNERS = {
    "markdown text (textsafety)": (
        lambda t: list(textsafety.unsafe_spans(t, True)),
        _patterns(
            textsafety,
            "_HTML",
            "_SAFE_AUTOLINK",
            "_MAIL_AUTOLINK",
            "_BRACKET",
            "_INLINE_TARGET",
            "_REFERENCE",
            "_DEFINITION",
            "_BRACE_END",
        ),
    ),
    "plain text (textsafety)": (
        lambda t: list(textsafety.unsafe_spans(t, False)),
        _patterns(textsafety, "_HTML", "_SAFE_AUTOLINK"),
    ),
    "a record's description (YAML and textsafety)": (
        _record_description,
        _patterns(yamlsource, "_BRACKETS", "_BLOCK_INDICATORS"),
    ),
    "link scheme": (scan.scheme_of, _patterns(scan, "_REFERENCE", "_HUGE_REFERENCE")),
    "description warnings (editorial)": (_description_warnings, _patterns(editorial, "_MD_IMAGE", "_MD_LINK")),
    "front matter": (
        frontmatter.front_matter_lines,
        _patterns(frontmatter, "_FRONT_MATTER", "_MKDOCS_FENCED", "_MKDOCS_META", "_MKDOCS_META_MORE"),
    ),
    "front matter after a fence": (lambda t: frontmatter.front_matter_lines("---\n" + t), []),
    "page markers": (
        lambda t: pagemarkers.scan_markers(t.split("\n"), _CATALOGUE, "x.md"),
        _patterns(pagemarkers, "_MARKER", "_INFOGRAPHIC", "_FENCE"),
    ),
    "one long marker line": (
        lambda t: pagemarkers.scan_markers(
            ["<!-- resources " + t.replace("\n", " ") + " -->", "<!-- infographic " + t.replace("\n", " ") + " -->"],
            _CATALOGUE,
            "x.md",
        ),
        [],
    ),
    "French typography (HTML)": (
        typography.french_html,
        _patterns(markup, "_COMMENT", "_UNTIL_GT", "_START_TAG", "_CANDIDATE", "_HITS")
        + _patterns(typography, "_URL", "_SPECIAL", "_TAG_NAME", "_ATTRIBUTE"),
    ),
    "French typography (a paragraph)": (lambda t: typography.french_html("<p>" + t + "</p>\n"), []),
    "French typography (text)": (typography.french_text, []),
    "typography lint masks": (typography.mask_markdown, _patterns(typography, "_MASKS", "_FENCE_LINE")),
    "typography lint": (typography.lint_markdown, []),
    "glossary forms": (
        lambda t: glossary.find_not_preferred(t, _TERMS),
        [glossary._any_pattern(tuple(f for term in _TERMS for f in term.not_preferred))],
    ),
    "French warnings (lint)": (lambda t: lint._text_warnings(t, "x.md", lambda i, c: (i + 1, c), _TERMS, "text"), []),
    "search text (plain)": (index.plain, _patterns(index, "_MD_LINK_RE", "_MD_ITEM_RE", "_MD_MARKUP_RE")),
    "search words (fold)": (fold.fold_word, _patterns(fold, "_APOSTROPHE_RE", "_MARK_RE", "_TRIM_RE")),
    "page titles": (pages._title_text, _patterns(pages, "_ENTITY_LIKE")),
    "drawing texts (one typography)": (lambda t: drawing.text_in({"fr": t}, "fr"), []),
    "heading anchors": (lambda t: pagefiles.has_anchor(t, "alignment"), _patterns(pagefiles, "_ATTRIBUTE_LIST")),
    "Markdown limits": (markdownlimits.markdown_limits, _patterns(markdownlimits, "_MARKER", "_BACKTICKS")),
    "interface placeholders": (
        lambda t: interface.placeholder_problems(t, ("count",)),
        _patterns(interface, "_PIECE", "_PLACEHOLDER"),
    ),
    "interface filling": (lambda t: interface.fill(t, {"count": 1}), []),
    "YAML syntax messages": (lambda t: load_text("title:\n  en: x\n" + t, "x.yml"), []),
    "links of a page": (links.markdown_links, _patterns(links, "_REFERENCE") + [anchors.LINK_TARGET]),
    "anchors of a page": (
        anchors.anchors,
        _patterns(anchors, "_HASHES", "_PLAIN", "_NOT_WORD", "_SPACES", "_LINK_END") + [anchors.LINK_TARGET],
    ),
    "the menu of mkdocs.yml": (lambda t: links.nav_entries("nav:\n" + t), _patterns(links, "_NAV_KEY", "_NAV_ENTRY")),
}
# Characters every scanner gets, whatever its patterns: the punctuation of Markdown and HTML.
COMMON = ("[", "](", "<", "{", "`", "!", "*", "_", "&#", "\\", " ", "\n", '"', "'", ":", "«", "-->", "<!--")


def _literals(pattern: re.Pattern) -> set:
    """The literal characters and literal sequences of a pattern (what an adversarial input repeats)."""
    found: set = set()

    def walk(items):
        run = ""
        for op, arg in items:
            if op is sre.LITERAL:
                run += chr(arg)
                found.add(chr(arg))
                continue
            if len(run) > 1:
                found.add(run)
            run = ""
            if op is sre.NOT_LITERAL:
                found.add(chr(arg))
            elif op is sre.IN:
                for kind, value in arg:
                    if kind is sre.LITERAL:
                        found.add(chr(value))
                    elif kind is sre.RANGE:
                        found.update((chr(value[0]), chr(value[1])))
                    elif kind is sre.CATEGORY and value is sre.CATEGORY_SPACE:
                        found.update((" ", "\t"))
            elif op is sre.BRANCH:
                for branch in arg[1]:
                    walk(branch)
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
                walk(arg[2])
            elif op is sre.SUBPATTERN:
                walk(arg[3])
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                walk(arg[1])
            elif op is sre.ATOMIC_GROUP:
                walk(arg)
        if len(run) > 1:
            found.add(run)

    walk(sre_parse.parse(pattern.pattern, pattern.flags))
    return {piece for piece in found if not piece.isalnum() or len(piece) > 1}


def _inputs(patterns) -> list:
    pieces = set(COMMON)
    for pattern in patterns:
        pieces |= _literals(pattern)
    out = set()
    for piece in pieces:
        for suffix in ("", " ", "\n"):
            unit = piece + suffix
            out.add((unit * (SIZE // len(unit) + 1))[:SIZE])
    return sorted(out)


def _seconds(scanner, text) -> float:
    best = None
    for _ in range(3):
        start = time.perf_counter()
        scanner(text)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
        if best < BOUND:
            break
    return best


def test_patterns_give_inputs():
    for name, (_, patterns) in SCANNERS.items():
        assert all(_literals(p) or p.pattern in ("[\\x00-\\x20\\x7f]",) for p in patterns), name


@pytest.mark.parametrize("name", sorted(SCANNERS))
def test_scanner_is_linear(name):
    scanner, patterns = SCANNERS[name]
    slow = []
    for text in _inputs(patterns):
        elapsed = _seconds(scanner, text)
        if elapsed >= BOUND:
            slow.append((round(elapsed, 2), text[:12]))
    assert not slow, slow


# Pages whose links, anchors and menu entries are many: the pieces alone do not make them.
PAGE_INPUTS = {
    "link ends": "](" * 100_000,
    "opening brackets": "[" * 200_000,
    "reference definitions": "[a]: " * 40_000,
    "image openings": "![" * 100_000,
    "links with attribute lists": "[x](y){" * 30_000,
    "empty headings": "# " * 100_000,
    "hashes": "#" * 200_000,
    "one heading repeated": "# a\n" * 50_000,
    "attribute list openings": "{ #" * 70_000,
}


@pytest.mark.parametrize("name", sorted(PAGE_INPUTS))
def test_page_link_scans_are_linear(name):
    text = PAGE_INPUTS[name]
    assert (
        _seconds(lambda t: (links.markdown_links(t), anchors.anchors(t), links.nav_entries("nav:\n" + t)), text) < BOUND
    )


def test_check_on_a_hostile_description_is_bounded(tmp_path):
    records = fixture_records("english-only")
    text = records["english-only.yml"]
    hostile = "[](" * (SIZE // 3)
    records["english-only.yml"] = re.sub(
        r"(?m)^summary:\n  en: .*$",
        lambda m: m.group(0) + "\ndescription:\n  en: " + json.dumps(hostile),
        text,
        count=1,
    )
    project = make_project(tmp_path, records=records)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "resource_library.cli", "--root", str(project), "check"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=project,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "description" in (result.stdout + result.stderr) or result.returncode in (0, 1)
    assert time.perf_counter() - start < 30


# -- the linear scanners find what the old regular expressions found -----------------------

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings
from hypothesis import strategies as st

EXAMPLES = settings(max_examples=400, deadline=None)


def _texts(*pieces):
    return st.lists(st.sampled_from(pieces), max_size=16).map("".join)


_OLD_LINK_TARGET = re.compile(r"\](?=\(\s*<?([^)>]*))")
_OLD_ATTR_LIST = re.compile(r"\{([^}\n]*)\}")
_OLD_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def _old_scheme(target):
    match = _OLD_SCHEME.match(re.sub(r"[\x00-\x20\x7f]", "", html.unescape(target)))
    return match.group(1).lower() if match else None


@EXAMPLES
@given(_texts("]", "(", ")", "](", "<", ">", " ", "\n", "a", ":", "javascript:", "&#58;", "&Tab;", "&#x6A;", "[", "x"))
def test_schemes_are_read_as_before(text):
    # The link targets themselves are compared with the old patterns in tests/test_page_safety.py.
    old = [(m.start(), m.start(1), m.end(1)) for m in _OLD_LINK_TARGET.finditer(text)]
    for _, start, end in old:
        assert scan.scheme_of(text, start, end) == _old_scheme(text[start:end])


_OLD_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)>\s]*)")
_OLD_MD_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)>\s]*)")


@EXAMPLES
@given(_texts("!", "[", "]", "(", ")", "](", "<", ">", " ", "\n", "a"))
def test_description_links_are_the_old_ones(text):
    images = [m.span() + m.groups() for m in editorial._MD_IMAGE.finditer(text) if m.group(2) is not None]
    links = [m.span() + m.groups() for m in editorial._MD_LINK.finditer(text) if m.group(1) is not None]
    assert images == [m.span() + m.groups() for m in _OLD_MD_IMAGE.finditer(text)]
    assert links == [m.span() + m.groups() for m in _OLD_MD_LINK.finditer(text)]


_OLD_MARKUP = re.compile(
    r"""
    <!--.*?-->
  | <![^>]*>
  | <\?[^>]*>
  | </[a-zA-Z][^>]*>
  | <[a-zA-Z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>
""",
    re.S | re.X,
)


@EXAMPLES
@given(_texts("<", ">", "!", "-", "--", "?", "/", "a", '"', "'", " ", "\n", "<!--", "-->"), st.booleans())
def test_markup_is_found_where_the_old_pattern_found_it(text, walking):
    finder = markup.MarkupFinder(text)
    finder._walking = walking  # the walk through quotes, used once a start tag failed, gives the same ends
    position, new, old = 0, [], []
    while (found := finder.search(position)) is not None:
        new.append(found)
        position = found[1]
    position = 0
    while (found := _OLD_MARKUP.search(text, position)) is not None:
        old.append(found.span())
        position = found.end()
    assert new == old


_OLD_MASKS = (
    re.compile(r"\A---[ \t]*\n.*?^---[ \t]*$", re.S | re.M),
    re.compile(r"^([ \t]*)(```|~~~).*?^\1\2[ \t]*$", re.S | re.M),
    re.compile(r"`[^`\n]*`"),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"</?[a-zA-Z][^>\n]*>"),
    re.compile(r"\]\([^)\n]*\)"),
    re.compile(r"^\s{0,3}\[[^\]\n]+\]:.*$", re.M),
    re.compile(r"\{:?[^}\n]*\}"),
)


def _old_mask(text):
    for pattern in _OLD_MASKS:
        text = pattern.sub(lambda m: re.sub(r"[^\n]", "\x00", m.group(0)), text)
    return text


@EXAMPLES
@given(
    _texts("---\n", "```", "~~~", "x", " ", "\t", "\n", "`", "<!--", "-->", "<a", ">", "](", ")", "[r]: u", "{", "}")
)
def test_lint_masks_are_the_old_ones(text):
    assert typography.mask_markdown(text) == _old_mask(text)


_OLD_MARKER = re.compile(r"^ {0,3}<!--\s*resources(?:\s+(?P<body>.*?))?\s*-->\s*$")


@EXAMPLES
@given(
    st.sampled_from(["<!-- resources", " <!--resources", "<!-- resources\t"]),
    _texts(" ", "\t", "-->", "--", ">", "a", "=", "\r", "x"),
)
def test_markers_are_read_as_before(start, rest):
    line = start + rest
    new, old = pagemarkers._MARKER.match(line), _OLD_MARKER.match(line)
    assert bool(new) == bool(old)
    if new:
        assert (new.group("body") or "") == (old.group("body") or "")


_OLD_PLAIN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_OLD_PLAIN_MARKUP = re.compile(r"[#*_`>|]+|^\s*\d+\.\s", re.M)


@EXAMPLES
@given(_texts("[", "]", "(", ")", "!", "#", "*", "`", "1", ".", " ", "\n", "x", ">", "|"))
def test_search_text_is_the_old_one(text):
    assert index.plain(text) == _OLD_PLAIN_MARKUP.sub(" ", _OLD_PLAIN_LINK.sub(r"\1", text))


@EXAMPLES
@given(_texts("a", "!", ".", "\n", " ", "\u00a0", "’", "é", "\u3000", "-"))
def test_folded_words_are_trimmed_as_before(word):
    assert word.strip(fold._PUNCT_CHARACTERS) == fold._TRIM_RE.sub("", word)


@EXAMPLES
@given(_texts("{", "}", "#", "#alignment", "alignment", "-x", "\n", " "))
def test_anchors_are_found_as_before(text):
    old = re.search(r"\{[^}\n]*#alignment(?![\w-])", text) is not None
    assert pagefiles.has_anchor(text, "alignment") == old


@EXAMPLES
@given(_texts("&", "#", "x", "1", "0", ";", "amp", "a", "&#" + "1" * 9, "&#x" + "f" * 8))
def test_unescape_is_the_standard_one(text):
    try:
        expected = html.unescape(text)
    except ValueError:  # past 4,300 digits; not drawn here
        return
    assert scan.unescape(text) == expected
