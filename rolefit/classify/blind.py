"""Title blinding: remove the job title, its variants and any job-title phrase from a text.

The codebook decides from duties, never titles. Removing only the posting's
own title is not enough: "As a Data Scientist, you will..." would still leak
a title into the features, and a posting whose title is swapped would keep the
old one in its text. So every phrase shaped like a job title
("Senior Machine Learning Engineer", "data analysts") is replaced by a neutral
token, whatever the posting's title is.
"""

from __future__ import annotations

import re
from functools import lru_cache

ROLE_TOKEN = "ROLE"

_SENIORITY = (
    r"(?:senior|sr\.?|junior|jr\.?|lead|principal|staff|chief|head of|associate|assistant|entry[- ]level|"
    r"mid[- ]level|graduate|intern(?:ship)?|trainee|expert|distinguished|vp(?: of)?|director(?: of)?|"
    r"manager(?: of)?|i{1,3}|iv|[1-5])"
)
_DOMAIN = (
    r"(?:data|machine[- ]learning|ml|ai|a\.i\.|artificial intelligence|analytics?|business intelligence|bi|"
    r"research|applied|software|cloud|platform|mlops|ml ops|llm|genai|gen ai|generative ai|nlp|computer vision|"
    r"deep learning|big data|etl|database|quantitative|quant|decision|insights?|reporting|statistical|"
    r"product|business|marketing|financial|finance|operations|pricing|risk|fraud|customer|growth|"
    r"healthcare|clinical|bioinformatics|computational|geospatial|gis|backend|back[- ]end|frontend|"
    r"front[- ]end|full[- ]stack|devops|infrastructure|solutions?|sales|technical|it|systems?|"
    r"digital|web|mobile|security|network|power bi|tableau|sql|python|r|spark|azure|aws|gcp|"
    r"science|engineering|modell?ing|forecasting|governance|quality|master|reliability|site reliability)"
)
_ROLE = (
    r"(?:scientists?|engineers?|analysts?|developers?|researchers?|architects?|consultants?|specialists?|"
    r"statisticians?|modell?ers?|stewards?|strategists?|owners?|managers?|leads?|directors?|interns?|"
    r"administrators?|programmers?|technicians?|associates?|officers?|coordinators?|advisors?)"
)
_ROLE_PHRASE = re.compile(
    rf"\b(?:{_SENIORITY}[\s,/-]+){{0,2}}(?:{_DOMAIN}[\s/&,-]+(?:and\s+|&\s+)?){{1,4}}{_ROLE}\b",
    re.I,
)
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SPLIT = re.compile(r"\s+[-–—|:]\s+|\s*[|/,]\s*|\s+(?:at|for|in|@)\s+")
_LEADING_SENIORITY = re.compile(rf"^(?:{_SENIORITY}[\s,-]+)+", re.I)


def title_variants(title: str | None) -> list[str]:
    """The title and the parts of it that a text may repeat, longest first."""
    if not title:
        return []
    t = " ".join(title.split())
    out = {t, _PAREN.sub("", t).strip()}
    for piece in _SPLIT.split(_PAREN.sub(" ", t)):
        piece = piece.strip(" -–—|,.")
        for v in (piece, _LEADING_SENIORITY.sub("", piece).strip()):
            if len(v.split()) >= 2 or len(v) >= 12:
                out.add(v)
    return sorted((v for v in out if v), key=len, reverse=True)


@lru_cache(maxsize=256)
def _title_pattern(title: str) -> re.Pattern | None:
    """One pattern for all of a title's variants, longest first (compiled once per title)."""
    variants = title_variants(title)
    if not variants:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in variants) + r")(?!\w)", re.I)


def blind(text: str, title: str | None = None) -> str:
    """The text with its title, title variants and job-title phrases replaced by ``ROLE``."""
    pattern = _title_pattern(title) if title else None
    if pattern is not None:
        text = pattern.sub(ROLE_TOKEN, text)
    return _ROLE_PHRASE.sub(ROLE_TOKEN, text)
