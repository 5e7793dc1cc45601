"""Decide whether a page is one job posting, and if not, what kind of page it is.

The decision uses general signals, not per-site rules: the words of
challenge, login, error and expiry pages (in several languages), how many
distinct job links a page carries, result-count phrases, and whether there
is a dominant block of prose to be a description at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CHALLENGE = re.compile(
    r"just a moment|verify (that )?you are (a )?human|checking your browser|are you a robot|"
    r"captcha|unusual traffic|additional verification required|access denied|"
    r"you don't have permission to access|request (was )?blocked|security check|"
    r"enable javascript and cookies to continue|ddos protection|bot detection|"
    r"performance (&|and) security by cloudflare|attention required",
    re.I,
)
_LOGIN = re.compile(
    r"\b(sign in|log in|login|signin|welcome back|anmelden|se connecter|přihlásit|entrar|iniciar sesión)\b",
    re.I,
)
_ERROR = re.compile(
    r"page not found|\b404\b|\b50[0234]\b|service (is )?(temporarily )?unavailable|temporarily unavailable|"
    r"under maintenance|scheduled maintenance|we('ll| will) be back|something went wrong|site (is )?down|"
    r"cannot be reached|can't be reached|går det inte att nå|nicht erreichbar|momentanément indisponible|"
    r"no longer exists|page (you requested |you are looking for )?(does not|doesn't) exist",
    re.I,
)
_EXPIRED = re.compile(
    r"no longer accepting applications|this job (posting )?(has )?(expired|closed|is closed)|"
    r"job (is )?no longer available|position has been filled|no longer open|posting (has )?(closed|expired)|"
    r"this (job|position|vacancy|role) is no longer|applications? (are|is) (now )?closed|"
    r"vacancy has (been )?(closed|expired)|stellenanzeige ist nicht mehr|offre (a )?expirée|"
    r"already (been )?filled|job has been removed|inzerát (již )?není",
    re.I,
)
_COUNT = re.compile(
    r"(\d[\d.,\s]{0,9}\+?)\s*(jobs?|results?|vacancies|positions|openings|opportunities|"
    r"empregos|vagas|ofertas|stellen|offres|nabídek|pozic|职位|条)\b|"
    r"共\s*\d+\s*条|(jobs?|results?)\s*(found|\(\d)",
    re.I,
)
_NO_RESULTS = re.compile(
    r"no (jobs|results|positions|openings|vacancies) (found|match)|0 (jobs|results)|"
    r"nenašli jsme žádné|keine (ergebnisse|stellen)|aucun(e)? (résultat|offre)|nenhuma vaga|"
    r"didn't match any jobs|no matching jobs",
    re.I,
)
# A page title that reads as a query ("Python jobs in Berlin", "Vagas | ...").
_SEARCHY = re.compile(
    r"\bjobs? in\b|\bresults?\b|\bvagas\b|nabídka práce|\bjobs,|\bjobs found\b|"
    r"\bemployment in\b|empregos|\bjobs near\b|stellenangebote|offres d'emploi|ofertas de (trabajo|emprego)",
    re.I,
)
# A result count, as search engines print them ("406 jobs found", "共212880条").
_RESULT_COUNT = re.compile(
    r"\d[\d.,\s]{0,9}\+?\s*(jobs?\s+found|results?\b|empregos|vagas|ofertas|nabídek|条)|共\s*\d+\s*条|"
    r"(jobs?|results?)\s+found",
    re.I,
)


# Words nearly every job ad uses; a page or text with almost none of them is some other document.
JOB_WORDS = re.compile(
    r"\b(experience|responsibilit\w*|requirements?|qualifications?|skills?|role|team|candidates?|apply|salary|"
    r"benefits|position|job|you will|you'll|we are looking|hiring|work with|years|"
    # the same words in the other languages job ads here come in (de, fr, es, pt, it, nl)
    r"erfahrung|aufgaben|anforderungen|kenntnisse|bewerbung|stelle|gehalt|"
    r"expérience|missions?|profil|compétences|poste|candidature|salaire|"
    r"experiencia|requisitos|funciones|puesto|candidatos?|salario|"
    r"experiência|vaga|candidatura|salário|"
    r"esperienza|requisiti|competenze|posizione|candidati|"
    r"ervaring|vacature|functie|taken|sollicit\w*)\b",
    re.I,
)


def job_word_count(text: str) -> int:
    """How many different job-ad words a text uses."""
    return len({m.lower() for m in JOB_WORDS.findall(text)})


@dataclass
class PageSignals:
    title: str
    h1: str
    text: str  # visible text of the body
    body_words: int
    main_words: int
    main_link_density: float
    job_links: int
    has_password: bool
    jsonld_postings: int
    jsonld_distinct_titles: int
    item_list: int
    adapter_description: bool
    adapter_listing: bool
    adapter_expired: bool
    embedded_job: bool
    url: str
    employer_links: int = 0  # distinct links to employer/company pages
    cue_headings: int = 0  # headings such as "Responsibilities" in the main content
    job_words: int = 99  # different job-ad words in the main content
    main_job_links: int = 0  # job links inside the main content (a list's items; not a sidebar's)


def _count_phrase(text: str) -> str | None:
    m = _COUNT.search(text)
    if not m:
        return None
    return " ".join(m.group(0).split())


def listing_title(title: str, h1: str) -> bool:
    """A page title or heading that reads as a query ("Python jobs in Berlin")."""
    return bool(_SEARCHY.search(title) or _SEARCHY.search(h1))


def refusal(s: PageSignals) -> tuple[str, str] | None:
    """``(kind, detail)`` when the page is not one posting, else ``None``.

    ``expired`` is returned even for an otherwise good posting; the caller
    decides whether ``--allow-expired`` lets it through.
    """
    head = f"{s.title} {s.h1}"
    first_text = s.text[:3000]
    strong_posting = s.jsonld_postings > 0 or s.adapter_description or s.embedded_job

    if s.body_words < 150 and not strong_posting:
        if _CHALLENGE.search(head) or _CHALLENGE.search(first_text):
            return "bot_challenge", "the site asked for a human check instead of showing the page"
        if s.has_password or (_LOGIN.search(head) and s.body_words < 80):
            return "login_wall", "the page asks you to sign in"
    if s.has_password and s.main_words < 120 and not strong_posting and _LOGIN.search(head + " " + first_text):
        return "login_wall", "the page asks you to sign in"

    is_listing_title = listing_title(s.title, s.h1)

    def count() -> str | None:  # only a refused listing needs it: most pages are postings
        return _count_phrase(head) or _count_phrase(first_text)

    def searchy() -> bool:
        # A board lists many employers' jobs (search results); a careers index lists one employer's.
        return (
            is_listing_title
            or bool(_RESULT_COUNT.search(head) or _RESULT_COUNT.search(first_text))
            or s.employer_links >= 5
        )

    many_links = s.job_links >= 8 or s.item_list >= 3 or s.adapter_listing

    # A results list with a posting open beside it is still a list.
    if s.adapter_listing or (
        many_links and is_listing_title and (s.jsonld_distinct_titles != 1 or s.jsonld_postings > 1)
    ):
        if not (s.jsonld_postings == 1 and not s.adapter_listing and not is_listing_title):
            return "search_results", _detail(s, count())

    if s.adapter_expired or (not s.jsonld_postings and _EXPIRED.search(first_text)):
        return "expired", "the posting is closed"

    if strong_posting and s.jsonld_distinct_titles <= 1:
        return None
    if s.jsonld_distinct_titles > 1:
        return "search_results", f"{s.jsonld_distinct_titles} job postings on one page"

    if _NO_RESULTS.search(first_text) or _NO_RESULTS.search(s.text):
        return "search_results", "no jobs matched the search"
    # a short posting still names its parts: two such headings vouch for a brief text
    prose_posting = (
        s.main_words >= 150
        or (s.main_words >= 60 and s.cue_headings >= 1)
        or (s.main_words >= 30 and s.cue_headings >= 2)
    ) and s.main_link_density < 0.35
    # "Similar jobs" beside a posting: the links sit outside a main text that reads as a
    # posting, with its own duties/requirements headings. A list has its links in the main part.
    sidebar_only = prose_posting and s.main_job_links == 0 and s.cue_headings >= 2
    if many_links and not sidebar_only and (not prose_posting or s.job_links >= 15):
        if searchy():
            return "search_results", _detail(s, count())
        return "careers_index", _detail(s, count())
    if _ERROR.search(head) or (_ERROR.search(first_text) and s.main_words < 200):
        return "other", "an error or outage page"
    if _CHALLENGE.search(head):
        return "bot_challenge", "the site asked for a human check instead of showing the page"
    if not prose_posting:
        if s.job_links >= 3:
            return "careers_index", _detail(s, count())
        return "other", "no job description found on the page"
    if s.job_words < 3 and s.cue_headings == 0:
        return "other", "the page does not read like a job posting"
    return other_document(s.h1 or s.title, s.text)


# How a posting speaks: to the candidate and about the role. Nearly every posting has a few of
# these; a resume or an article about jobs has almost none.
_POSTING_VOICE = re.compile(
    r"\b(you will|you'll|you would|you are|you have|you bring|your (role|responsibilities|team|day|work)|"
    r"we are looking|we're looking|we are hiring|we're hiring|we are seeking|we're seeking|join (our|the|us)|"
    r"in this role|this role|the role|the position|this position|ideal candidate|successful candidate|"
    r"candidates?|how to apply|apply now|to apply|responsibilities|requirements|qualifications|duties|"
    r"job description|what you('ll| will)|who you are|about the (role|job|position))\b",
    re.I,
)
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[a-z]{2,}|\+?\d[\d ().-]{7,}\d|linkedin\.com/in/", re.I)
_YEAR_RANGE = re.compile(
    r"\b(19[5-9]\d|20[0-4]\d)\s*[-–—]\s*(19[5-9]\d|20[0-4]\d|present|today|now|current|heute)\b", re.I
)
_ARTICLE_TITLE = re.compile(
    r"^(why|how|what|when|where)\s+\w+|\?$|^(top\s+)?\d+\s+(ways|tips|things|reasons|lessons|mistakes)\b|"
    r"^the\s+(rise|future|state|end|case)\s+of\b",
    re.I,
)


def posting_voice(text: str) -> int:
    """How many times a text speaks as a posting does ("you will", "the role", "apply")."""
    return len(_POSTING_VOICE.findall(text))


def other_document(title: str | None, text: str) -> tuple[str, str] | None:
    """A resume or an article about jobs, told by positive signs, never by their absence alone.

    Both use job words, so they pass the job-word test. A resume has contact details at the
    top and dated entries; an article has a headline that asks or promises ("Why data salaries
    are rising"); and neither speaks as a posting does ("you will", "the role", "apply").
    Checked on the 12,389 postings of the shared corpus: one is taken for a resume.
    """
    # the signs first, the voice (a pass over the whole text) only for a document that has one
    head = text[:400]
    contact = any(
        "@" in m.group(0) or "/" in m.group(0) or sum(ch.isdigit() for ch in m.group(0)) >= 8
        for m in _CONTACT.finditer(head)
    )
    if contact and len(_YEAR_RANGE.findall(text)) >= 2 and posting_voice(text) < 2:
        return "other", "this reads like a resume or CV, not a job posting; `rolefit profile FILE` reads resumes"
    if _ARTICLE_TITLE.search((title or "").strip()) and posting_voice(text) < 4:
        return "other", "this reads like an article about jobs, not a job posting"
    return None


def _detail(s: PageSignals, count: str | None) -> str:
    if count:
        return f"{count} listed"
    return f"{s.job_links} jobs listed"
