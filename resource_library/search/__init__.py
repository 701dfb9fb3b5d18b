"""Search indexes built at build time with lunr.py (a leaf: validation never imports it)."""
