"""Ashby hosted job pages (rendered; the raw page's ``__appData`` is read as embedded state)."""

from rolefit.parse.adapters import SiteAdapter

ADAPTER = SiteAdapter(
    name="ashby",
    detect=".ashby-job-posting-heading, [class*='_jobPostingHeading']",
    title=(".ashby-job-posting-heading", "[class*='_jobPostingHeading']"),
    location=("[class*='_location'] p", "[class*='_location']"),
    description=("[class*='_descriptionText']", ".ashby-job-posting-description"),
)
