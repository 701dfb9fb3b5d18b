"""The files of ``data/`` and ``docs/``: which may be there, how large, and how to read them.

MkDocs copies every file under ``docs/`` into the site, on the site's own address,
and follows symbolic links; the loaders read ``data/``.  :func:`check_files` walks
both folders once (``scripts/library check`` and the build both call it, before
anything else reads them) and refuses:

- symbolic links anywhere (one can publish or read a file from outside the
  project, or a device that never ends), and anything that is not a regular file
  or a folder (a named pipe would block the reader);
- under ``docs/``, files the site would publish with a type not on the allow-list
  below (an HTML, XML or script file would run on the site's own address), pages
  named with another Markdown suffix than ``.md``, and SVG images that are more
  than a picture (:mod:`resource_library.load.svgsafety`), and PDF files that
  carry scripts or actions (:mod:`resource_library.load.pdfsafety`);
- files over the size cap of their kind, checked before they are read;
- two names in one folder that differ only by case (they are one file on Windows
  and macOS, and a checkout there loses one of them);
- files in ``data/resources/``, ``data/programs/`` and ``data/infographics/`` that
  are not read because their name does not end in ``.yml``, and folders there.

:func:`read_limited` is the one way to read an editor's file: never through a
symbolic link, never a device or a pipe, never more than the cap.
:func:`link_refusal` judges a record's link to a file of the site by the same
allow-list.
"""

from __future__ import annotations

import os
import posixpath
import stat
import unicodedata
from pathlib import Path

from resource_library.load.problems import Problem

KB = 1024
MB = 1024 * KB

#: ``kind: (cap in bytes, what, advice)``.  A record or a vocabulary is a few kilobytes;
#: a long hand-written page some tens; an SVG exported by a drawing program a few
#: hundred (it is parsed in full at each build).  Downloads are not read, but every
#: byte is in the repository and in each reader's download: 20 MB keeps the
#: repository far under the limits of Git hosts (GitHub refuses files over 100 MB)
#: and a school network's patience; larger files belong on another site, linked.
LIMITS = {
    "yaml": (256 * KB, "a YAML file here", "(was something pasted into it by mistake?)"),
    # Python-Markdown takes seconds on some pages of a few hundred KB (load/markdownlimits.py).
    "page": (100 * KB, "a page", "(was something pasted into it by mistake? split a long page in several)"),
    "svg": (2 * MB, "an SVG image", "(simplify it, or export it as PNG)"),
    "download": (20 * MB, "a file published from docs/", "(compress it, or put it on another site and link to it)"),
}

PAGE_SUFFIX = ".md"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")
#: An infographic's ``image`` may also be a PDF poster: its page then offers the file instead of showing it.
IMAGE_FIELD_SUFFIXES = IMAGE_SUFFIXES + (".pdf",)
DOCUMENT_SUFFIXES = (
    ".pdf",
    ".docx",
    ".xlsx",
    ".pptx",
    ".odt",
    ".ods",
    ".odp",
    ".doc",
    ".xls",
    ".ppt",
    ".rtf",
    ".csv",
    ".txt",
)
MEDIA_SUFFIXES = (".mp3", ".m4a", ".ogg", ".wav", ".mp4", ".webm")
#: Every type a file under docs/ may have besides pages: served by any host with a
#: type under which browsers run no script (SVG only once checked).
DOWNLOAD_SUFFIXES = IMAGE_SUFFIXES + DOCUMENT_SUFFIXES + MEDIA_SUFFIXES
ACCEPTED = (
    f"pages ({PAGE_SUFFIX}), PDF, images ({', '.join(IMAGE_SUFFIXES)}), office documents "
    f"({', '.join(DOCUMENT_SUFFIXES[1:-2])}), CSV, text (.txt), audio and video ({', '.join(MEDIA_SUFFIXES)})"
)
#: Folders of data/ whose ``*.yml`` files are each one record, program or drawing.
RECORD_FOLDERS = ("resources", "programs", "infographics")

