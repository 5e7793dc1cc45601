"""Lever hosted job pages."""

from rolefit.parse.adapters import SiteAdapter

ADAPTER = SiteAdapter(
    name="lever",
    detect=".posting-headline",
    title=(".posting-headline h2", ".posting-headline"),
    location=(".posting-categories .location", ".posting-categories .sort-by-location"),
    employment_type=(".posting-categories .commitment", ".posting-categories .sort-by-commitment"),
    # the description and each list ("What you'll do", "What you'll need") are sibling sections
    # of one wrapper: take the wrapper, and the description box alone only when it is missing
    description=(
        ".content .section-wrapper.page-full-width",
        ".posting-page .section-wrapper.page-full-width",
        ".section-wrapper.page-full-width:has([data-qa='job-description'])",
        ".content",
        "[data-qa='job-description']",
    ),
)
