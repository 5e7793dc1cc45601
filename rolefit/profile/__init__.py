"""User profiles: a YAML file of skills, or a resume (Markdown, text, PDF, DOCX) read by the extractor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rolefit.errors import BadInput, RolefitError
from rolefit.types import Profile, ProfileSkill

RESUME_SUFFIXES = {".md", ".markdown", ".txt", ".text", ".pdf", ".docx"}


def resume_text(path: Path) -> str:
    """The text of a resume; an error when there is none to read (a scanned PDF)."""
    path = Path(path)
    if not path.exists():
        raise BadInput(f"{path}: no such file", "missing")
    suffix = path.suffix.lower()
    if suffix in (".pdf", ".docx"):
        from rolefit.ingest.documents import document_text

        try:
            data = path.read_bytes()
        except OSError as e:
            raise BadInput(f"{path}: cannot read ({e.strerror or e})", "unreadable") from None
        if suffix == ".pdf" and not data.startswith(b"%PDF-"):
            raise BadInput(f"{path}: not a readable PDF (no PDF header)", "bad_input")
        if suffix == ".docx" and not data.startswith(b"PK"):
            raise BadInput(f"{path}: not a readable DOCX (not a zip package)", "bad_input")
        return document_text(data, str(path))
    from rolefit.ingest import read_page
    from rolefit.ingest.decode import decode

    text = decode(read_page(str(path)).data)[0]
    if len(text.split()) < 3:
        raise BadInput(
            f"{path}: no extractable text (a scanned PDF? export it with a text layer or use Markdown)", "no_text"
        )
    return text


def profile_from_resume(path: Path, extra: str | None = None) -> Profile:
    """Read a resume with the same extractor as postings; keep the line that evidences each skill,
    and its years: those of the dated jobs that name it (see ``profile.years``), or those a line
    states ("5+ years of Python"), the larger."""
    from rolefit.profile.years import skill_years
    from rolefit.skills.extract import extract_text, years_asked

    text = resume_text(path)
    mentions = extract_text(text, extra, posting=False)
    years = skill_years(text, mentions)
    seen: dict[str, ProfileSkill] = {}
    for m in mentions:
        # "5+ years of Python and SQL" says so outright; the larger of that and the dated jobs
        stated = years_asked(m.evidence)
        if stated is not None and stated > years.get(m.id, 0):
            years[m.id] = stated
    for m in mentions:
        if m.id.startswith("unlisted:") or m.id in seen:
            continue
        seen[m.id] = ProfileSkill(id=m.id, name=m.name, evidence=m.evidence, years=years.get(m.id))
    return Profile(source=str(path), skills=list(seen.values()))


def profile_from_yaml(path: Path, extra: str | None = None) -> Profile:
    """A YAML profile: ``skills:`` as a list of names or ``{name, level, years}`` mappings, or as
    one mapping of name to years (``Python: 3``) or to ``{level, years}``."""
    import yaml

    from rolefit.skills.taxonomy import load_taxonomy, slug

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise BadInput(f"{path}: not valid YAML ({str(e).splitlines()[0]})", "bad_input") from None
    skills = data.get("skills") if isinstance(data, dict) else None
    if isinstance(skills, dict):  # "Python: 3" or "Python: {level: advanced, years: 3}"
        skills = [{"name": k, **(v if isinstance(v, dict) else {"years": v})} for k, v in skills.items()]
    if not isinstance(skills, list):
        raise BadInput(f"{path}: a profile needs a `skills:` list (or a mapping of skill: years)", "bad_input")
    tax = load_taxonomy(extra)
    out: list[ProfileSkill] = []
    for entry in skills:
        if entry is None:
            continue
        if not isinstance(entry, str | dict):
            raise BadInput(f"{path}: a skill is a name or a {{name, level, years}} mapping, not {entry!r}", "bad_input")
        item: dict[str, Any] = {"name": entry} if isinstance(entry, str) else dict(entry)
        name = str(item.get("name") or "").strip()
        if not name:
            continue
        sk = tax.lookup(name)
        out.append(
            ProfileSkill(
                id=sk.id if sk else "unlisted:" + slug(name),
                name=sk.name if sk else name,
                level=_text(item.get("level")),
                years=_years(item.get("years"), path, name),
                evidence=_text(item.get("evidence")) or f"{path.name}: {name}",
            )
        )
    return Profile(source=str(path), skills=out, name=_text(data.get("name")))


def _text(value: Any) -> str | None:
    """A YAML value as the text the profile keeps (a list is its items joined)."""
    if value is None or value == "":
        return None
    return "; ".join(map(str, value)) if isinstance(value, list) else str(value)


def _years(value: Any, path: Path, name: str) -> float | None:
    """A profile's years for a skill: a number, or text that starts with one ("3+", "2.5 years")."""
    import re

    if value is None or value == "":
        return None
    m = re.match(r"^\s*(\d+(?:\.\d+)?)", str(value))
    if isinstance(value, bool) or not m:
        raise BadInput(f'{path}: {name}: years must be a number such as 3 or "3+", not {value!r}', "bad_input")
    return float(m.group(1))


def load_profile(path: str | Path, extra: str | None = None) -> Profile:
    """A profile from YAML, or from a resume in any supported format."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        if not path.exists():
            raise BadInput(f"{path}: no such file", "missing")
        return profile_from_yaml(path, extra)
    if suffix in RESUME_SUFFIXES:
        return profile_from_resume(path, extra)
    raise RolefitError(f"{path}: use a .yaml profile or a resume in .md, .txt, .pdf or .docx", "bad_input")


def profile_to_yaml(profile: Profile) -> str:
    """The profile as YAML a person can edit (levels and years left for them to fill)."""
    import yaml

    skills = [{"name": s.name, "level": s.level, "years": s.years, "evidence": s.evidence} for s in profile.skills]
    return yaml.safe_dump({"name": profile.name, "skills": skills}, sort_keys=False, allow_unicode=True, width=120)
