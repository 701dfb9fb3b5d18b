"""Whether an SVG image under ``docs/`` is only a picture: no script, no request to another host.

MkDocs publishes every file under ``docs/`` as it is, on the site's own address.
An SVG file is an XML document: opened directly (the "Get the resource" link of
a record, a download link), the browser runs its scripts and loads what it
refers to with the site's own rights, and the page's Content-Security-Policy
does not cover it.  So every SVG file is parsed with defusedxml's expat reader
(no entity expansion, nothing fetched: the DTD a DOCTYPE names is never read)
and refused when it holds:

- a ``<script>`` or ``<foreignObject>`` element (in any namespace), or any HTML
  element (the XHTML namespace);
- an event attribute (``on...``), a ``javascript:``/``vbscript:`` address
  anywhere, an ``xml:base``, an animation that sets an event attribute;
- a reference to another host or scheme: ``href`` (``xlink:href``, ``src``, and
  the values an animation gives to ``href``) that is not ``#id`` or a relative
  path; ``url(...)``, quoted addresses or ``@import`` in a ``<style>`` element
  or in any attribute (CSS escapes and comments are read as a browser reads them);
  ``data:`` addresses, which can hide script or another document;
- a processing instruction (``<?xml-stylesheet?>`` loads a style sheet or an XSLT
  transformation), a DOCTYPE with declarations, or XML that is not well formed.

Each refusal names the line and column the parser gives for the element.
"""

from __future__ import annotations

import io
import re
import xml.sax
from xml.sax.handler import feature_external_ges, feature_external_pes, feature_namespaces

# defusedxml ships no type hints (and types-defusedxml is not a dependency).
from defusedxml.common import DefusedXmlException, DTDForbidden, EntitiesForbidden  # type: ignore[import-untyped]
from defusedxml.expatreader import DefusedExpatParser  # type: ignore[import-untyped]

from resource_library.load.problems import Problem

SVG_NS = "http://www.w3.org/2000/svg"
XHTML_NS = "http://www.w3.org/1999/xhtml"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

#: Problems reported per file; a hostile file can hold thousands, the first few say what to do.
MAX_REPORTED = 10

_URL_ATTRIBUTES = frozenset({"href", "src"})
_ANIMATIONS = frozenset({"set", "animate", "animatetransform", "animatemotion", "animatecolor"})
_ANIMATION_VALUES = ("values", "from", "to", "by")
# What a browser drops from an address before reading its scheme.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_SCRIPT_SCHEME = re.compile(r"(?:java|vb)script:", re.I)
# CSS, read as a browser reads it: escapes (\75 or \u) decoded, comments dropped.
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.))", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
_CSS_URL = re.compile(r"url\(\s*(?:\"([^\"]*)\"|'([^']*)'|([^)\s]*))", re.I)
_CSS_STRING = re.compile(r"\"([^\"]*)\"|'([^']*)'")
_CSS_IMPORT = re.compile(r"@import", re.I)
# A quoted text that a browser could read as an address (image-set("..."), @import "...").
_CSS_ADDRESS = re.compile(r"^(?://|[a-zA-Z][a-zA-Z0-9+.-]*://|(?:java|vb)script:|data:)", re.I)
# Characters without which a value holds no address, import or escape (most attributes).
_CSS_SUSPECT = re.compile(r"[(@\\/'\":]")


def _css_text(text: str) -> str:
    def unescape(match):
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return match.group(2)

    return _CSS_COMMENT.sub(" ", _CSS_ESCAPE.sub(unescape, text))


def _address_problem(value: str) -> tuple[str, str] | None:
    """``(what, why)`` when an address in the image is refused; ``None`` for ``#id`` or a relative path."""
    address = _URL_NOISE.sub("", value).replace("\\", "/")
    scheme = _SCHEME.match(address)
    name = scheme.group(1).lower() if scheme else None
    if name in ("javascript", "vbscript"):
        return f"a {name}: address", "it runs script"
    if name == "data":
        return "a data: address", "it can hide script or another document (save an embedded picture as its own file)"
    if name or address.startswith("//"):
        return (
            f"a reference outside the site ('{_short(value)}')",
            "an image here may refer only to its own parts (#id) and to files of the site",
        )
    return None


