"""Generic main-content extraction for careers pages no adapter knows.

A readability-style score: each paragraph, bullet or heading gives its text
length to its parent, half to its grandparent and a quarter above; anchors
count against it. The best-scoring element is the main content. It runs on
selectolax (lexbor), so it is fast enough for the batch hot path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from rolefit.parse.sections import POSTING_PARTS, heading_kind

_TEXT_TAGS = "p, li, h1, h2, h3, h4, h5, h6, dd, td, pre, blockquote"
_NOISE = re.compile(
    r"(^|[\s_-])(nav|menu|footer|header|cookie|consent|sidebar|breadcrumb|share|social|"
    r"related|similar|recommend|banner|modal|popup|newsletter|login|signin|sign-in)([\s_-]|$)",
    re.I,
)
_JOB_HREF = re.compile(
    r"(/|\b)(jobs?|careers?|positions?|vacanc\w*|openings?|vagas?|vaga|empregos?|stellen\w*|emploi|"
    r"offres?|rpd|viewjob|job-detail\w*|requisition|postings?|opportunit\w*|lediga|zhaopin|job_id|jk=|jid=)"
    r"([/\-_?=.#&]|$)",
    re.I,
)
# Words that make an anchor's text read as a job title, in several languages.
_TITLE_WORD = re.compile(
    r"\b(engineer|developer|manager|analyst|scientist|designer|director|specialist|coordinator|"
    r"consultant|architect|administrator|assistant|associate|officer|intern|internship|lead|head of|"
    r"technician|representative|executive|accountant|recruiter|counsel|writer|editor|researcher|"
    r"translator|nurse|teacher|professor|postdoc|phd|lecturer|supervisor|operator|advisor|"
    r"entwickler|ingenieur|ingénieur|responsable|chargé|analista|desenvolvedor|programador|"
    r"vývojář|programátor|specialista|stagiaire|werkstudent|praktikant|doktorand)s?\b|"
    r"工程师|经理|专员|岗位|职位|招聘",
    re.I,
)


@dataclass
class ContentStats:
    main: LexborNode | None
    main_words: int
    main_link_density: float
    job_links: int  # distinct job-looking links on the whole page
    body_words: int
    body_text: str  # the body's visible text, whitespace folded
    employer_links: int = 0  # distinct links to employer pages
    main_job_links: int = 0  # distinct job links inside the main content


def _class_id(node: LexborNode) -> str:
    a = node.attributes
    return f"{a.get('class') or ''} {a.get('id') or ''} {a.get('role') or ''}"


_LABEL_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "dt"})


def main_content(tree: LexborHTMLParser) -> LexborNode | None:
    """The element that holds most of the page's prose."""
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    noisy: dict[int, bool] = {}  # a parent is reached from many of its children: judge it once
    for node in tree.css(_TEXT_TAGS + ", strong, b"):
        text = node.text(deep=True, separator=" ", strip=True) or ""
        n = len(text)
        is_label = node.tag in _LABEL_TAGS or (node.tag == "p" and n < 60)
        if is_label and n < 80 and heading_kind(text) in POSTING_PARTS:
            # a heading that names a posting's part marks where the posting is
            n = 600
        elif n < 25 or node.tag in ("strong", "b"):
            continue
        link_text = sum(len(a.text(strip=True) or "") for a in node.css("a"))
        n = max(0.0, n - 2 * link_text)
        if not n:
            continue
        parent = node.parent
        weight = 1.0
        for _ in range(4):
            if parent is None or parent.tag in ("body", "html"):
                break
            key = parent.mem_id
            bad = noisy.get(key)
            if bad is None:
                bad = noisy[key] = bool(
                    parent.tag in ("nav", "footer", "header", "aside") or _NOISE.search(_class_id(parent))
                )
            if bad:
                break
            nodes[key] = parent
            scores[key] = scores.get(key, 0.0) + n * weight
            weight /= 2
            parent = parent.parent
    if not scores:
        return None
    return _with_sibling_parts(nodes[max(scores, key=scores.get)])


_PART_KINDS = POSTING_PARTS - {"benefits"}  # a benefits box beside a posting may be the site's own
_CONSENT = re.compile(r"\bcookies?\b|\bconsent\b|\bprivacy (settings|preferences)\b", re.I)


def _prose(node: LexborNode) -> tuple[int, float]:
    """Words of an element and the share of its characters inside links."""
    text = node.text(separator=" ", strip=True) or ""
    links = sum(len(a.text(strip=True) or "") for a in node.css("a"))
    return len(text.split()), links / max(1, len(text))


