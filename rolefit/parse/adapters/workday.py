"""Workday (myworkdayjobs.com) job pages, when they were saved after rendering."""

from rolefit.parse.adapters import SiteAdapter

ADAPTER = SiteAdapter(
    name="workday",
    detect="[data-automation-id='jobPostingHeader'], [data-automation-id='jobPostingDescription']",
    title=("[data-automation-id='jobPostingHeader']",),
    location=("[data-automation-id='locations'] dd", "[data-automation-id='locations']"),
    date_posted=("[data-automation-id='postedOn'] dd",),
    employment_type=("[data-automation-id='time'] dd",),
    description=("[data-automation-id='jobPostingDescription']",),
)
