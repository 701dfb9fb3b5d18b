"""The site's own data (``data/site.yml``): who publishes it, its crisis banner, and the licence of its data.

The loader (:mod:`resource_library.load.site`) reads each section with the names
listed here, and the JSON Schema of the file is generated from these tables.
"""

from __future__ import annotations

from resource_library.model.fields import Field

#: An e-mail address: one @, no spaces, no characters that would end a mailto: link early.
EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"
#: A phone number as shown: digits, spaces and hyphens, an optional + first.
PHONE_PATTERN = r"^\+?[0-9]([0-9 -]{0,20}[0-9])?$"
#: A path under docs/ to an SVG image: lowercase letters, digits, hyphens, underscores and folders.
LOGO_PATTERN = r"^([a-z0-9_-]+/)*[a-z0-9_-]+\.svg$"
#: A word sent by text message: letters and digits.
KEYWORD_PATTERN = r"^[A-Za-z0-9]{1,20}$"

#: The organisation that publishes the site.
PUBLISHER = (
    Field("name", "name", "The organisation's name: `en:` and `fr:`, or one text for both languages.", required=True),
    Field("url", "https", "The https:// address of the organisation's own site."),
    Field(
        "email",
        "plain",
        "The organisation's contact address (name@domain), shown in every page's footer and offered "
        "when no copy of a resource is online.",
        pattern=EMAIL_PATTERN,
        max_length=254,
    ),
    Field(
        "logo",
        "plain",
        "The organisation's logo: an SVG image under docs/, as a path relative to docs/ (e.g. images/logo.svg). "
        "Shown in the header and the footer, beside the organisation's name.",
        pattern=LOGO_PATTERN,
        max_length=200,
    ),
)

#: One line of the crisis banner: a service and the numbers that reach it.
CRISIS_LINE = (
    Field("name", "name", "The service's name: `en:` and `fr:`, or one text for both languages.", required=True),
    Field(
        "call",
        "plain",
        "The number to call, as readers should see it (e.g. 9-8-8, 1-800-668-6868): digits, spaces and hyphens, "
        "an optional + first. The link dials its digits.",
        pattern=PHONE_PATTERN,
        max_length=24,
    ),
    Field(
        "text",
        "plain",
        "The number to text, as readers should see it (e.g. 686868). The link opens a text message to it.",
        pattern=PHONE_PATTERN,
        max_length=24,
    ),
    Field(
        "keyword",
        "name",
        "The word to send by text, if the service asks for one: `en:` and `fr:` (e.g. CONNECT and PARLER), "
        "or one word for both languages. Letters and digits only.",
    ),
)

#: The crisis banner at the top of every page.
CRISIS = (
    Field("title", "name", "The banner's heading: `en:` and `fr:` (e.g. Need help now?).", required=True),
    Field(
        "lines",
        "list",
        "The services the banner lists, in order; each needs `call:`, `text:` or both.",
        required=True,
        fields=CRISIS_LINE,
        min_items=1,
    ),
)

#: The licence of the open data (library.json, library.csv, the feeds).
LICENCE = (
    Field("name", "name", "The licence's name: `en:` and `fr:`, or one text for both languages.", required=True),
    Field("url", "https", "The https:// address of the licence's text.", required=True),
)

#: The sections of ``data/site.yml``.
SITE = (
    Field(
        "publisher",
        "mapping",
        "The organisation that publishes the site: named in the open data, the feeds and "
        "the structured data of resource pages.",
        required=True,
        fields=PUBLISHER,
    ),
    Field(
        "crisis",
        "mapping",
        "The crisis banner shown at the top of every page, in both languages: a heading and the services "
        "to call or text. Without it, pages show no banner.",
        fields=CRISIS,
    ),
    Field(
        "licence",
        "mapping",
        "The licence under which the library's data may be reused, as your organisation "
        "decided it. Without it, the Data page says the terms are not stated yet.",
        fields=LICENCE,
    ),
)
