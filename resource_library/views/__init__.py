"""Stage 2, per-language views: the validated catalogue as one language's reader sees it (fallbacks decided here)."""
