"""Split a description into sections by heading analysis.

A heading is placed by the cue words it contains (stems in several languages,
matched anywhere in the heading, so "What you'll be doing", "Your mission" and
"Vos missions" all land in ``responsibilities``). A heading with no cue, or
text before the first heading, is placed by what its body reads like:
imperative duty bullets, "N+ years"/"degree" requirement lines, benefit words,
company self-description.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rolefit.parse.blocks import Block
from rolefit.types import Section

# Cue patterns, checked in order: the first that matches a heading decides.
# Specific phrases come before the single words they contain ("About the role"
# before "About", "Sign-on bonus" before "bonus", "Preferred qualifications"
# before "qualifications").
_CUES: list[tuple[str, str]] = [
    # specific "about ..." phrases
    (r"about (the|this) (role|job|position|opportunity|work)|about the team", "responsibilities"),
    (r"about you\b|about yourself", "requirements"),
    (r"sign[- ]?on bonus|signing bonus|bonus (plan|structure|eligib)", "benefits"),
    # preferred
    (
        r"nice[- ]to[- ]have|bonus (points|skills|if)|\bbonus\b|preferred|\bplus(es)?\b|desir|\bideal(ly)?\b"
        r"|good to have|great if|extra credit|would be (great|nice)|\boptional|stand out|even better|"
        r"additional qualifications|von vorteil|w[üu]nschenswert|\batouts?\b|serait un plus|výhodou|"
        r"deseable|diferencia|gewenst|pluspunt|preferenzial|preferencial|meriti",
        "preferred",
    ),
    # benefits
    (
        r"benefit|perks|we offer|what we offer|in it for you|compensation|salary|\bpay\b|pay range|"
        r"why (join|work|you('| wi)ll)|what you('| wi)ll get|what you get|rewards?|\boffers?\b|wir bieten|"
        r"avantages|nabízí|co (získáte|od nás)|beneficios|benef[íi]cios|ofrecemos|oferecemos|offriamo|"
        r"wat (bieden|wij bieden)|vergütung|package|you('| wi)ll love|wellbeing|time off|we provide|"
        r"in return|retribuzione|rémunération|nabídneme|expect from us|can we offer",
        "benefits",
    ),
    # responsibilities
    (
        r"responsib|dut(y|ies)|what you('| wi)ll (do|be doing|own|work on|achieve)|you('| wi)ll be doing|"
        r"what you do\b|day[- ]to[- ]day|your (role|mission|impact|job|day|tasks|work)\b|"
        r"the (role|job|position|opportunity)\b|in this role|role (overview|description|summary)|"
        r"job (summary|overview|purpose)|position (summary|overview|purpose)|"
        r"\btasks?\b|\bmissions?\b|accountabilit|key (areas|activities|results)|how you('| wi)ll|"
        r"impact you|aufgaben|t[âa]ches|description du poste|descriptif|náplň|čeká|co budeš|tareas|funciones|"
        r"responsab|atividades|har[áa]s\b|ce que vous ferez|o que (voc[eê]|vai) fa|mansioni|attivit|werkzaamheden|wat ga je doen|"
        r"\btaken\b|what we need you|opportunity to",
        "responsibilities",
    ),
    # requirements
    (
        r"requir|qualif|what you('| wi)ll (need|bring)|what you bring|who you are|you have\b|you bring|"
        r"your (profile|skills|background|experience)|skills|experience|must[- ]have|looking for|we expect|"
        r"ideal candidate|candidate|competen|education|knowledge|\bprofil|technolog|tech stack|\btools\b|"
        r"anforderungen|mitbringst|mitbringen|bringst du mit|bringen sie mit|buscamos|procuramos|cerchiamo|exigences|požad|očekáv|hledáme|pokud|requisit|perfil|eisen|"
        r"wat (breng|vragen)|what it takes|to be successful|what makes you|minimum|basic|essential|"
        r"you might be|do you have|conhecimentos|představujeme|how we imagine you|abilities|certification|licensure|physical demands",
        "requirements",
    ),
    # about the company, and boilerplate
    (
        r"^about\b|who we are|our (mission|story|company|team|values|culture|commitment)|"
        r"company (overview|description|info)|über uns|wer wir sind|qui sommes|à propos|o nás|o společnosti|"
        r"sobre (nós|nosotros|a empresa)|chi siamo|over ons|the company|life at|join us|why us|\bwelcome\b|"
        r"introduction|equal (employment )?opportunit|diversity|\beeo\b|inclusion|important notes|"
        r"privacy|disclaimer|legal",
        "about",
    ),
]
_CUE_RE = [(re.compile(p, re.I), kind) for p, kind in _CUES]
# One pass that says whether any cue is there at all; most lines of a page have none.
_ANY_CUE = re.compile("|".join(f"(?:{p})" for p, _ in _CUES), re.I)
# Container headings that name the whole description, not one part of it.
_GENERIC = re.compile(
    r"^(full |the )?(job|position|role)?\s*(description|details|overview|summary|posting)s?:?$|^description du poste$|"
    r"^(stellenbeschreibung|popis pozice|descrição da vaga|descripción del puesto)$",
    re.I,
)

_DUTY_VERB = re.compile(
    r"^(build|design|develop|lead|own|drive|work|partner|collaborate|create|implement|maintain|manage|"
    r"analy[sz]e|deliver|define|support|conduct|ensure|help|write|deploy|monitor|improve|research|"
    r"provide|identify|communicate|present|translate|coordinate|establish|evaluate|architect|"
    r"prototype|mentor|optimi[sz]e|automate|participate|contribute|oversee|serve|act|perform|prepare|"
    r"review|run|scale|shape|set|take|train|use|engage|investigate|explore|partner|you will|you'll)\b",
    re.I,
)
_REQ_LINE = re.compile(
    r"(\d+\s*\+?\s*(years|yrs|jahre|ans|let|anos|años)|degree|bachelor|master|phd|ph\.d|"
    r"experience (with|in)|proficien|fluen|knowledge of|familiar|strong .*skills|ability to|"
    r"understanding of|expertise|track record)",
    re.I,
)
_BENEFIT_LINE = re.compile(
    r"(health|dental|vision|insurance|401\(?k|pension|vacation|paid time|pto|holiday|parental|"
    r"remote|flexible|equity|stock|bonus|salary|allowance|wellness|gym|learning budget|"
    r"home office|sick leave|days off)",
    re.I,
)
_ABOUT_LINE = re.compile(
    r"\b(we are|we're|our mission|founded|our company|our team|is a (leading|global)|"
    r"headquartered|equal opportunity|employer|is committed|we believe|our customers)\b",
    re.I,
)


# The section kinds that name a part of a posting (not its company blurb or an unnamed part).
POSTING_PARTS = frozenset({"responsibilities", "requirements", "preferred", "benefits"})


@lru_cache(maxsize=5_000)
def heading_kind(heading: str) -> str | None:
    """The section kind a heading's cue words point to, or ``None``."""
    h = heading.strip()
    if _GENERIC.match(h) or not _ANY_CUE.search(h):
        return None
    for pattern, kind in _CUE_RE:
        if pattern.search(h):
            return kind
    return None


