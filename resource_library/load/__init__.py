"""Stage 1, load and validate: editors' files → plain data plus every problem at file:line:column (no HTML)."""
