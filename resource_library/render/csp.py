"""Content-Security-Policy of the built pages: only the inline scripts the templates write may run.

The theme (Material for MkDocs) writes a few small inline scripts into every page
(the local-storage helpers in ``<head>``, the tab restorer in ``<body>``), and the
library page's template one more.  A policy of ``script-src 'self'`` alone would
block them, and ``'unsafe-inline'`` would let any injected script run too.  So:

- :func:`template_scripts` reads the executable inline scripts written in the
  templates' sources: the theme's folders in the theme's search order
  (``overrides/``, which holds the site's own ``library/`` templates, then
  Material's), once per language pass.  A script whose text depends on anything
  but the site's configuration (``config``) and the page's depth (``base_url``)
  is left out (Material's redirect page and analytics snippet): its text could
  carry a page's content or a setting, so it is never allowed.
- :class:`KnownScripts` renders those sources once per ``base_url`` and gives
  their SHA-256 hashes: the only inline scripts a page may run.
- :func:`apply` writes those hashes, all of them, into the ``script-src`` of the
  page's policy ``<meta>``; every page of one depth gets the same list, whether or
  not it carries each script.  Nothing in the page is hashed: a script that
  reaches a page any other way (an editor's text that escaped the checks, a
  plugin) is not in the list and the browser refuses it, as it refuses inline
  event handlers (``onerror=``) and ``javascript:`` links, which no hash allows.
- :func:`intrusions` lists what a built page carries that no template writes: an
  executable inline script with another text, one never closed, an event handler
  attribute, a ``<meta http-equiv>`` other than the policy (``refresh`` would send
  the reader elsewhere, whatever the policy says), ``<base>``, ``<iframe>``,
  ``<object>``, ``<embed>``, frames.  The build stops on any, naming the page:
  it means escaping failed somewhere.  The page is read with linear regular
  expressions, closely enough to a browser's tokenizer for this purpose.
- :func:`charset_in_time`: the policy ``<meta>`` is the first element of
  ``<head>`` (``overrides/main.html``), since a ``<meta>`` policy governs only
  what follows it; ``<meta charset>`` follows it and must still end within the
  first 1024 bytes, where browsers look for it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = ["KnownScripts", "apply", "charset_in_time", "intrusions", "script_hash", "template_scripts"]

_META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(">)', re.I)
# Template sources are the theme's and the project's files, not editors' text.
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
# The page read as a browser's tokenizer does, closely enough to find what matters:
# scripts (their text runs to the first </script), comments, tags with quoted or
# unquoted attribute values. Possessive quantifiers: no backtracking, linear scans.
_SCRIPT = re.compile(
    r"""<script(?=[\s/>])(?P<attrs>(?:[^>"']++|"[^"]*+"|'[^']*+')*+)>(?P<body>.*?)"""
    r"""</script(?=[\s/>])[^>]*+>""",
    re.S | re.I,
)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"""<([a-zA-Z][^\s/>]*+)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>""")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=][^\s"'>/=]*+)(?:\s*+=\s*+("[^"]*+"|'[^']*+'|[^\s>]*+))?+""")
# Cheap test before reading a tag's attributes one by one.
_MAYBE_HANDLER = re.compile(r"""[\s"'/]on[a-z]""", re.I)
#: Script types a browser executes (anything else, such as application/json, is data).
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
#: What a known script's text may depend on.
_CONTEXT = frozenset({"config", "base_url"})
#: Elements no template writes into a page's content and no editor's text may produce.
_FOREIGN = {"base", "iframe", "object", "embed", "frame", "frameset"}


def script_hash(text: str) -> str:
    """The CSP source expression (``'sha256-...'``) allowing an inline script of exactly ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _attributes(text: str) -> dict:
    """A tag's attributes (names in lower case, the first of a name wins, as in a browser)."""
    found: dict = {}
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2) or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        found.setdefault(match.group(1).lower(), value)
    return found


def _executable(attrs: dict) -> bool:
    """Whether a ``<script>`` with these attributes runs its own text."""
    return "src" not in attrs and attrs.get("type", "").strip().lower() in _EXECUTABLE


def template_scripts(dirs: Iterable[Path]) -> list:
    """``(template name, script source)`` of each executable inline script in the ``*.html``
    templates under ``dirs``, searched in order as the theme's loader does (a template
    in an earlier folder hides one of the same name in a later one)."""
    seen: set = set()
    found = []
    for folder in dirs:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for file in sorted(folder.rglob("*.html")):
            name = file.relative_to(folder).as_posix()
            if name in seen:
                continue
            seen.add(name)
            source = _JINJA_COMMENT.sub("", file.read_text(encoding="utf-8"))
            for match in _SCRIPT.finditer(source):
                if _executable(_attributes(match.group("attrs"))):
                    found.append((name, match.group("body")))
    return found


