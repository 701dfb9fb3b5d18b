"""The drawings' palette and the WCAG contrast it is checked with.

Light fills with dark text and a white background, so the drawings print cleanly;
the loader refuses a part's fill on which :data:`INK` or :data:`ACCENT` would have
less than :data:`MIN_CONTRAST`.
"""

from __future__ import annotations

INK = "#1a1a1a"  # text on light fills
ACCENT = "#1f3b73"  # kickers, letters and arrows
ON_ACCENT = "#ffffff"  # text on the accent colour
STROKE = "#5b6b85"  # outlines (3:1 or more against white, for non-text contrast)
BACKGROUND = "#ffffff"
#: WCAG 2.1 level AA for normal text.
MIN_CONTRAST = 4.5


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of ``#rrggbb``."""

    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio between two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