_HTML = (
    "an HTML page",
    "MkDocs would publish it as it is, on the site's own address, where its scripts would run",
    "write the page in Markdown (.md), or offer the document as PDF",
)
_XML = (
    "an XML file",
    "a browser opening it on the site's own address can run script in it",
    "offer the content as PDF, CSV or text (.txt)",
)
_SCRIPT = ("a script", "it would run on the site's own address", "the site's own scripts live in overrides/")
_STYLE = ("a style sheet", "it could restyle any page of the site", "the site's own styles live in overrides/")
_MARKDOWN = (
    "a Markdown page whose name does not end in .md",
    "MkDocs would publish it as a download, not as a page",
    "rename it to end in .md (lowercase)",
)
_REFUSED = {
    **dict.fromkeys((".html", ".htm", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml", ".hta"), _HTML),
    **dict.fromkeys((".xml", ".xsl", ".xslt", ".rss", ".atom", ".rdf", ".svgz"), _XML),
    **dict.fromkeys((".js", ".mjs", ".cjs", ".javascript", ".wasm", ".vbs", ".swf"), _SCRIPT),
    ".css": _STYLE,
    **dict.fromkeys((".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext"), _MARKDOWN),
}


def refusal(name: str) -> tuple | None:
    """``(what it is, why it is refused, what to do)`` for a file under docs/ named ``name``, or ``None``."""
    suffix = posixpath.splitext(name)[1]
    if suffix == PAGE_SUFFIX or suffix.lower() in DOWNLOAD_SUFFIXES:
        return None
    if suffix.lower() in _REFUSED:
        return _REFUSED[suffix.lower()]
    what = f"a file of type {suffix}" if suffix else "a file without a type (no suffix such as .pdf)"
    return (
        what,
        "the site publishes only pages and the types of file listed in CONTRIBUTING.md",
        f"accepted: {ACCEPTED}",
    )


def link_refusal(target: str, images: tuple = ()) -> str | None:
    """Why a link to ``target``, a path to a file of the site (no ``#anchor``), is refused, or ``None``.

    A path without a suffix (``../about/``) is a page's address.  ``images``: the
    suffixes accepted when the target is shown as an image (:data:`IMAGE_SUFFIXES`
    for ``![...](...)``, :data:`IMAGE_FIELD_SUFFIXES` for a record's ``image``).
    """
    name = posixpath.basename(target)
    suffix = posixpath.splitext(name)[1].lower()
    if images:
        return None if suffix in images else f"is not an image; use one of {', '.join(images)}"
    if not suffix or suffix == PAGE_SUFFIX:
        return None
    refused = refusal(name)
    if refused is None:
        return None
    what, why, fix = refused
    return f"is {what}, which cannot be linked: {why}; {fix}"


def _amount(size: int) -> str:
    return f"{size // MB} MB" if size >= MB else f"{size // KB} KB"


def too_large(shown: str, size: int, kind: str) -> Problem:
    limit, what, advice = LIMITS[kind]
    return Problem(shown, 1, 1, "-", f"the file is {size / MB:.1f} MB; {what} must be under {_amount(limit)} {advice}")


def not_a_file(path, shown: str, st: os.stat_result) -> Problem | None:
    """The problem with ``path`` (its ``lstat``) when it is not a regular file, else ``None``."""
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        target = target if len(target) <= 60 else target[:57] + "..."
        message = (
            f"this is a symbolic link (to {target}); a link can lead outside the project, and the site would "
            "read or publish whatever it leads to: put the file itself here instead"
        )
    elif stat.S_ISDIR(mode):
        message = "this is a folder, not a file; rename it (a folder's name must not end like a file's, in .yml or .md)"
    else:
        message = "this is not a regular file (a named pipe, a device or a socket); remove it"
    return Problem(shown, 1, 1, "-", message)


def read_limited(file, shown: str, kind: str):
    """The bytes of ``file``, or the :class:`Problem` saying why it is not read.

    The checks come before reading: a symbolic link, a folder, a pipe or a device
    is refused (``lstat``; opened without following a link nor waiting on a pipe),
    and so is a file over the cap of ``kind`` (see :data:`LIMITS`), whose end is
    never read even if it grows in the meantime.
    """
    limit = LIMITS[kind][0]
    try:
        problem = not_a_file(file, shown, os.lstat(file))
        if problem is not None:
            return problem
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        handle = os.open(file, flags)
        try:
            st = os.fstat(handle)
            problem = not_a_file(file, shown, st)
            if problem is not None:
                return problem
            if st.st_size > limit:
                return too_large(shown, st.st_size, kind)
            raw = _read_up_to(handle, st.st_size, limit + 1)
        finally:
            os.close(handle)
    except OSError as exc:
        return Problem(shown, 1, 1, "-", f"cannot read the file: {exc.strerror}")
    if len(raw) > limit:
        return too_large(shown, len(raw), kind)
    return raw


def _read_up_to(handle: int, size: int, most: int) -> bytes:
    """At most ``most`` bytes of the open file ``handle``, whose size was ``size``: asked for in
    one read of that size (and one byte more, to see it grew), not a buffer of ``most`` bytes
    per file (thousands of records are read at each build)."""
    chunks = []
    total = 0
    want = min(size + 1, most)
    while total < most:
        chunk = os.read(handle, min(want, most - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = 1 << 16
    return b"".join(chunks)


def check_files(root, data_dir=None, docs_dir=None) -> list:
    """Every problem of the files under ``data_dir`` and ``docs_dir`` (``root``/data, ``root``/docs)."""
    root = Path(root)
    walker = _Walk(root)
    walker.folder(Path(data_dir) if data_dir else root / "data", published=False)
    walker.folder(Path(docs_dir) if docs_dir else root / "docs", published=True)
    return walker.problems


class _Walk:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list = []

    def shown(self, path: str | os.PathLike[str]) -> str:
        return Path(os.path.relpath(path, self.root)).as_posix()

    def folder(self, top: Path, published: bool) -> None:
        try:
            st = os.lstat(top)
        except OSError:
            return  # no such folder: the loaders say what is missing
        if not stat.S_ISDIR(st.st_mode):
            self.problems.append(not_a_file(top, self.shown(top), st))
            return
        pending: list[tuple[str, tuple[str, ...]]] = [(str(top), ())]
        while pending:
            path, parts = pending.pop()
            try:
                with os.scandir(path) as entries:
                    listed = sorted(entries, key=lambda e: e.name)
            except OSError as exc:
                self.problems.append(Problem(self.shown(path), 1, 1, "-", f"cannot read the folder: {exc.strerror}"))
                continue
            self._same_names(listed)
            for entry in reversed(listed):
                sub = parts + (entry.name,)
                if self._entry(entry, sub, published):
                    pending.append((entry.path, sub))

    def _same_names(self, entries: list) -> None:
        groups: dict = {}
        for entry in entries:
            if not entry.name.startswith("."):
                groups.setdefault(unicodedata.normalize("NFC", entry.name).casefold(), []).append(entry)
        for group in groups.values():
            if len(group) < 2:
                continue
            # The name in lowercase is the one kept (ids and page names are lowercase); the others are named.
            kept = next((e for e in group if e.name == e.name.lower()), group[0])
            for entry in group:
                if entry is not kept:
                    self.problems.append(
                        Problem(
                            self.shown(entry.path),
                            1,
                            1,
                            "-",
                            f"the name differs from '{kept.name}' only by upper and lower case; Windows and macOS "
                            "keep them as one file: rename or remove one of the two",
                        )
                    )

    def _entry(self, entry: os.DirEntry, parts: tuple, published: bool) -> bool:
        """Check one entry; whether it is a folder to walk into."""
        shown = self.shown(entry.path)
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError as exc:
            self.problems.append(Problem(shown, 1, 1, "-", f"cannot read the file: {exc.strerror}"))
            return False
        name = entry.name
        hidden = any(part.startswith(".") for part in parts)
        in_records = not published and len(parts) == 2 and parts[0] in RECORD_FOLDERS
        if stat.S_ISDIR(st.st_mode):
            if hidden:
                return True
            if name.endswith((".yml", PAGE_SUFFIX)):
                self.problems.append(not_a_file(entry.path, shown, st))
            elif in_records:
                self.problems.append(
                    Problem(
                        shown,
                        1,
                        1,
                        "-",
                        f"folders in data/{parts[0]}/ are not read: put its files directly in data/{parts[0]}/",
                    )
                )
            return True
        problem = not_a_file(entry.path, shown, st)
        if problem is not None:
            self.problems.append(problem)
            return False
        if hidden:
            return False  # not read, and MkDocs does not publish files whose path has a part starting with "."
        if published:
            if parts[0] != "templates" or len(parts) == 1:  # MkDocs leaves docs/templates/ out of the site
                self._published(entry.path, shown, name, st.st_size)
        elif in_records and not name.endswith(".yml"):
            stem, suffix = posixpath.splitext(name)
            fix = (
                f"rename it to {stem}.yml"
                if suffix.lower() in (".yml", ".yaml")
                else "rename it to end in .yml, or move it out of this folder"
            )
            self.problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "-",
                    f"this file is not read: only names ending in .yml (lowercase) are read in data/{parts[0]}/; {fix}",
                )
            )
        elif name.endswith(".yml") and st.st_size > LIMITS["yaml"][0]:
            self.problems.append(too_large(shown, st.st_size, "yaml"))
        elif name.endswith(PAGE_SUFFIX) and st.st_size > LIMITS["page"][0]:
            self.problems.append(too_large(shown, st.st_size, "page"))
        return False

    def _published(self, path: str, shown: str, name: str, size: int) -> None:
        refused = refusal(name)
        if refused is not None:
            what, why, fix = refused
            self.problems.append(
                Problem(shown, 1, 1, "-", f"this is {what}, which is not accepted under docs/: {why}; {fix}")
            )
            return
        suffix = posixpath.splitext(name)[1].lower()
        kind = "page" if suffix == PAGE_SUFFIX else "svg" if suffix == ".svg" else "download"
        if size > LIMITS[kind][0]:
            self.problems.append(too_large(shown, size, kind))
        elif kind == "svg":
            raw = read_limited(path, shown, "svg")
            if isinstance(raw, Problem):
                self.problems.append(raw)
            else:
                from resource_library.load.svgsafety import svg_problems  # parsed only when there is an SVG

                self.problems += svg_problems(raw, shown)
        elif suffix == ".pdf":
            raw = read_limited(path, shown, "download")
            if isinstance(raw, Problem):
                self.problems.append(raw)
            else:
                from resource_library.load.pdfsafety import pdf_problems  # read only when there is a PDF

                self.problems += pdf_problems(raw, shown)


def record_files(folder: Path) -> list:
    """The files ``*.yml`` of ``folder``, sorted (as ``sorted(folder.glob("*.yml"))``, without
    making and comparing a path object per name: thousands of records at each build)."""
    try:
        names = sorted(name for name in os.listdir(folder) if name.endswith(".yml"))
    except OSError:  # no such folder (reported with the files: load/files.py)
        return []
    return [folder / name for name in names]
