"""Site adapters: CSS selectors for job sites whose structured data is thin.

Each adapter is one small module declaring a ``SiteAdapter``. An adapter is
picked by its DOM (not by URL: saved pages often lose their URL), and only
supplies the fields its selectors find.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode


@dataclass(frozen=True)
class SiteAdapter:
    name: str
    detect: str  # a selector that only this site's job pages have
    title: tuple[str, ...] = ()
    company: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    description: tuple[str, ...] = ()
    date_posted: tuple[str, ...] = ()
    employment_type: tuple[str, ...] = ()
    expired: tuple[str, ...] = ()
    # selectors that, when present, mean the page is a list of jobs, not one
    listing: tuple[str, ...] = ()


@dataclass
class AdapterResult:
    name: str
    title: str | None = None
    company: str | None = None
    locations: list[str] = field(default_factory=list)
    description: LexborNode | None = None
    date_posted: str | None = None
    employment_type: str | None = None
    expired: bool = False
    listing: bool = False


def _first_text(tree: LexborHTMLParser, selectors: tuple[str, ...]) -> str | None:
    for sel in selectors:
        for node in tree.css(sel):
            t = " ".join((node.text(separator=" ", strip=True) or "").split())
            if t:
                return t
    return None


@lru_cache(maxsize=1)
def _all_adapters() -> list[SiteAdapter]:
    from rolefit.parse.adapters import ashby, greenhouse, indeed, lever, linkedin, workday

    return [m.ADAPTER for m in (linkedin, indeed, greenhouse, lever, workday, ashby)]


@lru_cache(maxsize=1)
def _any_detect() -> str:
    return ", ".join(ad.detect for ad in _all_adapters())


def run_adapters(tree: LexborHTMLParser) -> AdapterResult | None:
    """Apply the first adapter whose detection selector matches."""
    if tree.css_first(_any_detect()) is None:  # one query for the many pages no adapter knows
        return None
    for ad in _all_adapters():
        if tree.css_first(ad.detect) is None:
            continue
        res = AdapterResult(name=ad.name)
        res.title = _first_text(tree, ad.title)
        res.company = _first_text(tree, ad.company)
        loc = _first_text(tree, ad.location)
        if loc:
            res.locations = [loc]
        for sel in ad.description:
            node = tree.css_first(sel)
            if node is not None and len(node.text(strip=True) or "") > 100:
                res.description = node
                break
        res.date_posted = _first_text(tree, ad.date_posted)
        res.employment_type = _first_text(tree, ad.employment_type)
        res.expired = any(tree.css_first(s) is not None for s in ad.expired)
        res.listing = any(len(tree.css(s)) >= 3 for s in ad.listing)
        return res
    return None
