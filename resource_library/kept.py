"""Work kept from one build to the next of the same process (``mkdocs serve``), by what it was made from.

The build (:class:`~resource_library.build.Build`) holds one :class:`KeptWork`.  Each
kind of work has its tables, one per language and setting (a *slot*, a tuple whose
first item is the language): ``{item: (item key, value)}``, valid under the slot's
*key* (what every item of the table reads: labels, interface words, addresses).

A user of a table starts it once per build with the slot's key (:func:`table`), then
asks it for each item with the item's key (:meth:`Table.use`): the value of the last
build while the key is the same, else a new one.  Only what the last build used is kept.  A language
pass built in a forked process hands back what it made (:meth:`KeptWork.language`,
:meth:`KeptWork.take_language`), so the next fork starts from it.

The tables, per language: each record's card but its link (``views/site.py``); the generated pages and their cards (``PageMemo`` in
``render/pages.py``, the build's object: a page is reused when its view is the same, and a
resource page or a term page, without working out its view, when the files it reads are); each record's
lines of the open data files (``render/opendata.py``); each record's search documents,
each document's terms and each term's coded postings (``search/site.py``, ``search/packed.py``,
``search/wire.py``); the pages left at former addresses (``render/redirects.py``).
"""

from __future__ import annotations

import hashlib
import pickle


def key_of(*parts) -> bytes:
    """A short digest of ``parts`` pickled: equal for equal data (a slot's key)."""
    return hashlib.blake2b(pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL), digest_size=16).digest()


class Table:
    """One table in one build (:func:`table`): each item's value of the last build while its key is the same."""

    def __init__(self, kept: dict | None = None, now: dict | None = None) -> None:
        self._kept = {} if kept is None else kept
        self._now = now

    @property
    def keeping(self) -> bool:
        """Whether values are kept (else every value is made, as in a single build)."""
        return self._now is not None

    def use(self, item, key, make, *args):
        """The value of ``item``: the last build's when its key was ``key``, else ``make(*args)``.
        A ``key`` of None (nothing says when the value changes) always makes it, and keeps nothing."""
        if self._now is None or key is None:
            return make(*args)
        entry = self._kept.get(item)
        if entry is None or entry[0] != key:
            entry = (key, make(*args))
        self._now[item] = entry
        return entry[1]


def files_of(records) -> tuple | None:
    """``((id, digest of its file), ...)`` of ``records``: what work made from them reads of them
    (equal digests, equal fields); None when one has no digest (nothing says when it changes)."""
    files = tuple((record.id, record.digest) for record in records)
    return files if all(digest for _rid, digest in files) else None


def table(kept: KeptWork | None, slot: tuple, key: bytes = b"") -> Table:
    """The table ``slot`` of this build under ``key`` (started: it holds what this build uses), or,
    without ``kept``, a table that keeps nothing."""
    return Table(*kept.start(slot, key)) if kept is not None else Table()


class KeptWork:
    """Tables of work kept across builds: ``{slot: (key, {item: (item key, value)})}``."""

    def __init__(self) -> None:
        self._slots: dict = {}
        #: ``{slot: items}``: what the last build of each slot started from.
        self._started: dict = {}

    def start(self, slot: tuple, key: bytes) -> tuple:
        """``(kept, now)``: the slot's items of the last build when ``key`` is the same (else
        nothing), and the dict to fill with every item this build uses."""
        last = self._slots.get(slot)
        kept = last[1] if last is not None and last[0] == key else {}
        now: dict = {}
        self._slots[slot] = (key, now)
        self._started[slot] = kept
        return kept, now

    def made(self, slot: tuple) -> dict:
        """The items the last build of ``slot`` made (did not take from the build before it)."""
        if slot not in self._slots:
            return {}
        kept = self._started.get(slot, {})
        return {item: entry for item, entry in self._slots[slot][1].items() if kept.get(item) is not entry}

    def language(self, lang: str) -> dict:
        """What the last build of ``lang`` changed, for the process it was forked from:
        per slot, the key, the items made and every item's name."""
        return {
            slot: (key, self.made(slot), list(items)) for slot, (key, items) in self._slots.items() if slot[0] == lang
        }

    def take_language(self, lang: str, changes: dict) -> None:
        """Take in :meth:`language` of ``lang`` from a process forked from this one."""
        for slot, (key, fresh, names) in changes.items():
            last = self._slots.get(slot)
            kept = last[1] if last is not None and last[0] == key else {}
            entries = {item: fresh.get(item) or kept.get(item) for item in names}
            self._slots[slot] = (key, {item: entry for item, entry in entries.items() if entry is not None})
