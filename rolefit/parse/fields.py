"""Normalise field values read from structured data or the page."""

from __future__ import annotations

import html
import re
from typing import Any

from rolefit.types import Salary

_REMOTE = re.compile(r"\b(remote|work from home|wfh|telecommute|télétravail|home ?office|fully distributed)\b", re.I)
_HYBRID = re.compile(r"\bhybrid|hybride|hybridn", re.I)
_ONSITE = re.compile(r"\b(on[- ]?site|in[- ]office|office[- ]based|présentiel)\b", re.I)
_EMPLOYMENT = {
    "FULL_TIME": "full-time",
    "PART_TIME": "part-time",
    "CONTRACTOR": "contract",
    "CONTRACT": "contract",
    "TEMPORARY": "temporary",
    "INTERN": "internship",
    "INTERNSHIP": "internship",
    "VOLUNTEER": "volunteer",
    "PER_DIEM": "per diem",
    "OTHER": "other",
}


def clean(value: Any) -> str | None:
    """A single clean string from a value that may be a list, dict or HTML-escaped."""
    if value is None:
        return None
    if isinstance(value, list):
        value = next((v for v in value if v), None)
        return clean(value)
    if isinstance(value, dict):
        return clean(value.get("name") or value.get("value") or value.get("label"))
    s = html.unescape(str(value))
    s = re.sub(r"<[^>]+>", " ", s)
    s = " ".join(s.split())
    return s or None


_PLACEHOLDER = re.compile(r"^(unavailable|n/?a|none|null|undefined|unknown|-+|tbd|not specified)$", re.I)


def company_name(name: str | None) -> str | None:
    """Drop board suffixes such as "Canonical - Jobs" or "Acme Careers"."""
    if not name:
        return None
    name = re.sub(r"\s*[-–|:]\s*(jobs|careers|job board|karriere|emplois)$", "", name, flags=re.I)
    name = re.sub(r"\s+(careers|jobs)$", "", name, flags=re.I)
    return name.strip() or None


def place_parts(parts: list[str | None]) -> str | None:
    """Join address parts, dropping placeholders and repeats."""
    kept = [p for p in parts if p and not _PLACEHOLDER.match(p.strip())]
    return ", ".join(dict.fromkeys(kept)) or None


def employment_type(value: Any) -> str | None:
    if isinstance(value, list):
        vals = [employment_type(v) for v in value]
        vals = [v for v in vals if v]
        return ", ".join(dict.fromkeys(vals)) or None
    s = clean(value)
    if not s:
        return None
    key = s.upper().replace("-", "_").replace(" ", "_")
    key = {"FULLTIME": "FULL_TIME", "PARTTIME": "PART_TIME"}.get(key, key)  # JobSpy's spelling
    return _EMPLOYMENT.get(key, s.lower())


def workplace(*texts: str | None) -> str | None:
    """remote / hybrid / onsite from location strings or flags, first match wins."""
    for t in texts:
        if not t:
            continue
        if _HYBRID.search(t):
            return "hybrid"
        if _REMOTE.search(t):
            return "remote"
        if _ONSITE.search(t):
            return "onsite"
    return None


def jsonld_locations(jp: dict) -> list[str]:
    locs = jp.get("jobLocation")
    if locs is None:
        return []
    if not isinstance(locs, list):
        locs = [locs]
    out: list[str] = []
    for loc in locs:
        if isinstance(loc, str):
            s = clean(loc)
        elif isinstance(loc, dict):
            addr = loc.get("address", loc)
            if isinstance(addr, str):
                s = clean(addr)
            elif isinstance(addr, dict):
                parts = [clean(addr.get(k)) for k in ("addressLocality", "addressRegion", "addressCountry")]
                s = place_parts(parts) or clean(loc.get("name"))
            else:
                s = clean(loc.get("name"))
        else:
            s = None
        if s and s not in out:
            out.append(s)
    return out


