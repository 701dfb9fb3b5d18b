"""Translation tracking: which French is missing or outdated, the sync markers, and what readers see of it."""
