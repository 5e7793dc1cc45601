"""Find skills in text: spaCy phrase matching on the taxonomy, ambiguity rules, a CRF for spans.

Pipeline per text:
1. ``spacy.blank("en")`` tokenises; a ``PhraseMatcher`` on lower-cased tokens
   finds every taxonomy name and alias (longest match wins).
2. Ambiguous names (R, Go, C, Spark, Excel, Swift...) count only in their
   required spelling and with a context word or another skill nearby.
3. If the CRF model trained on SkillSpan exists (``models/skills_crf.crfsuite``),
   its spans — which use the dictionary as features — decide what is a skill
   mention; each span is linked to the taxonomy when a name inside it is known.
4. Each mention is tagged required / preferred / mentioned from its section and
   the words of its sentence, and keeps that sentence as evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rolefit.skills.taxonomy import Taxonomy, load_taxonomy
from rolefit.types import Posting, SkillMention

CRF_PATH = Path(__file__).resolve().parents[2] / "models" / "skills_crf.crfsuite"
_LIST_SEP = {",", "/", "and", "or", "&", "(", ")", ";", "|", "+", "-", "•"}
_PREFERRED = re.compile(
    r"nice[- ]to[- ]have|\ba plus\b|\bplus\b|\bbonus\b|preferred|preferably|ideally|desirable|advantage|"
    r"would be (great|nice|helpful)|is helpful|familiarity with|exposure to|good to have|optional|"
    r"not (a |an )?([\w-]+ )?(required|requirement|mandatory|must)",
    re.I,
)
# Words that make a sentence a requirement anywhere in a posting...
_REQUIRED = re.compile(
    r"\bmust\b|\brequired\b|\brequirements?\b|essential|minimum|mandatory|\d+\+?\s*(years|yrs)", re.I
)
# A sentence that opens by naming what the person must know asks for it even among the
# duties ("Knowledge of statistics (e.g. hypothesis testing)"), where such words elsewhere in
# a sentence describe the work ("improve the experience with our tools")...
_REQUIRED_LEAD = re.compile(
    r"^[\W\d]*(knowledge of|proficiency (in|with)|proficient (in|with)|fluency in|fluent in|expertise in|"
    r"(strong|solid|deep|good|working|thorough) (knowledge|understanding|command|grasp|experience|background)\b|"
    r"([\w-]+ )?experience (with|in|using)|understanding of|ability to use|"
    # a line that opens with a degree states a qualification: "A Masters in Statistics or similar"
    r"(an? )?(bachelor|master|ph\.? ?d|doctorate|msc|bsc|m\.sc|b\.sc|university degree|degree)('?s)?\b)",
    re.I,
)
# ...and words that do so only outside the duties (in duties they describe the work).
_REQUIRED_WEAK = re.compile(
    r"proficien|\bstrong\b|\bsolid\b|expert|experience (with|in)|knowledge of|you have|you bring|familiar", re.I
)


_LEGAL_FORM = re.compile(r"^(inc|ltd|llc|llp|plc|corp|co|gmbh|ag|sa|s\.a|bv|b\.v|ab|as|oy|srl|pty)\.?$", re.I)


# categories the dictionary alone may name only where the posting asks for them: a field is
# often the employer's business ("a leader in healthcare"), a degree or a language often
# the employer's own ("PhD supervision", "apply in English")
_ASKED_ONLY = frozenset({"domain", "degree", "spoken_language"})


@dataclass
class Match:
    start: int  # token indices
    end: int
    skill_id: str | None
    dictionary_only: bool = False  # a curated name kept where the CRF saw no skill


class Extractor:
    """Holds the tokenizer, the phrase matcher and (optionally) the CRF tagger."""

    def __init__(self, taxonomy: Taxonomy, crf_path: Path | None = CRF_PATH, fast: bool = False):
        import spacy

        self.tax = taxonomy
        self.nlp = spacy.blank("en")
        # spaCy's 1M-character guard is for its parser's memory; the tokenizer alone is safe on
        # any text the 20 MB input cap lets through
        self.nlp.max_length = 25_000_000
        # first lower-cased token -> [(all tokens, skill id)], longest first
        self.patterns: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for sid, toks in self._load_patterns():
            self.patterns.setdefault(toks[0], []).append((toks, sid))
        for cands in self.patterns.values():
            cands.sort(key=lambda c: -len(c[0]))
        self.tagger = None
        if crf_path is not None and Path(crf_path).exists():
            import pycrfsuite

            self.tagger = pycrfsuite.Tagger()
            self.tagger.open(str(crf_path))
        # the same decoding without feature strings: ~0.2 s to set up, so for batches only
        self.fast = None
        if fast and self.tagger is not None:
            from rolefit.skills.crf import FastTagger

            self.fast = FastTagger(crf_path, taxonomy)

    def _load_patterns(self):
        """Tokenised names: from ``patterns.json`` when it matches the taxonomy, else tokenised now."""
        import hashlib
        import json

        from rolefit.skills.taxonomy import TAXONOMY_DIR, TAXONOMY_FILE

        pf = TAXONOMY_DIR / "patterns.json"
        wanted = set(self.tax.surface_forms())
        done: set[tuple[str, str]] = set()
        if pf.exists() and TAXONOMY_FILE.exists():
            data = json.loads(pf.read_text(encoding="utf-8"))
            if data.get("skills_sha256") == hashlib.sha256(TAXONOMY_FILE.read_bytes()).hexdigest():
                for sid, form, toks in data["patterns"]:
                    if (form, sid) in wanted:
                        done.add((form, sid))
                        yield sid, tuple(toks)
        forms = [fs for fs in self.tax.surface_forms() if fs not in done]  # user additions, or no file
        for (_f, sid), doc in zip(forms, self.nlp.tokenizer.pipe(f for f, _ in forms), strict=True):
            if len(doc):
                yield sid, tuple(t.lower_ for t in doc)

    # ---- dictionary -----------------------------------------------------
    def matcher_spans(self, doc) -> list[Match]:
        """Phrase matches on lower-cased tokens, longest first, no ambiguity rules (the plain dictionary baseline)."""
        from rolefit.skills.crf import token_texts

        low = token_texts(doc)[1]
        if any("’" in t for t in low):  # "master’s degree" is "master's degree"
            low = [t.replace("’", "'") for t in low]
        n = len(low)
        found = []
        for i, tok in enumerate(low):
            for toks, sid in self.patterns.get(tok, ()):
                k = len(toks)
                if i + k <= n and tuple(low[i : i + k]) == toks:
                    found.append((i, i + k, sid))
        # as spacy.util.filter_spans: longest first, then earliest; no overlaps
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        taken = [False] * n
        out = []
        for s, e, sid in found:
            if not any(taken[s:e]):
                out.append(Match(s, e, sid))
                for j in range(s, e):
                    taken[j] = True
        return sorted(out, key=lambda m: m.start)

    def dictionary_matches(self, doc) -> list[Match]:
        """Taxonomy names in a Doc, longest first, ambiguity rules applied."""
        out = self.matcher_spans(doc)
        return [m for m in out if self._ambiguity_ok(doc, m, out)]

    def _ambiguity_ok(self, doc, m: Match, all_matches: list[Match]) -> bool:
        rule = self.tax.ambiguous.get(m.skill_id or "")
        if rule is None:
            return True
        surface = doc[m.start : m.end].text
        low = surface.lower()
        if rule.case_for and low in rule.case_for and surface != rule.case_for[low]:
            return False
        if rule.case and low == rule.case.lower() and surface != rule.case:
            return False
        needs_context = (
            low in rule.context_for if rule.context_for else (rule.case is not None and low == rule.case.lower())
        )
        if not needs_context or not rule.context:
            return True
        lo, hi = max(0, m.start - 8), min(len(doc), m.end + 8)
        if _word_forms(t.lower_ for t in doc[lo:hi]) & _word_forms(rule.context):
            return True
        # in a list of other skills: "Python, R, SQL"
        for o in all_matches:
            if o is m or self.tax.ambiguous.get(o.skill_id or ""):
                continue
            gap = doc[min(m.end, o.end) : max(m.start, o.start)]
            if 0 < len(gap) <= 2 and all(t.text.lower() in _LIST_SEP for t in gap):
                return True
        return False

    # ---- CRF ------------------------------------------------------------
    def crf_spans(self, doc, matches: list[Match], min_p: float = 0.0) -> list[tuple[int, int]]:
        """CRF spans; with ``min_p``, only those whose every token is a skill with at least that
        probability (marginals cost a call per token, so they are only computed when asked)."""
        from rolefit.skills.crf import bio_spans, doc_features

        if self.fast is not None and min_p <= 0:
            return bio_spans(self.fast.tag(doc, matches))
        spans = bio_spans(self.tagger.tag(doc_features(doc, matches, self.tax)))
        if min_p > 0:
            spans = [(s, e) for s, e in spans if all(self.tagger.marginal("O", i) <= 1 - min_p for i in range(s, e))]
        return spans

    def spans(self, doc, union: bool = True, min_p: float = 0.0) -> list[Match]:
        """Skill mentions in a Doc: CRF spans linked to the taxonomy (plus curated dictionary
        matches when ``union``), or dictionary matches alone when there is no CRF. ``min_p``
        drops CRF spans with a token whose skill probability is below it (precision for recall)."""
        matches = self.dictionary_matches(doc)
        if self.tagger is None:
            return matches
        out = []
        starts = [m.start for m in matches]  # in order: the matches inside a span are found by bisection
        for s, e in _list_parts(doc, self.crf_spans(doc, matches, min_p)):
            inside = []
            for m in matches[bisect_left(starts, s) :]:
                if m.start >= e:
                    break
                if m.end <= e:
                    inside.append(m)
            sid = inside[0].skill_id if len(inside) == 1 else None
            if sid is None:
                sk = self.tax.lookup(doc[s:e].text)
                sid = sk.id if sk else None
            if inside and len(inside) > 1:
                out.extend(inside)  # "Python/R/SQL" as one span: keep each known skill
            else:
                out.append(Match(s, e, sid))
        # Curated names that passed the ambiguity rules count even where the CRF says no: it
        # learned SkillSpan's habits, which leave unmarked a skill in a title or a colon line
        # ("Nice to have: Apache Kafka"), and a user wants those found.
        taken = bytearray(len(doc))
        for m in out:
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        for m in matches if union else []:
            sk = self.tax.skills.get(m.skill_id or "")
            if sk and "curated" in sk.sources and not any(taken[m.start : m.end]):
                out.append(Match(m.start, m.end, m.skill_id, dictionary_only=True))
        out.sort(key=lambda m: m.start)
        return out

    def keep(self, m: Match, requirement: str) -> bool:
        """Whether a span is a skill the posting asks about, given its requirement tag.

        A field named only by the dictionary (the CRF saw no skill there) and not asked for is
        usually the employer's business, not a skill: "a global leader in financial services",
        "partner with finance". Likewise a degree or a language: "PhD supervision", "apply in
        English". Such names are kept only where the sentence or section asks for them
        ("experience in banking", "a PhD in statistics is required").
        """
        if not m.dictionary_only or requirement != "mentioned":
            return True
        sk = self.tax.skills.get(m.skill_id or "")
        return not (sk and sk.category in _ASKED_ONLY)

    # ---- text API -------------------------------------------------------
    def mentions(
        self,
        text: str,
        section_kinds: list[tuple[int, int, str]] | None = None,
        regions: list[tuple[int, int]] | None = None,
        asked_only: bool = True,
    ) -> list[SkillMention]:
        """Skill mentions with character offsets into ``text`` (only inside ``regions`` if given;
        with ``asked_only``, domains only where the posting asks for them: see :meth:`keep`)."""
        out: list[SkillMention] = []
        for lo, hi in regions if regions is not None else [(0, len(text))]:
            doc = self.nlp.make_doc(text[lo:hi])
            for m in self.spans(doc):
                # CRF spans may take the bracket or comma next to a name with them
                s, e = m.start, m.end
                while s < e and (doc[s].is_space or (doc[s].is_punct and doc[s].text not in ("#", "+"))):
                    s += 1
                while e > s and (
                    doc[e - 1].is_space or (doc[e - 1].is_punct and doc[e - 1].text not in ("#", "+", "++"))
                ):
                    e -= 1
                if s == e:
                    continue
                span = doc[s:e]
                start, end = lo + span.start_char, lo + span.end_char
                sk = self.tax.skills.get(m.skill_id) if m.skill_id else None
                if sk is None and _LEGAL_FORM.match(span.text):
                    continue  # "Acme Inc." beside a title: the CRF reads the capitals, not a skill
                sentence = _sentence_around(text, start, end)
                section = _section_at(section_kinds, start)
                req = requirement(section, sentence)
                if asked_only and not self.keep(m, req):
                    continue
                out.append(
                    SkillMention(
                        id=sk.id if sk else "unlisted:" + re.sub(r"[^a-z0-9]+", "-", span.text.lower()).strip("-"),
                        name=sk.name if sk else span.text,
                        category=sk.category if sk else "unlisted",
                        requirement=req,
                        start=start,
                        end=end,
                        text=span.text,
                        evidence=sentence,
                        years=years_asked(sentence) if req != "mentioned" else None,
                    )
                )
        link_alternatives(text, out)
        return out


# What may stand between two skills of one list: "A, B, or C", "A and/or B", "A (or B)"
_LIST_GAP = re.compile(r"^[\s,;()&]*((and/or|or|and)[\s,;()&]*)?$", re.I)
_OR = re.compile(r"\b(or|and/or)\b", re.I)
_AND = re.compile(r"(\band\b(?!/or)|&)", re.I)


# "3+ years", "at least 5 years", "2-4 years", "five years": the least a sentence asks
_YEARS = re.compile(
    r"\b(\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten)\s*\+?\s*"
    r"(?:(?:-|–|to)\s*\d{1,2}\s*\+?\s*)?(?:years?|yrs)\b",
    re.I,
)
_NUMBER_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())}


def years_asked(sentence: str) -> float | None:
    """The years of experience a sentence asks for, when it names one figure ("3+ years of SQL
    and Python"); ``None`` when it names none or several ("2 years of SQL, 5 of Python")."""
    found = {float(_NUMBER_WORDS.get(m.group(1).lower(), m.group(1))) for m in _YEARS.finditer(sentence)}
    return found.pop() if len(found) == 1 and 0 < next(iter(found)) <= 30 else None


def link_alternatives(text: str, mentions: list[SkillMention]) -> None:
    """Mark the skills a sentence offers as alternatives: a run of listed skills joined by "or"
    ("Python, R, or Julia", "XGBoost or LightGBM", "A and/or B") asks for one of them. A list
    joined by "and", or by commas alone, asks for each; a slash is read as "and" too, since
    "SQL/Python" asks for both as often as for either."""
    ordered = sorted(mentions, key=lambda m: m.start)
    run: list[SkillMention] = []
    gaps: list[str] = []

    def close() -> None:
        if len(run) > 1 and any(_OR.search(g) for g in gaps) and not any(_AND.search(g) for g in gaps):
            ids = [m.id for m in run if not m.id.startswith("unlisted:")]
            for m in run:
                m.alternatives = [i for i in dict.fromkeys(ids) if i != m.id]

    for m in ordered:
        gap = text[run[-1].end : m.start] if run else ""
        if run and m.start >= run[-1].end and m.evidence == run[-1].evidence and _LIST_GAP.match(gap):
            run.append(m)
            gaps.append(gap)
            continue
        close()
        run, gaps = [m], []
    close()


_JOINERS = {"and", "or", "&", "as", "well"}


def _list_parts(doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """CRF spans cut at commas and semicolons, joining words trimmed: "A/B tests, and
    multivariate testing" is two skills (SkillSpan's annotators never put a comma inside one)."""
    from rolefit.skills.crf import token_texts

    low = token_texts(doc)[1]
    out = []
    for s, e in spans:
        start = s
        for i in [*(i for i in range(s, e) if low[i] in (",", ";")), e]:
            a, b = start, i
            while a < b and low[a] in _JOINERS:
                a += 1
            while b > a and low[b - 1] in _JOINERS:
                b -= 1
            if a < b:
                out.append((a, b))
            start = i + 1
    return out


def _word_forms(words) -> set[str]:
    """Words and their singulars, so that a context word counts in either number ("pipeline")."""
    out = set(words)
    return out | {w[:-1] for w in out if len(w) > 3 and w.endswith("s")}


_SENTENCE_REACH = 2000  # how far to look for a sentence's ends: a text without stops stays linear


def _sentence_around(text: str, start: int, end: int) -> str:
    floor = max(0, start - _SENTENCE_REACH)
    lo = max(text.rfind("\n", floor, start), max(text.rfind(". ", floor, start) + 1, 0) - 1)
    if lo < 0 and floor > 0:
        lo = floor - 1
    ceil = min(len(text), end + _SENTENCE_REACH)
    hi_nl = text.find("\n", end, ceil)
    hi_dot = text.find(". ", end, ceil)
    cands = [h for h in (hi_nl, hi_dot + 1 if hi_dot >= 0 else -1) if h >= 0]
    hi = min(cands) if cands else ceil
    return " ".join(text[lo + 1 : hi].strip(" -•\t").split())[:400]


def _section_at(kinds: list[tuple[int, int, str]] | None, pos: int) -> str | None:
    for s, e, k in kinds or []:
        if s <= pos < e:
            return k
    return None


def requirement(section: str | None, sentence: str) -> str:
    """required / preferred / mentioned, from the sentence's words first, then its section."""
    if _PREFERRED.search(sentence):
        return "preferred"
    if section == "preferred":
        return "preferred"
    if section == "requirements" or _REQUIRED.search(sentence) or _REQUIRED_LEAD.match(sentence):
        return "required"
    if section not in ("responsibilities", "about", "benefits") and _REQUIRED_WEAK.search(sentence):
        return "required"
    return "mentioned"


_BATCH = {"on": False}


def batch_mode() -> None:
    """Make this process's extractors trade set-up time for speed (batch workers call it)."""
    _BATCH["on"] = True


def get_extractor(extra: str | None = None, use_crf: bool = True) -> Extractor:
    """The process's extractor for the shipped taxonomy (plus a user's ``extra`` file)."""
    return _extractor(extra, use_crf, _BATCH["on"])


@lru_cache(maxsize=4)
def _extractor(extra: str | None, use_crf: bool, fast: bool) -> Extractor:
    return Extractor(load_taxonomy(extra), CRF_PATH if use_crf else None, fast=fast)


def extract_text(text: str, extra: str | None = None, posting: bool = True) -> list[SkillMention]:
    """Skill mentions in a plain text (offsets into that text). ``posting=False`` reads a
    resume: a field it names ("a retail bank", "healthcare claims") is the person's experience,
    so domains are not held to what a posting asks for."""
    return get_extractor(extra).mentions(text, asked_only=posting)


_NOT_ASKED = ("about", "benefits")  # the company blurb and the benefits are not what the job asks for


def asked_regions(text: str, kinds: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The stretches of a description outside its about and benefits sections."""
    out, pos = [], 0
    for s, e, k in sorted(kinds):
        if k in _NOT_ASKED:
            if s > pos:
                out.append((pos, s))
            pos = max(pos, e)
    if pos < len(text):
        out.append((pos, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def extract_posting(posting: Posting, extra: str | None = None) -> list[SkillMention]:
    """Skill mentions in a posting's description, tagged by the section they sit in. The about
    and benefits sections are not read at all (a quarter of a typical page's text)."""
    kinds = [(s.start, s.end, s.kind) for s in posting.sections]
    text = posting.description
    return get_extractor(extra).mentions(text, kinds, asked_regions(text, kinds))


def extract_page(page, extra: str | None = None) -> tuple[str, list[SkillMention]]:
    """``(text, mentions)`` for a page or a text file: a page is parsed first; a text file is read
    as is, so offsets point into the file's own text, and mentions are tagged by its headings."""
    from rolefit.classify.features import sections_of_text
    from rolefit.ingest.decode import decode
    from rolefit.parse import is_html, parse_page

    is_text = (page.content_type or "").startswith("text/")
    if not is_text and is_html(page.data):
        posting = parse_page(page)
        return posting.description, extract_posting(posting, extra)
    text = decode(page.data)[0]
    kinds = _raw_section_kinds(text, sections_of_text(text))
    return text, get_extractor(extra).mentions(text, kinds, asked_regions(text, kinds))


def _raw_section_kinds(text: str, sections) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of each headed section in a plain text's own offsets: the parsed
    sections' offsets are into the cleaned description, so each heading is found in the text,
    in order, and its kind runs to the next heading found."""
    starts: list[tuple[int, str]] = []
    pos = 0
    for s in sections:
        if s.heading:
            i = text.find(s.heading, pos)
            if i >= 0:
                starts.append((i, s.kind))
                pos = i + len(s.heading)
    ends = [i for i, _ in starts[1:]] + [len(text)]
    return [(i, end, kind) for (i, kind), end in zip(starts, ends[: len(starts)], strict=True)]
