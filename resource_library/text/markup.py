"""The markup of an HTML text, found in time proportional to the text's length.

French typography reads a page as runs of text between pieces of markup:
comments (``<!--...-->``), declarations (``<!...>``), processing instructions
(``<?...>``), end tags (``</x ...>``) and start tags (``<x ...>``, whose quoted
attribute values may hold ``>``).  One regular expression says what each piece
is::

    <!--.*?-->  |  <![^>]*>  |  <\\?[^>]*>  |  </[a-zA-Z][^>]*>
    |  <[a-zA-Z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>

but searching with it is slow on text an editor controls: every ``<`` that
starts no markup (no ``>`` after it, a comment never closed, a quote never
closed) makes the search read to the end of the text, so 200 KB of ``<a`` take
minutes.  :class:`MarkupFinder` finds the same pieces at the same places, while
reading each part of the text a bounded number of times: it knows where the last
``>`` and the last ``-->`` are, and remembers where a start tag's walk through
quotes was found to lead nowhere.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_UNTIL_GT = re.compile(r"[^>]*>")
_START_TAG = re.compile(r"<[a-zA-Z][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>")
_CANDIDATE = re.compile(r"<(?:[a-zA-Z]|/[a-zA-Z]|!|\?)")
_HITS = re.compile(r"[>\"']")


def _end(found: re.Match[str] | None) -> int:
    # Only called where a closing ">" (or "-->") is known to lie ahead, so the pattern cannot fail.
    assert found is not None
    return found.end()


class MarkupFinder:
    """Finds the pieces of markup of one text, from left to right."""

    def __init__(self, source: str):
        self.source = source
        self._last_gt = source.rfind(">")
        self._last_comment_end: int | None = None  # found the first time a comment needs it
        self._hits: list[int] | None = None  # positions of '>', '"' and "'", for the start tags' walks
        self._dead: set[int] = set()  # positions of quotes where a start tag's walk, outside quotes, led nowhere
        self._walking = False  # set once a start tag failed: the regular expression could fail slowly again

    def search(self, position: int) -> tuple[int, int] | None:
        """``(start, end)`` of the first piece of markup at or after ``position``, or ``None``."""
        source = self.source
        while True:
            candidate = _CANDIDATE.search(source, position)
            if candidate is None:
                return None
            start = candidate.start()
            end = self._match(start)
            if end is not None:
                return start, end
            position = start + 1

    def _match(self, start: int) -> int | None:
        source, last_gt = self.source, self._last_gt
        second = source[start + 1]
        if second == "!":
            if source.startswith("<!--", start):
                if self._last_comment_end is None:
                    self._last_comment_end = source.rfind("-->")
                if self._last_comment_end >= start + 4:
                    return _end(_COMMENT.match(source, start))
            return _end(_UNTIL_GT.match(source, start + 2)) if last_gt >= start + 2 else None
        if second == "?":
            return _end(_UNTIL_GT.match(source, start + 2)) if last_gt >= start + 2 else None
        if second == "/":
            return _end(_UNTIL_GT.match(source, start + 3)) if last_gt >= start + 3 else None
        if last_gt < start + 2:
            return None
        if not self._walking:
            found = _START_TAG.match(source, start)
            if found:
                return found.end()
            self._walking = True
            return None
        return self._walk(start + 2)

    def _walk(self, position: int) -> int | None:
        """The end of the start tag whose name ends before ``position`` (as :data:`_START_TAG` reads it), or None."""
        source = self.source
        hits = self._hits
        if hits is None:
            hits = self._hits = [m.start() for m in _HITS.finditer(source)]
        dead = self._dead
        seen: list[int] = []
        while True:
            index = bisect_left(hits, position)
            if index == len(hits):
                break
            hit = hits[index]
            if source[hit] == ">":
                return hit + 1
            if hit in dead:
                break
            seen.append(hit)
            closing = source.find(source[hit], hit + 1)
            if closing < 0:
                break
            position = closing + 1
        dead.update(seen)
        return None
