"""Parse an HTML page into a ``Posting``.

Sources are tried in order of trust, per field: JSON-LD, embedded app state,
a site adapter, microdata, meta tags, then heuristics on the page itself.
Each field records the source that supplied it.
"""

from __future__ import annotations

import html as htmllib
import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from rolefit.errors import NotAPosting
from rolefit.parse import fields as F
from rolefit.parse.adapters import run_adapters
from rolefit.parse.blocks import Block, html_to_blocks, text_to_blocks
from rolefit.parse.content import content_stats, main_content, strip_noise
from rolefit.parse.refuse import PageSignals, job_word_count, listing_title, refusal
from rolefit.parse.sections import POSTING_PARTS, build_sections
from rolefit.parse.structured import StructuredData, read_structured, rich_text_to_html
from rolefit.types import Posting

_SALARY_TEXT = re.compile(
    r"(?:[$€£]|USD|EUR|GBP|AUD|CAD|CHF|Kč|CZK)\s?\d[\d,.\s]*[kK]?\s?(?:-|–|—|to)\s?(?:[$€£]|USD|EUR|GBP|AUD|CAD|CHF)?\s?\d[\d,.]*[kK]?"
    r"(?:\s?(?:[A-Z]{3}|Kč))?(?:\s?(?:per|/|a)\s?(?:year|yr|annum|hour|hr|month))?"
)


class _Fields:
    """Collects field values; the first source to offer a value wins."""

    def __init__(self, posting: Posting):
        self.p = posting

    def put(self, name: str, value: Any, source: str) -> None:
        if value in (None, "", [], {}):
            return
        current = getattr(self.p, name)
        if current not in (None, "", [], {}):
            return
        setattr(self.p, name, value)
        self.p.provenance[name] = source


def _pick_jobposting(sd: StructuredData) -> dict | None:
    if not sd.jobpostings:
        return None
    return max(sd.jobpostings, key=lambda jp: len(str(jp.get("description") or "")))


def _desc_blocks(value: Any) -> list[Block]:
    """Blocks from a description that may be HTML, escaped HTML, rich-text JSON or plain text."""
    if isinstance(value, (dict, list)):
        value = rich_text_to_html(value)
    if not isinstance(value, str) or not value.strip():
        return []
    s = value
    if "<" not in s and "&lt;" in s:
        s = htmllib.unescape(s)
    if re.search(r"<(p|div|br|li|ul|h\d|strong|b|span)\b", s, re.I):
        return html_to_blocks(s)
    return text_to_blocks(htmllib.unescape(s))


def _embedded(obj: dict[str, Any], *keys: str) -> Any:
    for k in keys:
        v = obj.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def _embedded_locations(obj: dict) -> list[str]:
    v = _embedded(obj, "formattedLocation", "locationName", "location", "locations", "jobLocation", "city")
    if v is None:
        return []
    if isinstance(v, list):
        return [s for s in (F.clean(x) for x in v) if s]
    s = F.clean(v)
    return [s] if s else []


_LOCATION_SEL = (
    "[itemprop*='jobLocation'], [itemprop*='addressLocality'], [data-test*='location'], [data-testid*='location'], "
    "[data-automation-id*='location'], [class*='location'], [id*='location'], [class*='locality'], "
    "a[href*='maps.google'], a[href*='google.com/maps'], a[href*='mapy.cz'], a[href*='maps.apple']"
)
_LOCATION_LABEL = re.compile(r"^(job )?locations?:?$|^(ort|lieu|lokalita|ubicación|sede)$", re.I)


def _cue_headings(main) -> int:
    """Headings in the main content that name a posting's parts (duties, requirements, benefits)."""
    if main is None:
        return 0
    from rolefit.parse.sections import heading_kind

    n = 0
    for h in main.css("h1, h2, h3, h4, h5, h6, strong, b, dt"):
        t = " ".join((h.text(separator=" ") or "").split())
        if 2 < len(t) < 80 and heading_kind(t) in POSTING_PARTS:
            n += 1
    return n


def _dom_location(tree: LexborHTMLParser) -> list[str]:
    """A short text in an element marked as a location (class, test id, itemprop, map link)."""
    for node in tree.css(_LOCATION_SEL):
        if node.css_first("input, select, form, ul") is not None:
            continue
        text = " ".join((node.text(separator=" ", strip=True) or "").split())
        text = re.sub(r"^(job )?locations?:?\s*", "", text, flags=re.I)
        if 2 <= len(text) <= 80 and len(text.split()) <= 10 and not _LOCATION_LABEL.match(text):
            return [text]
    return []