def salary(jp: dict) -> Salary | None:
    bs = jp.get("baseSalary") or jp.get("estimatedSalary")
    if isinstance(bs, list):
        bs = bs[0] if bs else None
    if not isinstance(bs, dict):
        return None
    val = bs.get("value")
    lo = hi = None
    period = None
    if isinstance(val, dict):
        lo, hi = _num(val.get("minValue")), _num(val.get("maxValue"))
        if lo is None and hi is None:
            lo = hi = _num(val.get("value"))
        period = clean(val.get("unitText"))
    else:
        lo = hi = _num(val)
    period = period or clean(bs.get("unitText"))
    if not lo and not hi:
        return None  # "0.0 – 0.0" placeholders are not a stated salary
    return Salary(minimum=lo, maximum=hi, currency=clean(bs.get("currency")), period=period.lower() if period else None)


def _num(v: Any) -> float | None:
    try:
        return float(v) if v is not None and v != "" else None
    except (TypeError, ValueError):
        return None


def iso_date(value: Any) -> str | None:
    s = clean(value)
    if not s:
        return None
    m = re.match(r"(\d{4}-\d{2}-\d{2})", s)
    return m.group(1) if m else None


_TITLE_SPLIT = re.compile(r"\s+(?:[|–—·•]|-|::)\s+")


def split_page_title(title: str) -> tuple[str | None, str | None]:
    """``(job title, company)`` from a page title such as "X at Y | Site" or "Y hiring X in Z"."""
    t = " ".join(title.split())
    m = re.match(
        r"^(?P<co>.+?) (?:is hiring|hiring|sta assumendo|recrute|stellt ein|contrata|zoekt)\s+(?P<ti>.+?)(?: in .+?)?(?: \| .*)?$",
        t,
    )
    if m:
        return m.group("ti").strip(), m.group("co").strip()
    t = re.sub(r"^(job application for|apply for|job:|jobs?:)\s+", "", t, flags=re.I)
    parts = _TITLE_SPLIT.split(t)
    first = parts[0]
    m = re.match(r"^(?P<ti>.+?)\s+(?:at|@|bei|chez|na|en)\s+(?P<co>[^,|]+)$", first)
    if m:
        return m.group("ti").strip(), m.group("co").strip()
    company = parts[1].strip() if len(parts) >= 2 else None
    return first.strip() or None, company


_SITE_WORDS = re.compile(
    r"^(linkedin|indeed(\.com)?|glassdoor|greenhouse|lever|workday|ashby|careers?|jobs?|job board|home|"
    r"stack overflow|simplyhired|monster|ziprecruiter|welcome to the jungle|apply now|job application)$",
    re.I,
)


def company_from_titles(candidates: list[str | None], title: str | None, locations: list[str]) -> str | None:
    """The employer named in a page title, whichever side of the job title it stands on.

    "Acme – Data Engineer", "Data Engineer at Acme | Jobs", "Acme hiring Data Engineer in Oslo": the parts
    that are the job title, a location or a site name are set aside; a short part that remains is the company.
    """
    t_norm = " ".join((title or "").lower().split())
    loc_words = {w for loc in locations for w in re.findall(r"[^\W\d_]{3,}", loc.lower())}

    def not_a_company(part: str) -> bool:
        low = part.lower()
        if _SITE_WORDS.match(part) or re.search(r"\.(com|io|co|org|net)\b", low) or re.search(r"\d{3,}", part):
            return True
        words = set(re.findall(r"[^\W\d_]{3,}", low))
        return bool(words) and words <= loc_words

    for full in candidates:
        if not full:
            continue
        ti, co = split_page_title(full)
        if co and ti and t_norm and ti.lower().strip() == t_norm and not not_a_company(co.strip()):
            return co
        text = re.sub(r"^(job application for|apply for)\s+", "", " ".join(full.split()), flags=re.I)
        parts = [p.strip(" |–—-·:") for p in _TITLE_SPLIT.split(text)]
        rest = []
        for part in parts:
            low = part.lower()
            if not part or (t_norm and (low == t_norm or t_norm in low or low in t_norm)) or not_a_company(part):
                continue
            rest.append(part)
        if len(rest) == 1 and len(rest[0].split()) <= 6 and len(parts) > 1:
            return rest[0]
    return None
