"""Greenhouse job boards (the current ``job-boards`` layout and the classic one)."""

from rolefit.parse.adapters import SiteAdapter

ADAPTER = SiteAdapter(
    name="greenhouse",
    detect=".job__title, .job__description, #app_body .app-title, #header .app-title",
    title=(".job__title h1", ".job__title", ".app-title"),
    company=(".company-name",),
    location=(".job__location", "#header .location", ".location"),
    description=(".job__description", "#content"),
)
