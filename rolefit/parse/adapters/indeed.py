"""Indeed job view pages."""

from rolefit.parse.adapters import SiteAdapter

ADAPTER = SiteAdapter(
    name="indeed",
    detect="#jobDescriptionText, [data-testid='jobsearch-JobInfoHeader-title']",
    title=("[data-testid='jobsearch-JobInfoHeader-title']", "h1.jobsearch-JobInfoHeader-title", "h1"),
    company=(
        "[data-testid='inlineHeader-companyName']",
        "[data-company-name]",
        ".jobsearch-InlineCompanyRating div",
    ),
    location=(
        "[data-testid='inlineHeader-companyLocation']",
        "[data-testid='job-location']",
        "#jobLocationText",
        ".jobsearch-JobInfoHeader-subtitle > div:last-child",
    ),
    description=("#jobDescriptionText",),
    listing=(".job_seen_beacon", ".jobsearch-ResultsList > li"),
)
