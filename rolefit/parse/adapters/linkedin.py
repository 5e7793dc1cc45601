"""LinkedIn job pages: the public (guest) layout and the logged-in layout."""

from rolefit.parse.adapters import SiteAdapter

ADAPTER = SiteAdapter(
    name="linkedin",
    detect=(
        ".top-card-layout__title, .topcard__title, .jobs-unified-top-card__job-title, "
        ".job-details-jobs-unified-top-card__job-title, .jobs-details__main-content"
    ),
    title=(
        ".top-card-layout__title",
        ".topcard__title",
        ".job-details-jobs-unified-top-card__job-title",
        ".jobs-unified-top-card__job-title",
    ),
    company=(
        ".topcard__org-name-link",
        ".top-card-layout__card .topcard__flavor a",
        ".job-details-jobs-unified-top-card__company-name",
        ".jobs-unified-top-card__company-name",
    ),
    location=(
        ".topcard__flavor-row .topcard__flavor.topcard__flavor--bullet:not(.num-applicants__caption):not(.num-applicants__figure)",
        ".job-details-jobs-unified-top-card__primary-description-container .tvm__text",
        ".jobs-unified-top-card__bullet",
    ),
    description=(
        ".show-more-less-html__markup",
        ".description__text",
        "#job-details",
        ".jobs-description__content",
        ".jobs-box__html-content",
    ),
    expired=(".closed-job", ".closed-job__flavor--closed"),
    listing=(".jobs-search-results__list-item", ".scaffold-layout__list-item", ".job-card-container"),
)
