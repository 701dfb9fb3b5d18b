"""Infographics drawn from data: a validated drawing definition → an accessible SVG document."""
