"""Work kept from one build to the next of the same process (``mkdocs serve``), by what it was made from.

The build (:class:`~resource_library.build.Build`) holds one :class:`KeptWork`.  Each
kind of work has its tables, one per language and setting (a *slot*, a tuple whose
first item is the language): ``{item: (item key, value)}``, valid under the slot's
*key* (what every item of the table reads: labels, interface words, addresses).

A user of a table calls :meth:`KeptWork.start` once per build with the slot's key,
looks each item up in ``kept``, makes it again when its item key differs, and puts
every item it used in ``now``.  Only what the last build used is kept.  A language
pass built in a forked process hands back what it made (:meth:`KeptWork.language`,
:meth:`KeptWork.take_language`), so the next fork starts from it.

The generated pages and their cards are two such tables per language (``PageMemo`` in
``render/pages.py``, the build's object); each record's lines of the open data files
another (``render/opendata.py``).
"""

from __future__ import annotations

import hashlib
import pickle


def key_of(*parts) -> bytes:
    """A short digest of ``parts`` pickled: equal for equal data (a slot's key)."""
    return hashlib.blake2b(pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL), digest_size=16).digest()


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
