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
# the words a role phrase ends with ("modell?ers?" spelled out): every match ends on one of them
_ROLE_WORDS = (
    "scientist engineer analyst developer researcher architect consultant specialist statistician "
    "modeler modeller steward strategist owner manager lead director intern administrator programmer "
    "technician associate officer coordinator advisor"
).split()
_ROLE = "(?:" + "|".join(w + "s?" for w in _ROLE_WORDS) + ")"
_ROLE_SET = frozenset(_ROLE_WORDS) | frozenset(w + "s" for w in _ROLE_WORDS)
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


_WORD = re.compile(r"\w+")
# A match holds at most 2 seniority words of up to 2 words, 4 domain words of up to 3 words each
# with an "and" after each, and the role word: 21 words. 24 leaves room.
_MAX_PHRASE_WORDS = 24


@lru_cache(maxsize=4096)
def _title_variants_lower(title: str) -> tuple[str, ...] | None:
    """The variants lower-cased, or ``None`` if lower-casing changes one's length."""
    variants = title_variants(title)
    out = tuple(v.lower() for v in variants)
    return None if any(len(a) != len(b) for a, b in zip(out, variants, strict=True)) else out


@lru_cache(maxsize=256)
def _title_pattern(title: str) -> re.Pattern | None:
    """One pattern for all of a title's variants, longest first (the reference for ``_title_spans``)."""
    variants = title_variants(title)
    if not variants:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in variants) + r")(?!\w)", re.I)


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _title_spans(text: str, title: str) -> list[tuple[int, int]] | None:
    """Where the title's variants occur as whole words, as the alternation ``_title_pattern`` finds
    them (leftmost, then the first variant in the longest-first order), without compiling a pattern
    per title: in a batch almost every title is new, and compiling costs more than the search.
    ``None`` when lower-casing changes the text's length (then only the pattern is exact)."""
    low = text.lower()
    if len(low) != len(text):
        return None
    variants = _title_variants_lower(title)
    if variants is None:
        return None
    found: list[tuple[int, int, int]] = []
    for rank, v in enumerate(variants):
        i = low.find(v)
        while i >= 0:
            j = i + len(v)
            if not (i and _is_word_char(text[i - 1])) and not (j < len(text) and _is_word_char(text[j])):
                found.append((i, rank, j))
            i = low.find(v, i + 1)
    found.sort()
    out, end = [], 0
    for i, _rank, j in found:
        if i >= end:
            out.append((i, j))
            end = j
    return out


def _replace(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    parts, prev = [], 0
    for i, j in spans:
        parts.append(text[prev:i])
        parts.append(ROLE_TOKEN)
        prev = j
    parts.append(text[prev:])
    return "".join(parts)


def _role_phrase_spans(text: str) -> list[tuple[int, int]]:
    """The spans ``_ROLE_PHRASE.sub`` replaces, found by trying the pattern only at the word starts
    that can begin one: those up to ``_MAX_PHRASE_WORDS`` words before a role word. Scanning every
    position of a long posting with the full pattern was most of the cost of classifying it."""
    words = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    ends = [k for k, (_, w) in enumerate(words) if w.lower() in _ROLE_SET]
    if not ends:
        return []
    starts: set[int] = set()
    for k in ends:
        starts.update(s for s, _ in words[max(0, k - _MAX_PHRASE_WORDS) : k + 1])
    out, end = [], 0
    for s in sorted(starts):
        if s < end:
            continue
        m = _ROLE_PHRASE.match(text, s)
        if m:
            out.append(m.span())
            end = m.end()
    return out


def blind_reference(text: str, title: str | None = None) -> str:
    """``blind`` written as the two substitutions it means; tests check that ``blind`` equals it."""
    pattern = _title_pattern(title) if title else None
    if pattern is not None:
        text = pattern.sub(ROLE_TOKEN, text)
    return _ROLE_PHRASE.sub(ROLE_TOKEN, text)


_BEYOND_LATIN1 = re.compile(r"[^\x00-\xff]")


def _case_safe(s: str) -> bool:
    """True when lower-casing decides case-insensitive equality as ``re.I`` does: no cased
    character beyond Latin-1, where ``re.I`` also equates letters such as ſ and s, or K (Kelvin) and k."""
    return s.isascii() or not any(c.lower() != c.upper() for c in set(_BEYOND_LATIN1.findall(s)))


def blind(text: str, title: str | None = None) -> str:
    """The text with its title, title variants and job-title phrases replaced by ``ROLE``."""
    if not (_case_safe(text) and (not title or _case_safe(title))):
        return blind_reference(text, title)
    if title:
        spans = _title_spans(text, title)
        if spans is None:
            pattern = _title_pattern(title)
            text = pattern.sub(ROLE_TOKEN, text) if pattern is not None else text
        else:
            text = _replace(text, spans)
    return _replace(text, _role_phrase_spans(text))
