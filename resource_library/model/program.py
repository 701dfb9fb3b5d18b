"""A partner program (``data/programs/<id>.yml``): a learning collaborative and its cohorts.

Each file becomes a page, ``/programs/<id>/``.  The loader
(:func:`resource_library.load.vocabularies.load_program`) checks a file against
these tables, and the JSON Schema of program files is generated from them.
"""

from __future__ import annotations

from resource_library.model.fields import Field

#: A school year as cohorts write it: ``2021-2022``.
SCHOOL_YEAR_PATTERN = r"^\d{4}-\d{4}$"

#: One exact date of the program (an item of ``key_dates:``).
KEY_DATE = (
    Field(
        "date",
        "date",
        "The date (YYYY-MM-DD). Only exact dates go here; approximate ones belong in the description.",
        required=True,
    ),
    Field("label", "text", "What happens on that date, in English and French.", required=True),
)

#: One cohort (an item of ``cohorts:``).
COHORT = (
    Field(
        "school_year",
        "plain",
        'The school year of the cohort, in quotes: "2021-2022".',
        required=True,
        pattern=SCHOOL_YEAR_PATTERN,
    ),
    Field("districts", "words", "The districts or school boards taking part, one name per item.", required=True),
)

#: The top level of a program file.
PROGRAM = (
    Field(
        "id",
        "id",
        "Identifier of the program: the file name without `.yml`. Its page is /programs/<id>/.",
        required=True,
    ),
    Field("title", "text", "Title of the program, in English and French.", required=True),
    Field("summary", "text", "One or two plain sentences shown at the top of the program's page.", required=True),
    Field("description", "markdown", "The body of the program's page, in Markdown (no raw HTML)."),
    Field("organisers", "texts", "Who organises the program, one name per item, in English and French."),
    Field("key_dates", "list", "Exact dates of the program, each with what happens then.", fields=KEY_DATE),
    Field("cohorts", "list", "The cohorts of the program, one per school year.", fields=COHORT),
    Field("contact", "markdown", "How to reach the program's organisers, in Markdown."),
    Field(
        "source_updated",
        "date",
        "Date the program's own page (the source of these facts) was last updated (YYYY-MM-DD).",
    ),
)
