"""The skills taxonomy: load it, extend it with a user's file, look names up."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rolefit.errors import RolefitError

TAXONOMY_DIR = Path(__file__).resolve().parents[2] / "data" / "taxonomy"
TAXONOMY_FILE = TAXONOMY_DIR / "skills.jsonl"
CATEGORIES = (
    "language",
    "library",
    "framework",
    "platform",
    "cloud",
    "database",
    "tool",
    "method",
    "domain",
    "soft_skill",
    "spoken_language",
    "degree",
    "technology",
)


def slug(name: str) -> str:
    s = name.lower().replace("c++", "cpp").replace("c#", "csharp").replace("&", " and ").replace("+", " plus ")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "x"


def norm_key(name: str) -> str:
    """The key two spellings of one skill share: "Node.js", "nodejs", "node-js" -> "nodejs"."""
    s = name.lower().strip()
    s = s.replace("c++", "cpp").replace("c#", "csharp").replace(".net", "dotnet")
    return re.sub(r"[\s\-_.]+", "", s)


@dataclass
class Skill:
    id: str
    name: str
    category: str
    aliases: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    hot: bool = False


@dataclass
class Ambiguity:
    """Rules for a name that is also an ordinary word: exact case and/or a context word nearby."""

    case: str | None = None
    context: tuple[str, ...] = ()
    context_for: tuple[str, ...] = ()  # only these surface forms need the context
    case_for: dict[str, str] = field(default_factory=dict)  # surface form -> required spelling


class Taxonomy:
    def __init__(self, skills: list[Skill], ambiguous: dict[str, Ambiguity] | None = None):
        self.skills = {s.id: s for s in skills}
        self.ambiguous = ambiguous or {}
        self._by_key: dict[str, str] = {}
        for s in skills:
            for name in (s.name, *s.aliases):
                self._by_key.setdefault(norm_key(name), s.id)

    def __len__(self) -> int:
        return len(self.skills)

    def lookup(self, name: str) -> Skill | None:
        """The skill a name or alias stands for (``k8s`` -> Kubernetes)."""
        sid = self._by_key.get(norm_key(name))
        return self.skills.get(sid) if sid else None

    def surface_forms(self):
        """(form, skill id) for every name and alias."""
        for s in self.skills.values():
            for form in dict.fromkeys((s.name, *s.aliases)):
                yield form, s.id

    def extend(self, other: list[Skill]) -> None:
        for s in other:
            existing = self.lookup(s.name)
            if existing:
                existing.aliases = list(dict.fromkeys(existing.aliases + s.aliases))
                if s.category:
                    existing.category = s.category
                target = existing
            else:
                self.skills[s.id] = s
                target = s
            for name in (target.name, *target.aliases):
                self._by_key[norm_key(name)] = target.id


def _read_jsonl(path: Path) -> list[Skill]:
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(Skill(**json.loads(line)))
            except (ValueError, TypeError) as e:
                raise RolefitError(f"{path}:{i}: not a skill entry ({e})", "bad_taxonomy") from None
    return out


def read_user_skills(path: Path) -> list[Skill]:
    """A user's extension file: the same ``skills:`` YAML as curation.yaml, or JSON Lines."""
    path = Path(path)
    if not path.exists():
        raise RolefitError(f"{path}: no such taxonomy file", "missing")
    if path.suffix in (".jsonl", ".json"):
        return _read_jsonl(path)
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for entry in data.get("skills", []):
        if not isinstance(entry, dict) or not entry.get("name"):
            raise RolefitError(f"{path}: every skill needs a name", "bad_taxonomy")
        out.append(
            Skill(
                id=slug(entry["name"]),
                name=entry["name"],
                category=entry.get("category", "technology"),
                aliases=[str(a) for a in entry.get("aliases", [])],
                sources=["user"],
            )
        )
    return out


@lru_cache(maxsize=4)
def load_taxonomy(extra: str | None = None) -> Taxonomy:
    """The built taxonomy (``data/taxonomy/skills.jsonl``) plus its ambiguity rules, plus a user file."""
    if not TAXONOMY_FILE.exists():
        raise RolefitError(f"{TAXONOMY_FILE} is missing: run `rolefit taxonomy build`", "no_taxonomy")
    skills = _read_jsonl(TAXONOMY_FILE)
    amb_path = TAXONOMY_DIR / "ambiguous.json"
    ambiguous = {}
    if amb_path.exists():
        for sid, rule in json.loads(amb_path.read_text()).items():
            ambiguous[sid] = Ambiguity(
                case=rule.get("case"),
                context=tuple(rule.get("context", ())),
                context_for=tuple(rule.get("context_for", ())),
                case_for=dict(rule.get("case_for", {})),
            )
    tax = Taxonomy(skills, ambiguous)
    if extra:
        tax.extend(read_user_skills(Path(extra)))
    return tax
