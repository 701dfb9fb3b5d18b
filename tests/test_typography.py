"""Canadian French typography: a table of HTML in → HTML out, and the source linter."""

from __future__ import annotations

import pytest

from resource_library.typography import french_html, lint_markdown

N = "\u00a0"   # no-break space
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
    ("punctuation after an inline element", "<p><strong>Promotion</strong>: pour tous</p>",
     f"<p><strong>Promotion</strong>{N}: pour tous</p>"),
    ("code span untouched, colon after it fixed", "<p>La commande <code>a:b;c?</code>: voir</p>",
     f"<p>La commande <code>a:b;c?</code>{N}: voir</p>"),
    ("code block untouched", "<pre><code>x : y; z ?\n</code></pre>", "<pre><code>x : y; z ?\n</code></pre>"),
    ("URL with colons in text untouched", "<p>Voir https://exemple.ca/a:b?c=1 ici</p>",
     "<p>Voir https://exemple.ca/a:b?c=1 ici</p>"),
    ("mailto untouched", "<p>Écrivez à mailto:info@exemple.ca</p>", "<p>Écrivez à mailto:info@exemple.ca</p>"),
    ("attributes untouched", '<a href="https://x.ca/?q=1" title="Note : lire ?">Lien ?</a>',
     f'<a href="https://x.ca/?q=1" title="Note : lire ?">Lien{NN}?</a>'),
    ("time 9 h 30 untouched", "<p>De 9 h 30 à 16 h.</p>", "<p>De 9 h 30 à 16 h.</p>"),
    ("time 9:30 untouched", "<p>Début à 9:30.</p>", "<p>Début à 9:30.</p>"),
    ("already correct text unchanged", f"<p>Note{N}: «{N}mot{N}» oui{NN}; non{NN}?</p>",
     f"<p>Note{N}: «{N}mot{N}» oui{NN}; non{NN}?</p>"),
    ("entity no-break space kept", "<p>Note&nbsp;: lire</p>", "<p>Note&nbsp;: lire</p>"),
    ("English element on a French page untouched", '<p lang="en">Note: read this!</p>',
     '<p lang="en">Note: read this!</p>'),
    ("French inside English inside French", '<div lang="en"><p>Hi!</p><p lang="fr-CA">Salut!</p></div>',
     f'<div lang="en"><p>Hi!</p><p lang="fr-CA">Salut{NN}!</p></div>'),
    ("script and style untouched", "<script>var a = b ? c : d;</script><style>a:hover{x:y}</style>",
     "<script>var a = b ? c : d;</script><style>a:hover{x:y}</style>"),
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
    page = ('<!doctype html>\n<html lang="fr" class="no-js">\n<head><meta charset="utf-8">'
            '<title>À propos : équipe</title>\n<script id="__config" type="application/json">{"a": "b: c"}</script>'
            '</head>\n<body><p>Bonjour ! <br>Ça va?</p><img alt="Note : x" src="a.png"></body></html>\n')
    out = french_html(page)
    assert out == (page.replace("À propos : équipe", f"À propos{N}: équipe")
                   .replace("Bonjour !", f"Bonjour{NN}!").replace("Ça va?", f"Ça va{NN}?"))


@pytest.mark.parametrize("source,expected", [
    ("Note: lire.\n", [(1, 5, ":")]),
    ("Note : lire.\n", []),
    ("Il dit «oui».\n", [(1, 8, "«"), (1, 12, "»")]),
    ("Voir `a:b` et https://x.ca/a:b?c ; ok\n", []),
    ("---\ntitle: Note: x\n---\nTexte ?\n", []),
    ("```\nx: y\n```\nPourquoi?\n", [(4, 9, "?")]),
    ("Voir [le lien](https://x.ca/a?b): ici\n", [(1, 33, ":")]),
])
def test_lint_reports_missing_spaces_in_sources(source, expected):
    found = [(line, column, message.split("'")[1]) for line, column, message in lint_markdown(source)]
    assert found == expected
