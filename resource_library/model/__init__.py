"""The record model: every field an editor may write, typed and documented (the single description of the format)."""
