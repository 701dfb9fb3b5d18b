"""The file formats: every field an editor may write, per kind of file, typed and documented (one description each)."""
