"""What a job title alone suggests: a transparent keyword baseline.

Used for ``title_mismatch`` (titled X; the duties say Y) and as the baseline
the model card compares against. Rules are checked in order; the first whose
pattern is in the title decides. They follow the common reading of title
words, as the codebook's ``title_work``/``title_output`` columns do.
"""

from __future__ import annotations

import re

# (pattern, work, output)
RULES: list[tuple[str, str, str]] = [
    (
        r"analytics engineer|bi (engineer|developer)|business intelligence (engineer|developer)|"
        r"power ?bi developer|tableau developer|reporting (engineer|developer)",
        "engineering",
        "analysis",
    ),
    (
        r"ml ?ops|machine learning (engineer|platform|infrastructure)|\bml (engineer|platform)|"
        r"\bai (engineer|developer|architect)|llm engineer|genai engineer|deep learning engineer|"
        r"computer vision engineer|nlp engineer|mlops",
        "engineering",
        "ml_product",
    ),
    (
        r"data (engineer|platform|infrastructure|architect|warehouse|pipeline|integration|ops)|etl|"
        r"big data|database (engineer|developer|administrator)|dataops",
        "engineering",
        "data",
    ),
    (
        r"research (scientist|engineer)|\b(ml|ai|machine learning) (researcher|scientist)|applied scientist|"
        r"research fellow|postdoc",
        "research",
        "ml_product",
    ),
    (
        r"data scientist|statistician|quantitative|\bquant\b|decision scientist|econometric|biostatistic|"
        r"causal|experimentation",
        "research",
        "analysis",
    ),
    (
        r"data governance|data steward|data strategy|data product manager|master data|data quality|"
        r"data management",
        "strategy",
        "data",
    ),
    (
        r"\b(ai|ml|machine learning) (product manager|strategy|strategist|policy|governance|lead)|"
        r"responsible ai",
        "strategy",
        "ml_product",
    ),
    (
        r"data analyst|business analyst|insights?|analytics (manager|lead|specialist|consultant)|\banalyst\b|"
        r"business intelligence|\bbi\b|reporting|analytics",
        "strategy",
        "analysis",
    ),
    (r"machine learning|\bml\b|\bai\b|artificial intelligence|\bllm|deep learning", "engineering", "ml_product"),
    # "Data Center Technician", "Data Entry Clerk": the word names a place or a clerical task
    (r"\bdata\b(?!\s*(cent(er|re)s?|entry)\b)", "strategy", "analysis"),
]
_COMPILED = [(re.compile(p, re.I), w, o) for p, w, o in RULES]


def title_suggests(title: str | None) -> tuple[str, str] | None:
    """``(work, output)`` that the title's words suggest, or ``None`` (not a data/ML title)."""
    if not title:
        return None
    for pattern, work, output in _COMPILED:
        if pattern.search(title):
            return work, output
    return None


def title_mismatch(title: str | None, in_scope: bool, work: str | None, output: str | None) -> str | None:
    """What a title says that the duties do not, in words; ``None`` when they agree.

    A title that suggests a data/ML cell misleads when the duties fall in another cell or are
    not a data/ML role at all. A title that suggests nothing ("Software Engineer" whose
    duties are ML engineering) is not flagged: the codebook's labels count it as misleading
    only when its words point somewhere else (4 of 38 such labelled postings).
    """
    sug = title_suggests(title)
    if not title or sug is None:
        return None
    if not in_scope:
        return f"titled {title}; the duties are not a data/ML role"
    if (work, output) != sug:
        return f"titled {title}; the duties are {work} × {output}"
    return None
