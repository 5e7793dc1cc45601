"""Years of experience per skill from a resume's dated entries ("Data Engineer, Acme — 2021–2025").

Each date range in the experience part of a resume opens an entry that runs to the next range
or the next resume section ("Skills", "Education"). A skill named inside entries has the years
those entries span, overlaps counted once. A skill named only elsewhere (a skills list) has no
years: the resume does not say.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = rf"(?:(?P<mN>{_MONTH})\s+|(?P<nN>\d{{1,2}})\s*[/.]\s*)?(?P<yN>(?:19|20)\d{{2}})"
_RANGE = re.compile(
    _DATE.replace("N>", "1>")
    + r"\s*(?:–|—|-|to|until|bis)\s*(?:"
    + _DATE.replace("N>", "2>")
    + r"|(?P<now>present|current|now|today|heute|date|ongoing))",
    re.I,
)
# lines that open a part of a resume where dates are not jobs, or where a job's text ends
_SECTION = re.compile(
    r"^[#*\s]*(?P<name>(technical |core |key )?skills|education|academic background|certifications?|courses|"
    r"languages|projects|personal projects|interests|publications|awards|summary|profile|about me|contact|"
    r"references|experience|work experience|professional experience|employment( history)?|career)\W*$",
    re.I,
)
_NOT_JOBS = {"education", "academic background", "certification", "certifications", "courses"}


def _when(m: re.Match, n: int) -> float:
    """The ``n``th date of a range as a decimal year; an end counts its whole month."""
    year = int(m.group(f"y{n}"))
    month = m.group(f"m{n}")
    num = m.group(f"n{n}")
    if month:
        k = _MONTHS.index(month[:3].lower()) + 1
    elif num and 1 <= int(num) <= 12:
        k = int(num)
    else:
        k = 1 if n == 1 else 12  # "2021–2025": from its start to its end
    return year + (k - 1) / 12 + (1 / 12 if n == 2 else 0)


def dated_entries(text: str, today: date | None = None) -> list[tuple[int, int, float, float]]:
    """``(start, end, from, to)``: each dated entry's character span and its years as decimals."""
    today = today or date.today()
    now = today.year + (today.month - 1) / 12 + 1 / 12
    out: list[list] = []
    section = None
    pos = 0
    for line in text.splitlines(keepends=True):
        s = _SECTION.match(line.strip())
        if s and len(line.strip()) < 40:
            section = s.group("name").lower()
            if out and out[-1][1] is None:
                out[-1][1] = pos  # a new part of the resume ends the open entry
        elif section not in _NOT_JOBS:
            m = _RANGE.search(line)
            if m:
                start = _when(m, 1)
                end = now if m.group("now") else _when(m, 2)
                if out and out[-1][1] is None:
                    out[-1][1] = pos
                if 0 < end - start < 60:
                    out.append([pos, None, start, min(end, now)])
        pos += len(line)
    if out and out[-1][1] is None:
        out[-1][1] = len(text)
    return [(a, b, f, t) for a, b, f, t in out]


def skill_years(text: str, mentions, today: date | None = None) -> dict[str, float]:
    """Skill id -> years the resume's dated entries naming it span (half-years, overlaps once)."""
    entries = dated_entries(text, today)
    spans: dict[str, list[tuple[float, float]]] = {}
    for m in mentions:
        for a, b, f, t in entries:
            if a <= m.start < b:
                spans.setdefault(m.id, []).append((f, t))
    out = {}
    for sid, ivs in spans.items():
        total, end = 0.0, float("-inf")
        for f, t in sorted(ivs):
            if t > end:
                total += t - max(f, end)
                end = t
        out[sid] = round(total * 2) / 2 or 0.5
    return out
