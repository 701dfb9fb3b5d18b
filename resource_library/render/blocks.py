"""HTML kept out of Markdown: placeholders in the Markdown, the HTML put back after.

Generated pages are HTML with a few Markdown texts in them (``render.py``);
hand-written pages are Markdown with resource lists and drawings in them
(``markers.py``).  Either way, Markdown is given only what is Markdown, with
``<!-- rl-block N -->`` on a line of its own where the N-th piece of HTML goes
(Markdown keeps an HTML comment as it is), and :func:`insert_blocks` puts the
HTML back into Markdown's output (``hooks/page_assembly.py``).

Passing that HTML through Markdown would make Markdown parse every tag of it
twice (``md_in_html``, then MkDocs' anchor scan): on a library of thousands of
records, most of what the generator cost on top of MkDocs itself (``scripts/bench``).
Editors' texts cannot forge a placeholder: they may hold no raw HTML, comments
included, and text in the HTML is escaped.
"""

from __future__ import annotations

import re

_PLACEHOLDER = "<!-- rl-block {} -->"
_BLOCK = re.compile(r"<!-- rl-block (\d+) -->")
_ID = re.compile(r'\sid="([^"<>]+)"')


def placeholder(number: int) -> str:
    """The line that stands for block ``number`` in the Markdown."""
    return _PLACEHOLDER.format(number)


def insert_blocks(text: str, blocks) -> str:
    """``text`` with each ``<!-- rl-block N -->`` replaced by ``blocks[N]``.

    Raises:
        ValueError: a block has no placeholder in ``text`` (Markdown lost it).
    """
    if not blocks:
        return text
    used = set()

    def block(match):
        used.add(int(match.group(1)))
        return blocks[int(match.group(1))]

    out = _BLOCK.sub(block, text)
    if len(used) != len(blocks):
        raise ValueError(
            f"{len(blocks) - len(used)} of {len(blocks)} pieces of HTML lost their place in Markdown's output"
        )
    return out


class Unindexed(str):
    """A block the site's search leaves out whole (its element has ``data-search-exclude``): the
    list of records of a hand-written page, whose records are found as their own results."""

    __slots__ = ()


def indexed_text(html: str, blocks) -> str:
    """``html``, a page with its ``blocks`` in place, without the :class:`Unindexed` ones: what the
    site's search reads of the page, the same as from the whole page, without parsing the lists
    (a block changed on its way, if any, stays: then it is read, and left out, as before)."""
    for block in blocks:
        if isinstance(block, Unindexed) and block:
            html = html.replace(block, "", 1)
    return html


def anchor_ids(blocks) -> set:
    """The ``id`` attributes in ``blocks`` (anchors that links to the page may name)."""
    return {found for block in blocks for found in _ID.findall(block)}
