"""The Content-Security-Policy hashes: exactly the page's executable inline scripts."""

from __future__ import annotations

import base64
import hashlib

from resource_library.render import csp

META = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\'; object-src \'none\'">'


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_hashes_of_inline_scripts_are_added_to_script_src():
    page = (f"<html><head>{META}<script>var a = 1;</script>"
            '<script id="__config" type="application/json">{"x": 1}</script>'
            '<script src="bundle.js"></script></head>'
            "<body><script type=\"module\">import('./x.js')</script><script>var a = 1;</script></body></html>")
    out = csp.apply(page)
    expected = f"script-src 'self' {_hash('var a = 1;')} {_hash(chr(105) + 'mport(' + chr(39) + './x.js' + chr(39) + ')')}"
    assert expected in out
    assert "application/json" in out and _hash('{"x": 1}') not in out
    assert out.count("sha256-") == 2  # the repeated script is listed once
    assert "default-src 'self'" in out and "object-src 'none'" in out


def test_a_page_without_the_policy_or_inline_scripts_is_unchanged():
    no_policy = "<html><head><script>var a = 1;</script></head></html>"
    assert csp.apply(no_policy) == no_policy
    no_inline = f"<html><head>{META}<script src='x.js'></script></head></html>"
    assert csp.apply(no_inline) == no_inline


def test_hashes_the_exact_text_including_non_ascii():
    body = "\n  document.title = 'Bibliothèque';\n"
    assert csp.inline_script_hashes(f"<script>{body}</script>") == [_hash(body)]