class KnownScripts:
    """The inline scripts the templates write, rendered and hashed once per page depth.

    Args:
        sources: ``(template name, script source)`` from :func:`template_scripts`.
        environment: The Jinja environment the theme renders with (for its filters).
        config: The site's configuration, as the templates see it.
    """

    def __init__(self, sources: list, environment, config):
        from jinja2 import meta  # only the build renders; checking content needs no Jinja

        self.config = config
        # A script's text sits inside its template, so its last line break is part of it.
        environment = environment.overlay(keep_trailing_newline=True)
        self.templates = []
        self.skipped = []  # (template name, names its text depends on) for scripts never allowed
        for name, source in sources:
            parsed = environment.parse(source)
            names = meta.find_undeclared_variables(parsed)
            if names <= _CONTEXT:
                self.templates.append(environment.from_string(source))
            else:
                self.skipped.append((name, sorted(names - _CONTEXT)))
        self._texts: dict = {}

    def texts(self, base_url: str) -> frozenset:
        """The exact texts of the inline scripts a page at ``base_url`` may carry."""
        if base_url not in self._texts:
            self._texts[base_url] = frozenset(t.render(config=self.config, base_url=base_url) for t in self.templates)
        return self._texts[base_url]

    def hashes(self, base_url: str) -> list:
        """Their CSP source expressions, sorted (the policy is the same on every page of one depth)."""
        return sorted({script_hash(text) for text in self.texts(base_url)})


#: The ``script-src`` sources of a page in ``mkdocs serve``'s preview.  The preview server
#: adds to every page, as it sends it, an inline script that reloads the page after a
#: rebuild, whose text holds the time of the request: no hash known in advance can allow
#: it, and a policy of hashes would stop the preview from reloading.  So the local
#: preview, and only it, allows inline scripts.  It still shows only pages the build
#: accepted: :func:`intrusions` stops a preview build exactly as it stops a real one.
PREVIEW_SOURCES = ["'unsafe-inline'"]


def apply(html: str, hashes: list) -> str:
    """``html`` with ``hashes`` added to its policy's ``script-src``.

    A page without the policy ``<meta>`` (e.g. a redirect page) is returned unchanged.
    """
    meta = _META.search(html)
    if meta is None or not hashes:
        return html
    directives = [d.strip() for d in meta.group(2).split(";") if d.strip()]
    for i, directive in enumerate(directives):
        if directive.split()[0] == "script-src":
            directives[i] = " ".join([directive, *hashes])
            break
    else:
        directives.append(" ".join(["script-src", "'self'", *hashes]))
    policy = "; ".join(directives)
    return html[: meta.start()] + meta.group(1) + policy + meta.group(3) + html[meta.end() :]


def intrusions(html: str, known: frozenset) -> list:
    """What ``html`` carries that no template writes (see the module's docstring); ``[]`` when clean."""
    found = []
    for match in _SCRIPT.finditer(html):
        attributes = _attributes(match.group("attrs"))
        text = match.group("body")
        if _executable(attributes) and text not in known:
            preview = " ".join(text.split())[:60]
            found.append(f"an inline script no template writes ({script_hash(text)}: {preview})")
    # The scripts read, their start tags kept under another name for the attribute check.
    rest = _COMMENT.sub(" ", _SCRIPT.sub(lambda m: "<read-script" + m.group("attrs") + ">", html))
    for match in _TAG.finditer(rest):
        tag, attrs = match.group(1).lower(), match.group(2)
        if tag == "script":  # never closed: the browser runs the rest of the page as its text
            found.append("a <script> that is never closed")
        if _MAYBE_HANDLER.search(attrs):
            for name in _attributes(attrs):
                if name.startswith("on"):
                    found.append(f"an event handler attribute <{tag.replace('read-', '')} {name}=...>")
        if tag in _FOREIGN:
            found.append(f"a <{tag}> element")
        elif tag == "meta" and "http-equiv" in attrs.lower():
            # Only the attribute counts: the words in a description's text are no directive.
            equiv = _attributes(attrs).get("http-equiv")
            if equiv is not None and equiv.strip().lower() != "content-security-policy":
                found.append(f'a <meta http-equiv="{equiv}">')
    return found


#: A browser looks for the page's character encoding in its first 1024 bytes only.
CHARSET_LIMIT = 1024
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)


def charset_in_time(html: str) -> bool:
    """Whether the ``<meta charset>`` declaration (after the policy) ends within the first 1024 bytes."""
    match = _CHARSET.search(html, 0, CHARSET_LIMIT * 4)
    return match is not None and len(html[: match.end()].encode("utf-8")) <= CHARSET_LIMIT
