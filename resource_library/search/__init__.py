"""Library search: lunr indexes, facets and lunr.js for the library page (only index building imports lunr)."""
