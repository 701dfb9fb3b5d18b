"""Canadian French typography: a table of HTML in → HTML out, and the source linter."""

from __future__ import annotations

import random

import pytest

from resource_library.text import typography
from resource_library.text.typography import french_html, lint_markdown

N = "\u00a0"  # no-break space
NN = "\u202f"  # narrow no-break space

CASES = [
    # (name, input, expected output)
    ("colon after a space", "<p>Sa raison d'être : aider.</p>", f"<p>Sa raison d'être{N}: aider.</p>"),
    ("colon without a space", "<p>Note: lire.</p>", f"<p>Note{N}: lire.</p>"),
    ("semicolon", "<li>du leadership ;</li>", f"<li>du leadership{NN};</li>"),
    ("question mark without a space", "<p>Pourquoi?</p>", f"<p>Pourquoi{NN}?</p>"),
    ("exclamation mark", "<p>Bienvenue !</p>", f"<p>Bienvenue{NN}!</p>"),
    ("combined ?!", "<p>Vraiment ?!</p>", f"<p>Vraiment{NN}?!</p>"),
    ("guillemets with spaces", "<p>le « leader » du conseil</p>", f"<p>le «{N}leader{N}» du conseil</p>"),
    ("guillemets without spaces", "<p>le «leader» du conseil</p>", f"<p>le «{N}leader{N}» du conseil</p>"),
    (
        "punctuation after an inline element",
        "<p><strong>Promotion</strong>: pour tous</p>",
        f"<p><strong>Promotion</strong>{N}: pour tous</p>",
    ),
    (
        "code span untouched, colon after it fixed",
        "<p>La commande <code>a:b;c?</code>: voir</p>",
        f"<p>La commande <code>a:b;c?</code>{N}: voir</p>",
    ),
    ("code block untouched", "<pre><code>x : y; z ?\n</code></pre>", "<pre><code>x : y; z ?\n</code></pre>"),
    (
        "URL with colons in text untouched",
        "<p>Voir https://exemple.ca/a:b?c=1 ici</p>",
        "<p>Voir https://exemple.ca/a:b?c=1 ici</p>",
    ),
    ("mailto untouched", "<p>Écrivez à mailto:info@exemple.ca</p>", "<p>Écrivez à mailto:info@exemple.ca</p>"),
    (
        "attributes untouched",
        '<a href="https://x.ca/?q=1" title="Note : lire ?">Lien ?</a>',
        f'<a href="https://x.ca/?q=1" title="Note : lire ?">Lien{NN}?</a>',
    ),
    ("time 9 h 30 untouched", "<p>De 9 h 30 à 16 h.</p>", "<p>De 9 h 30 à 16 h.</p>"),
    ("time 9:30 untouched", "<p>Début à 9:30.</p>", "<p>Début à 9:30.</p>"),
    (
        "already correct text unchanged",
        f"<p>Note{N}: «{N}mot{N}» oui{NN}; non{NN}?</p>",
        f"<p>Note{N}: «{N}mot{N}» oui{NN}; non{NN}?</p>",
    ),
    ("entity no-break space kept", "<p>Note&nbsp;: lire</p>", "<p>Note&nbsp;: lire</p>"),
    (
        "English element on a French page untouched",
        '<p lang="en">Note: read this!</p>',
        '<p lang="en">Note: read this!</p>',
    ),
    (
        "French inside English inside French",
        '<div lang="en"><p>Hi!</p><p lang="fr-CA">Salut!</p></div>',
        f'<div lang="en"><p>Hi!</p><p lang="fr-CA">Salut{NN}!</p></div>',
    ),
    (
        "script and style untouched",
        "<script>var a = b ? c : d;</script><style>a:hover{x:y}</style>",
        "<script>var a = b ? c : d;</script><style>a:hover{x:y}</style>",
    ),
    ("comments untouched", "<!-- Note: ici ? --><p>Oui ?</p>", f"<!-- Note: ici ? --><p>Oui{NN}?</p>"),
    ("escaped text keeps its escapes", "<p>A &amp; B ; C &lt; D</p>", f"<p>A &amp; B{NN}; C &lt; D</p>"),
    ("percent", "<p>Plus de 50 % des élèves</p>", f"<p>Plus de 50{N}% des élèves</p>"),
    ("colon at the start of a block left alone", "<p>: rien avant</p>", "<p>: rien avant</p>"),
]


@pytest.mark.parametrize("name,source,expected", CASES, ids=[c[0] for c in CASES])
def test_french_typography(name, source, expected):
    assert french_html(source) == expected


def test_at_least_fifteen_cases():
    assert len(CASES) >= 15


def test_english_pages_are_untouched():
    page = '<!doctype html><html lang="en"><body><p>Note: read this; now! Why? « quoted »</p></body></html>'
    assert french_html(page, lang="en") == page


def test_whole_french_document_keeps_markup_byte_for_byte():
    page = (
        '<!doctype html>\n<html lang="fr" class="no-js">\n<head><meta charset="utf-8">'
        '<title>À propos : équipe</title>\n<script id="__config" type="application/json">{"a": "b: c"}</script>'
        '</head>\n<body><p>Bonjour ! <br>Ça va?</p><img alt="Note : x" src="a.png"></body></html>\n'
    )
    out = french_html(page)
    assert out == (
        page.replace("À propos : équipe", f"À propos{N}: équipe")
        .replace("Bonjour !", f"Bonjour{NN}!")
        .replace("Ça va?", f"Ça va{NN}?")
    )


