"""Content-Security-Policy of the built pages: allow exactly the inline scripts the pages carry.

The theme (Material for MkDocs) writes a few small inline scripts into every page
(the local-storage helpers in ``<head>``, the tab restorer in ``<body>``).  A
policy of ``script-src 'self'`` alone would block them, and ``'unsafe-inline'``
would also let any injected script run.  So the page template declares the
policy with ``script-src 'self'`` and, once a page is rendered, :func:`apply`
adds the SHA-256 hash of each inline script found in that page: the browser then
runs those exact scripts and nothing else that is written inline (editors' text
can never add a script, even if escaping failed somewhere).

A ``<meta>`` policy governs only what follows it, so the template puts it at the
top of ``<head>``, before the theme's first inline script.
"""

from __future__ import annotations

import base64
import hashlib
import re

__all__ = ["apply", "inline_script_hashes"]

_META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(">)', re.I)
_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
#: Script types a browser executes (anything else, such as application/json, is data).
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}


def inline_script_hashes(html: str) -> list:
    """CSP source expressions (``'sha256-...'``) of the executable inline scripts, in page order."""
    hashes = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if kind and kind.group(1).lower() not in _EXECUTABLE:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def apply(html: str) -> str:
    """``html`` with the hashes of its inline scripts added to its policy's ``script-src``.

    A page without the policy ``<meta>`` (e.g. a redirect page) is returned unchanged.
    """
    meta = _META.search(html)
    if meta is None:
        return html
    hashes = inline_script_hashes(html)
    if not hashes:
        return html
    directives = [d.strip() for d in meta.group(2).split(";") if d.strip()]
    for i, directive in enumerate(directives):
        if directive.split()[0] == "script-src":
            directives[i] = " ".join([directive, *hashes])
            break
    else:
        directives.append(" ".join(["script-src", "'self'", *hashes]))
    policy = "; ".join(directives)
    return html[:meta.start()] + meta.group(1) + policy + meta.group(3) + html[meta.end():]