def _css_problems(text: str) -> list:
    """``(what, why)`` for each refused piece of CSS (a ``<style>`` element, a ``style`` or presentation attribute)."""
    if not _CSS_SUSPECT.search(text):
        return []  # the usual presentation attribute (a colour, a length): nothing to read
    css = _css_text(text)
    found: list[tuple[str, str] | None] = []
    if _CSS_IMPORT.search(css):
        found.append(("an @import", "it loads styles from another file"))
    for match in _CSS_URL.finditer(css):
        found.append(_address_problem(next((g for g in match.groups() if g is not None), "")))
    for match in _CSS_STRING.finditer(css):
        target = match.group(1) if match.group(1) is not None else match.group(2)
        if _CSS_ADDRESS.match(_URL_NOISE.sub("", target).replace("\\", "/")):
            found.append(_address_problem(target))
    if _SCRIPT_SCHEME.search(_URL_NOISE.sub("", css)):
        found.append(_address_problem("javascript:"))
    return list(dict.fromkeys(f for f in found if f))


def _short(text: str) -> str:
    return text if len(text) <= 50 else text[:47] + "..."


class _Parser(DefusedExpatParser):
    """defusedxml's expat reader: entities refused; a DOCTYPE is accepted only without declarations,
    and the DTD it names is never read (exporters write the SVG 1.1 DOCTYPE; nothing needs its content)."""

    def __init__(self):
        super().__init__(namespaceHandling=1, forbid_dtd=True, forbid_entities=True, forbid_external=True)

    def defused_start_doctype_decl(self, name, sysid, pubid, has_internal_subset):
        if has_internal_subset:
            raise DTDForbidden(name, sysid, pubid)

    def defused_external_entity_ref_handler(self, context, base, sysid, pubid):
        return 1  # skipped, never fetched


class _Handler(xml.sax.ContentHandler):
    def __init__(self, shown: str):
        super().__init__()
        self.shown = shown
        self.problems: list = []
        self.count = 0
        self.locator = None
        self.root_seen = False
        self.style_depth = 0
        self.style_text: list = []
        self.style_at = (1, 1)

    def setDocumentLocator(self, locator):
        self.locator = locator

    def here(self) -> tuple:
        if self.locator is None:
            return 1, 1
        return self.locator.getLineNumber() or 1, (self.locator.getColumnNumber() or 0) + 1

    def add(self, message: str, at: tuple | None = None) -> None:
        self.count += 1
        if self.count <= MAX_REPORTED:
            line, column = at or self.here()
            self.problems.append(Problem(self.shown, line, column, "-", message))

    def processingInstruction(self, target, data):
        self.add(
            f"the SVG image holds a processing instruction (<?{target} ...?>), which can load a style sheet "
            "or a transformation from elsewhere; remove it"
        )

    def startElementNS(self, name, qname, attrs):
        uri, local = name
        shown = f"<{local}>"
        low = local.lower()
        if not self.root_seen:
            self.root_seen = True
            if low != "svg":
                self.add(
                    f"the file is not an SVG image: its first element is {shown}, not <svg>; "
                    "export the picture again as SVG"
                )
        if low == "script":
            self.add(
                f"the SVG image holds a {shown} element; script in an image runs on the site's own address "
                "when the image is opened: remove it (export the picture again as a plain SVG)"
            )
        elif low == "foreignobject":
            self.add(f"the SVG image holds a {shown} element, which embeds HTML (possibly with script); remove it")
        elif uri == XHTML_NS:
            self.add(f"the SVG image holds an HTML element {shown}; remove it (an image holds only drawing elements)")
        if low == "style":
            self.style_depth += 1
            if self.style_depth == 1:
                self.style_text, self.style_at = [], self.here()
        for (attr_uri, attr_local), value in attrs.items():
            self._attribute(shown, low, attr_uri or "", attr_local, value, attrs)

    def _attribute(self, element, low, uri, local, value, attrs):
        prefix = {XLINK_NS: "xlink:", XML_NS: "xml:"}.get(uri, "")
        name = prefix + local
        where = f"'{name}' of {element}"
        if local.lower().startswith("on"):
            self.add(f"the SVG image gives {element} an event attribute '{name}', which runs script; remove it")
            return
        if uri == XML_NS and local == "base":
            self.add(f"the SVG image sets {where}, which changes where its references lead; remove it")
            return
        if low in _ANIMATIONS and local == "attributeName" and value.split(":")[-1].strip().lower().startswith("on"):
            self.add(
                f"the SVG image animates the event attribute '{value.strip()}' in {element}, which runs script; "
                "remove it"
            )
            return
        reasons = []
        if local in _URL_ATTRIBUTES or uri == XLINK_NS:
            reasons.append(_address_problem(value))
        elif low in _ANIMATIONS and local in _ANIMATION_VALUES and _animates_address(attrs):
            reasons += [_address_problem(piece) for piece in value.split(";")]
        reasons += _css_problems(value)
        for what, why in dict.fromkeys(r for r in reasons if r):
            self.add(f"the SVG image has {what} in {where}: {why}; remove it")

    def skippedEntity(self, name):
        self.add(f"the SVG image uses the entity &{name}; that it does not define; write the character itself")

    def characters(self, content):
        if self.style_depth:
            self.style_text.append(content)

    def endElementNS(self, name, qname):
        if name[1].lower() == "style" and self.style_depth:
            self.style_depth -= 1
            if self.style_depth == 0:
                for what, why in _css_problems("".join(self.style_text)):
                    self.add(f"the SVG image has {what} in its <style>: {why}; remove it", self.style_at)
                self.style_text = []