def _job_words(main) -> int:
    return job_word_count(main.text(separator=" ") or "") if main is not None else 0


def parse_html(text: str, source: str, *, allow_expired: bool = False, url: str | None = None) -> Posting:
    """Parse one HTML page; raise ``NotAPosting`` for pages that are not one posting."""
    tree = LexborHTMLParser(text)
    sd = read_structured(tree, text)
    strip_noise(tree)
    adapter = run_adapters(tree)
    # With structured job data, refusal never reads the main content, and the description
    # comes from that data: finding the main content (a third of the parse) can wait.
    strong = (
        bool(sd.jobpostings)
        or bool(adapter and adapter.description is not None)
        or bool(sd.embedded_job is not None or (sd.microdata and sd.microdata.get("description")))
    )
    title_node = tree.css_first("title")
    page_title = " ".join((title_node.text() if title_node else "").split())
    h1_node = tree.css_first("h1")
    h1 = " ".join((h1_node.text(separator=" ") if h1_node else "").split())
    # ...and refusal counts its links only to tell a results list with one posting open
    # beside it, which has a listing title or a listing adapter
    links = not strong or listing_title(page_title, h1) or bool(adapter and adapter.listing)
    stats = content_stats(tree, with_main=not strong, with_links=links)
    jp = _pick_jobposting(sd)
    titles = {F.clean(j.get("title")) for j in sd.jobpostings if j.get("title")}

    signals = PageSignals(
        title=page_title,
        h1=h1,
        text=stats.body_text,
        body_words=stats.body_words,
        main_words=stats.main_words,
        main_link_density=stats.main_link_density,
        job_links=stats.job_links,
        has_password=tree.css_first("input[type=password]") is not None,
        jsonld_postings=len(sd.jobpostings),
        jsonld_distinct_titles=len(titles),
        item_list=sd.item_list_count,
        adapter_description=bool(adapter and adapter.description is not None),
        adapter_listing=bool(adapter and adapter.listing),
        adapter_expired=bool(adapter and adapter.expired),
        embedded_job=sd.embedded_job is not None or bool(sd.microdata and sd.microdata.get("description")),
        cue_headings=_cue_headings(stats.main),
        job_words=_job_words(stats.main) if not strong else 99,
        url=sd.meta.get("og:url") or sd.meta.get("canonical") or "",
        employer_links=stats.employer_links,
        main_job_links=stats.main_job_links,
    )
    verdict = refusal(signals)
    expired = False
    if verdict is not None:
        kind, detail = verdict
        if kind == "expired" and allow_expired:
            expired = True
        elif kind == "expired":
            raise NotAPosting(kind, detail + "; use --allow-expired to parse its text anyway")
        else:
            raise NotAPosting(kind, detail)

    posting = Posting(source=source, expired=expired)
    f = _Fields(posting)
    emb = sd.embedded_job or {}
    emb_src = "embedded_state"
    md = sd.microdata or {}
    ad_src = f"adapter:{adapter.name}" if adapter else ""

    # title
    if jp:
        f.put("title", F.clean(jp.get("title") or jp.get("name")), "jsonld")
    f.put(
        "title",
        F.clean(_embedded(emb, "title", "jobTitle", "job_title", "positionName", "postingTitle", "name")),
        emb_src,
    )
    if adapter:
        f.put("title", adapter.title, ad_src)
    f.put("title", F.clean(md.get("title")), "microdata")
    meta_title, _ = F.split_page_title(sd.meta.get("og:title") or page_title)
    for full in (sd.meta.get("og:title"), page_title):
        # a page title that holds the visible heading: "<h1> – <company>" or "<company> – <h1>"
        if h1 and full and len(h1) >= 3 and h1.lower() in full.lower():
            f.put("title", h1, "heuristic")
            break
    f.put("title", meta_title, "meta")
    f.put("title", h1 or None, "heuristic")

    # company
    if jp:
        f.put("company", F.company_name(F.clean(jp.get("hiringOrganization"))), "jsonld")
    f.put(
        "company",
        F.clean(_embedded(emb, "companyName", "company", "employerName", "organization", "hiringOrganization")),
        emb_src,
    )
    if adapter:
        f.put("company", adapter.company, ad_src)
    f.put("company", F.clean(md.get("hiringOrganization")), "microdata")

    # locations and workplace
    if jp:
        locs = F.jsonld_locations(jp)
        if str(jp.get("jobLocationType") or "").upper() == "TELECOMMUTE":
            f.put("workplace", "remote", "jsonld")
            # a remote job's "location" is where applicants may live
            locs = [f"Remote ({', '.join(locs)})"] if locs else ["Remote"]
        f.put("locations", locs, "jsonld")
    f.put("locations", _embedded_locations(emb), emb_src)
    if adapter:
        f.put("locations", adapter.locations, ad_src)
    if md.get("jobLocation"):
        f.put("locations", [F.clean(md["jobLocation"])], "microdata")
    if not posting.locations:
        f.put("locations", _dom_location(tree), "heuristic")
    wp = F.workplace(*posting.locations, posting.title)
    f.put("workplace", wp, posting.provenance.get("locations", "heuristic"))
    if emb:
        f.put("workplace", F.workplace(F.clean(_embedded(emb, "workSettings", "workplaceType", "remote"))), emb_src)

    if not posting.locations and posting.workplace == "remote":
        f.put("locations", ["Remote"], posting.provenance.get("workplace", "heuristic"))

    # a company named only in the page title: after the title and locations are known
    meta_company = F.company_from_titles([sd.meta.get("og:title"), page_title], posting.title, posting.locations)
    f.put("company", F.company_name(meta_company), "meta")
    site = sd.meta.get("og:site_name")
    if site and site.lower() not in ("linkedin", "indeed", "glassdoor", "greenhouse", "lever", "workday"):
        f.put("company", site, "meta")

    # dates, type, salary, url
    if jp:
        f.put("date_posted", F.iso_date(jp.get("datePosted")), "jsonld")
        f.put("employment_type", F.employment_type(jp.get("employmentType")), "jsonld")
        f.put("salary", F.salary(jp), "jsonld")
        f.put("url", F.clean(jp.get("url")), "jsonld")
    f.put(
        "date_posted",
        F.iso_date(
            _embedded(emb, "datePosted", "postedAt", "publishedAt", "published_at", "createdAt", "dateOnIndeed")
        ),
        emb_src,
    )
    f.put(
        "employment_type",
        F.employment_type(_embedded(emb, "employmentType", "jobTypes", "commitment", "timeType")),
        emb_src,
    )
    if adapter:
        f.put("date_posted", F.iso_date(adapter.date_posted), ad_src)
        f.put("employment_type", F.employment_type(adapter.employment_type), ad_src)
    f.put("date_posted", F.iso_date(md.get("datePosted")), "microdata")
    f.put("employment_type", F.employment_type(md.get("employmentType")), "microdata")
    f.put("url", sd.meta.get("og:url") or sd.meta.get("canonical") or url, "meta")

    # description: the rendered page section beats structured copies (same text, real markup)
    blocks: list[Block] = []
    if adapter and adapter.description is not None:
        blocks, src = html_to_blocks(adapter.description), ad_src
    if not blocks and jp:
        blocks, src = _desc_blocks(jp.get("description")), "jsonld"
    if not blocks and emb:
        blocks, src = (
            _desc_blocks(
                _embedded(
                    emb,
                    *(
                        "jobDescriptionHtml",
                        "descriptionHtml",
                        "description",
                        "jobDescription",
                        "content",
                        "descriptionPlain",
                        "body",
                    ),
                )
            ),
            emb_src,
        )
    if not blocks and md.get("description"):
        blocks, src = html_to_blocks(md["description"]), "microdata"
    if not blocks:
        main = stats.main if not strong else main_content(tree)  # found only now: nothing else gave one
        if main is not None:
            blocks, src = html_to_blocks(main), "heuristic"
    if blocks:
        # the title repeated as the description's first heading adds nothing
        if posting.title and blocks[0].kind == "h" and blocks[0].text.strip().lower() == posting.title.lower():
            blocks = blocks[1:]
        posting.description, posting.sections = build_sections(blocks)
        posting.provenance["description"] = src
        posting.provenance["sections"] = "heuristic"
    if posting.salary is None and posting.description:
        m = _SALARY_TEXT.search(posting.description)
        if m:
            from rolefit.types import Salary

            f.put("salary", Salary(text=m.group(0).strip()), "heuristic")
    if not posting.title or not posting.description:
        raise NotAPosting("other", "no job title or description found on the page")
    return posting