def body_kind(blocks: list[Block]) -> str:
    """Guess a section's kind from its body when the heading says nothing."""
    lines = [b.text for b in blocks if b.kind != "h"]
    if not lines:
        return "other"
    scores = {"responsibilities": 0.0, "requirements": 0.0, "benefits": 0.0, "about": 0.0}
    for line in lines:
        if _DUTY_VERB.match(line):
            scores["responsibilities"] += 1
        if _REQ_LINE.search(line):
            scores["requirements"] += 1
        if _BENEFIT_LINE.search(line) and len(line) < 200:
            scores["benefits"] += 0.8
        if _ABOUT_LINE.search(line):
            scores["about"] += 1
    best = max(scores, key=scores.get)
    if scores[best] < max(1.0, 0.25 * len(lines)):
        return "other"
    return best


def split_sections(blocks: list[Block]) -> list[tuple[str, str | None, list[Block]]]:
    """Group blocks under their headings: ``[(kind, heading, body_blocks)]``.

    A heading with cue words opens a section of that kind. A heading without
    cues opens a section only when its body clearly reads as one kind;
    otherwise it is a sub-heading ("Build the foundation:" under "What you'll
    do", "What you can expect?" under "Your role") and stays, as a line, in
    the section above it. Sections left with no text are dropped.
    """
    groups: list[tuple[str | None, list[Block]]] = [(None, [])]
    for b in blocks:
        if b.kind == "h":
            groups.append((b.text, []))
        else:
            groups[-1][1].append(b)
    out: list[tuple[str, str | None, list[Block]]] = []
    for heading, body in groups:
        if heading is None:
            if body:
                out.append((body_kind(body), None, body))
            continue
        cue = heading_kind(heading)
        prev = out[-1] if out else None
        if prev is not None and prev[1] and not prev[2] and cue is None and heading_kind(prev[1]) is not None:
            # "Your role" with nothing under it but a sub-heading: the sub-heading belongs to it
            prev[2].extend([Block("h", heading, 9), *body])
            continue
        if cue is not None:
            out.append((cue, heading, body))
            continue
        kind = body_kind(body)
        if _GENERIC.match(heading.strip()):
            out.append((kind if kind in ("about", "benefits") else "responsibilities", heading, body))
        elif kind == "other" and out:
            out[-1][2].extend([Block("h", heading, 9), *body])
        else:
            out.append((kind, heading, body))
    return [(k, h, b) for k, h, b in out if b]


def build_sections(blocks: list[Block]) -> tuple[str, list[Section]]:
    """Render the description text and its sections with character offsets."""
    from rolefit.parse.blocks import blocks_to_text

    parts: list[str] = []
    sections: list[Section] = []
    pos = 0
    for kind, heading, body in split_sections(blocks):
        head_text = (heading + "\n") if heading else ""
        body_text = blocks_to_text(body)
        chunk = head_text + body_text
        if not chunk.strip():
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        start = pos + len(head_text)
        parts.append(chunk)
        pos += len(chunk)
        sections.append(Section(kind=kind, heading=heading, text=body_text, start=start, end=pos))
    return "".join(parts), sections