def _animates_address(attrs) -> bool:
    for (_uri, local), value in attrs.items():
        if local == "attributeName":
            return value.split(":")[-1].strip().lower() in _URL_ATTRIBUTES
    return False


def svg_problems(raw: bytes, shown: str) -> list:
    """Problems of the SVG file ``shown`` whose bytes are ``raw`` (empty when it is only a picture)."""
    handler = _Handler(shown)
    parser = _Parser()
    parser.setFeature(feature_namespaces, True)
    parser.setFeature(feature_external_ges, False)
    parser.setFeature(feature_external_pes, False)
    parser.setContentHandler(handler)
    source = xml.sax.xmlreader.InputSource()
    source.setByteStream(io.BytesIO(raw))
    try:
        parser.parse(source)
    except xml.sax.SAXParseException as exc:
        reason = str(exc.getMessage())
        handler.add(
            f"the SVG image is not well-formed XML ({reason}); open it in a drawing program and export it again as SVG",
            (exc.getLineNumber() or 1, (exc.getColumnNumber() or 0) + 1),
        )
    except (EntitiesForbidden, DTDForbidden):
        handler.add(
            "the SVG image has a DOCTYPE with declarations (entities, attribute defaults), which could "
            "expand a small file without bound or add hidden attributes; export it again without a DOCTYPE",
            _parser_position(parser),
        )
    except DefusedXmlException as exc:  # pragma: no cover - every defused refusal is one of the above
        handler.add(
            f"the SVG image cannot be read safely ({exc.__class__.__name__}); export it again", _parser_position(parser)
        )
    except (ValueError, LookupError) as exc:  # an encoding expat does not know, a broken byte stream
        handler.add(f"the SVG image cannot be read as XML ({exc}); export it again as UTF-8", (1, 1))
    if not handler.root_seen and handler.count == 0:
        handler.add("the SVG image has no element; export the picture again as SVG", (1, 1))
    if handler.count > MAX_REPORTED:
        last = handler.problems[-1]
        more = handler.count - MAX_REPORTED
        handler.problems.append(
            Problem(
                shown,
                last.line,
                last.column,
                "-",
                f"... and {more} more problem{'s' if more != 1 else ''} in this SVG image",
            )
        )
    return handler.problems


def _parser_position(parser) -> tuple:
    try:
        return parser.getLineNumber() or 1, (parser.getColumnNumber() or 0) + 1
    except Exception:
        return 1, 1
