"""Lever hosted job pages."""

from rolefit.parse.adapters import SiteAdapter

ADAPTER = SiteAdapter(
    name="lever",
    detect=".posting-headline",
    title=(".posting-headline h2", ".posting-headline"),
    location=(".posting-categories .location", ".posting-categories .sort-by-location"),
    employment_type=(".posting-categories .commitment", ".posting-categories .sort-by-commitment"),
    description=(".content .section-wrapper.page-full-width", ".content", "[data-qa='job-description']"),
)
