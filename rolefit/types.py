"""The data types that travel through the pipeline.

ingest -> ``Page`` -> parse -> ``Posting`` -> classify -> ``Classification``
                                          -> skills   -> ``SkillMention``
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = 1

SECTION_KINDS = ("responsibilities", "requirements", "preferred", "benefits", "about", "other")
WORK_LABELS = ("strategy", "research", "engineering")
OUTPUT_LABELS = ("analysis", "data", "ml_product")


@dataclass
class Page:
    """Raw bytes of one input and where they came from."""

    data: bytes
    source: str
    url: str | None = None
    content_type: str | None = None
    # the file as given, when ``data`` is the text read out of it (a PDF or DOCX job description)
    original: bytes | None = None


@dataclass
class Section:
    """One part of a description, found by heading analysis."""

    kind: str
    heading: str | None
    text: str
    start: int = 0  # character offset of the section's text in Posting.description
    end: int = 0


@dataclass
class Salary:
    minimum: float | None = None
    maximum: float | None = None
    currency: str | None = None
    period: str | None = None
    text: str | None = None


@dataclass
class Posting:
    """One job posting, parsed into clean fields.

    Fields that could not be found stay ``None``: the parser never guesses.
    ``provenance`` maps each field name to where it was read from
    (``jsonld``, ``microdata``, ``meta``, ``embedded_state``, ``adapter:<site>``,
    ``heuristic``, ``text``).
    """

    source: str
    title: str | None = None
    company: str | None = None
    locations: list[str] = field(default_factory=list)
    workplace: str | None = None  # remote / hybrid / onsite
    date_posted: str | None = None
    employment_type: str | None = None
    salary: Salary | None = None
    url: str | None = None
    language: str | None = None
    description: str = ""
    sections: list[Section] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)
    expired: bool = False

    @property
    def location(self) -> str | None:
        return "; ".join(self.locations) if self.locations else None

    def section_text(self, *kinds: str) -> str:
        """Text of all sections of the given kinds, in order."""
        return "\n".join(s.text for s in self.sections if s.kind in kinds)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["location"] = self.location
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Posting:
        d = dict(d)
        d.pop("location", None)
        d["sections"] = [Section(**s) for s in d.get("sections") or []]
        if d.get("salary"):
            d["salary"] = Salary(**d["salary"])
        return cls(**d)


@dataclass
class Evidence:
    """A piece of the posting that pushed a decision, with its weight."""

    text: str
    weight: float


@dataclass
class AxisResult:
    label: str | None
    probabilities: dict[str, float]
    evidence: list[Evidence] = field(default_factory=list)


# required before preferred before mentioned: which of a skill's mentions speaks for it
REQUIREMENT_RANK = {"required": 0, "preferred": 1, "mentioned": 2}


@dataclass
class SkillMention:
    """A skill found in a text, with character offsets and the sentence it came from."""

    id: str
    name: str
    category: str
    requirement: str  # required / preferred / mentioned
    start: int
    end: int
    text: str
    evidence: str
    # taxonomy ids the posting offers in its place in the same sentence ("XGBoost or LightGBM")
    alternatives: list[str] = field(default_factory=list)
    years: float | None = None  # the experience its sentence asks for ("3+ years of SQL"): the least


@dataclass
class Classification:
    """What a posting really is, from its duties."""

    in_scope: bool
    in_scope_probability: float
    work: AxisResult
    output: AxisResult
    needs_review: bool
    title_suggests: str | None
    title_mismatch: str | None
    model: str
    review_reasons: list[str] = field(default_factory=list)


@dataclass
class ProfileSkill:
    """A skill the user has, with the line that evidences it."""

    id: str
    name: str
    level: str | None = None
    years: float | None = None
    evidence: str | None = None


@dataclass
class Profile:
    """What the user knows: from a YAML profile or a resume."""

    source: str
    skills: list[ProfileSkill] = field(default_factory=list)
    name: str | None = None

    def ids(self) -> set[str]:
        return {s.id for s in self.skills}


@dataclass
class GapItem:
    """One skill of a posting, seen against the profile."""

    id: str
    name: str
    category: str
    requirement: str
    posting_evidence: str
    profile_evidence: str | None = None
    via: str | None = None  # the profile skill that transfers (has Airflow, asked for Dagster)
    centrality: float = 0.0
    resources: list[dict[str, str]] = field(default_factory=list)
    # an ask met by any one of several skills ("XGBoost or LightGBM"): their ids; empty for one skill
    one_of: list[str] = field(default_factory=list)
    years_asked: float | None = None  # "3+ years of SQL"
    years_have: float | None = None  # from the profile, when it says


@dataclass
class GapReport:
    """What a posting asks for that the profile has, lacks, or can transfer."""

    source: str
    title: str | None
    company: str | None
    cell: str | None
    required_total: int
    required_matched: int
    preferred_total: int
    preferred_matched: int
    matched: list[GapItem]
    transferable: list[GapItem]
    missing: list[GapItem]
    mentioned: list[GapItem]
    score: float | None