def _with_sibling_parts(best: LexborNode) -> LexborNode:
    """The best element, or the posting's parts when they sit in sibling boxes.

    Pages often set a description and its requirements in sibling boxes, each under its own
    heading; the score then picks one box. As readability does, an element that is its
    parent's only child gives way to the parent, and siblings that are parts of the same
    posting join it: a sibling names a part in a heading of its own (duties, requirements)
    and has prose — at least a third of the best box's words, few links, no job links, not a
    consent banner. The result is a new element holding the parts, the headings between them
    and the one just before the first, in page order; page furniture around them stays out.
    """
    node = best
    while node.parent is not None and node.parent.tag not in ("body", "html"):
        kids = [c for c in node.parent.iter() if c.tag != "-text"]
        if len(kids) != 1:
            break
        node = node.parent
    parent = node.parent
    if parent is None or parent.tag in ("body", "html"):
        return best
    kids = [c for c in parent.iter() if c.tag != "-text"]
    at = next(i for i, c in enumerate(kids) if c.mem_id == node.mem_id)
    words = _prose(node)[0]
    parts = [i for i, c in enumerate(kids) if i == at or _is_sibling_part(c, words)]
    if len(parts) == 1:
        return best
    lo, hi = parts[0], parts[-1]
    if lo and _is_heading(kids[lo - 1]):
        lo -= 1
    keep = [c for i, c in enumerate(kids[lo : hi + 1], lo) if i in parts or _is_heading(c)]
    fragment = LexborHTMLParser("<html><body><div>" + "".join(c.html or "" for c in keep) + "</div></body></html>")
    return fragment.css_first("body > div") or best


def _is_heading(node: LexborNode) -> bool:
    text = node.text(separator=" ", strip=True) or ""
    return node.tag in _LABEL_TAGS and 0 < len(text) < 80


def _is_sibling_part(sib: LexborNode, best_words: int) -> bool:
    """Whether a sibling of the best box is another part of the same posting."""
    if sib.tag in ("nav", "footer", "header", "aside", "form") or _NOISE.search(_class_id(sib)):
        return False
    n, density = _prose(sib)
    if n < max(40, best_words / 3) or density > 0.2:
        return False
    text = sib.text(separator=" ", strip=True) or ""
    if _CONSENT.search(text[:400]) or link_counts(sib)[0]:
        return False
    labels = (h.text(separator=" ", strip=True) or "" for h in sib.css(", ".join(_LABEL_TAGS)))
    return any(len(t) < 80 and heading_kind(t) in _PART_KINDS for t in labels)


def _is_job_link(href: str, text: str) -> bool:
    words = len(text.split())
    if not (_JOB_HREF.search(href) or (words <= 12 and _TITLE_WORD.search(text))):
        return False
    return 1 <= words <= 20 and len(text) >= 4


_EMPLOYER_HREF = re.compile(r"(company|companies|employer|client|firma|empresa|/fp/|/cmp/|organi[sz]ation)", re.I)


def link_counts(tree: LexborHTMLParser | LexborNode) -> tuple[int, int]:
    """Distinct links that look like individual job postings (target and text), and distinct
    links to employer pages (many of those mark a job board, not one employer), in a page or
    one of its elements; one pass."""
    jobs: set[str] = set()
    employers: set[str] = set()
    for a in tree.css("a[href]"):
        href = a.attributes.get("href") or ""
        text = a.text(separator=" ", strip=True) or ""
        target = href.split("#")[0]
        if _is_job_link(href, text):
            jobs.add(target)
        if _EMPLOYER_HREF.search(href) and (a.text(strip=True) or ""):
            employers.add(target)
    return len(jobs), len(employers)


def job_link_count(tree: LexborHTMLParser) -> int:
    """Distinct links whose target and text look like individual job postings."""
    return link_counts(tree)[0]


def employer_link_count(tree: LexborHTMLParser) -> int:
    """Distinct links to employer pages: many of them mark a job board, not one employer."""
    return link_counts(tree)[1]


def content_stats(tree: LexborHTMLParser, with_main: bool = True, with_links: bool = True) -> ContentStats:
    """What refusal reads about a page; ``with_main=False`` skips finding the main content and
    ``with_links=False`` counting the page's job and employer links (left at 0)."""
    main = main_content(tree) if with_main else None
    main_words, density, main_jobs = 0, 0.0, 0
    if main is not None:
        text = main.text(separator=" ", strip=True) or ""
        main_words = len(text.split())
        link_chars = sum(len(a.text(strip=True) or "") for a in main.css("a"))
        density = link_chars / max(1, len(text))
        main_jobs = link_counts(main)[0]
    body = tree.body
    words = (body.text(separator=" ") or "").split() if body is not None else []
    jobs, employers = link_counts(tree) if with_links else (0, 0)
    return ContentStats(main, main_words, density, jobs, len(words), " ".join(words), employers, main_jobs)


def strip_noise(tree: LexborHTMLParser) -> None:
    """Remove what is never content, in place."""
    for node in tree.css("script, style, noscript, template, svg, iframe"):
        node.decompose()