@pytest.mark.parametrize(
    "source,expected",
    [
        ("Note: lire.\n", [(1, 5, ":")]),
        ("Note : lire.\n", []),
        ("Il dit «oui».\n", [(1, 8, "«"), (1, 12, "»")]),
        ("Voir `a:b` et https://x.ca/a:b?c ; ok\n", []),
        ("---\ntitle: Note: x\n---\nTexte ?\n", []),
        ("```\nx: y\n```\nPourquoi?\n", [(4, 9, "?")]),
        ("Voir [le lien](https://x.ca/a?b): ici\n", [(1, 33, ":")]),
    ],
)
def test_lint_reports_missing_spaces_in_sources(source, expected):
    found = [(line, column, message.split("'")[1]) for line, column, message in lint_markdown(source)]
    assert found == expected


# -- the page pass remembers lines: the same result as reading the events one by one ----------


def by_events(source, lang="fr"):
    """The page pass without remembered lines: every event of ``source`` in order."""
    out = []
    typography._typeset(source, 0, len(source), typography._state((), "", lang.startswith("fr")), out)
    return "".join(out)


LINE_CASES = [
    # (name, input, expected output): lines (ending with ">" before a newline) that do not read alone
    ("style element open at a line end", "<ul><style>\n</ul>e;", "<ul><style>\n</ul>e;"),
    (
        "script element over several lines",
        "<div><script>\nif (a ? b : c) {}\n</div>\n</script>\n<p>Oui?</p>\n",
        f"<div><script>\nif (a ? b : c) {{}}\n</div>\n</script>\n<p>Oui{NN}?</p>\n",
    ),
    ("attribute value with a line end", '<p title="a>\n<b>">Note: x</p>\n', f'<p title="a>\n<b>">Note{N}: x</p>\n'),
    (
        "attribute value with a line end, single quotes",
        "<p title='<b>\n'>Note: x</p>\n",
        f"<p title='<b>\n'>Note{N}: x</p>\n",
    ),
    (
        "comment over several lines",
        "<!-- a >\n<p lang='en'> -->\n<p>Note: x</p>\n",
        f"<!-- a >\n<p lang='en'> -->\n<p>Note{N}: x</p>\n",
    ),
    (
        "short comment over several lines",
        "<!-->\n<p lang='en'>-->\n<p>Note: x</p>\n",
        f"<!-->\n<p lang='en'>-->\n<p>Note{N}: x</p>\n",
    ),
    (
        "a < that starts no tag",
        "<p>a < b>\n<code>Note: x</code> ?</p>\n",
        f"<p>a < b>\n<code>Note: x</code>{NN}?</p>\n",
    ),
    ("punctuation after an inline element on the next line", "<p><em>mot</em>\n!</p>\n", f"<p><em>mot</em>{NN}!</p>\n"),
    (
        "the same lines in English then in French",
        '<p lang="en">\n<b>Note: x</b>\n</p>\n<p>\n<b>Note: x</b>\n</p>\n',
        f'<p lang="en">\n<b>Note: x</b>\n</p>\n<p>\n<b>Note{N}: x</b>\n</p>\n',
    ),
]


@pytest.mark.parametrize("name,source,expected", LINE_CASES, ids=[c[0] for c in LINE_CASES])
def test_lines_that_do_not_read_alone(name, source, expected):
    assert by_events(source) == expected
    assert french_html(source) == expected
    assert french_html(source) == expected  # again, from the remembered lines


PIECES = [
    "<",
    ">",
    ">\n",
    "\n",
    "<!--",
    "-->",
    "<!-->",
    "<script>",
    "</script>",
    "</ script >",
    "<style>",
    "</STYLE>",
    "<code>",
    "</code>",
    "<pre>",
    "</pre>",
    '<p lang="en">',
    '<span lang="fr">',
    "<p lang>",
    "<div lang='EN'>",
    "</p>",
    "</div>",
    "<p>",
    "<div>",
    "<em>",
    "</em>",
    "<br>",
    "<br/>",
    "<script/>",
    "<svg>",
    "</svg>",
    '"',
    "'",
    ' title="a>\n"',
    "<a title='x>\n'>",
    " : ",
    ":",
    "?",
    "!",
    ";",
    "«",
    "»",
    "« ",
    " »",
    "50 %",
    "%",
    "&nbsp;",
    "&amp;",
    "&colon;",
    "&#58;",
    "&laquo;",
    "&raquo",
    "https://x.ca/a:b?c",
    "9:30",
    "9",
    " ",
    "\t",
    "<?x>",
    "<!x>",
    "<!doctype html>",
    "</",
    "<a",
    "mot",
    "e",
    "<div>\n",
    "</li>\n",
    "<li>",
    "</a>",
    ".",
    ")",
    N,
    NN,
    '<html lang="fr">',
    '<p lang="fr-CA">',
]


@pytest.mark.parametrize("memory_limit", [typography._MEMORY_LIMIT, 0])
def test_remembered_lines_give_the_same_result_as_the_events(monkeypatch, memory_limit):
    """Random documents (and lines shared between them) give what reading their events one by one gives."""
    monkeypatch.setattr(typography, "_MEMORY_LIMIT", memory_limit)
    rng = random.Random(8)
    for _ in range(3000):
        source = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40)))
        lang = rng.choice(["fr", "fr", "fr", "en"])
        assert french_html(source, lang) == by_events(source, lang), source
