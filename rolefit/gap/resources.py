"""Where to learn a missing skill: a small curated, editable file (official documentation first).

``data/resources.yaml`` maps a skill (any name or alias) to links ``{title, url}``. A user's own
file in the same form (``rolefit gap --resources FILE``) comes first, the shipped links after it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rolefit.errors import BadInput

RESOURCES_FILE = Path(__file__).resolve().parents[2] / "data" / "resources.yaml"


def _read(path: Path, strict: bool) -> dict[str, list[dict[str, str]]]:
    """Skill id -> links; ``strict`` (a user's file) makes a name the taxonomy lacks an error."""
    import yaml

    from rolefit.skills.taxonomy import load_taxonomy

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise BadInput(f"{path}: not a readable resources file ({str(e).splitlines()[0]})", "bad_input") from None
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise BadInput(f"{path}: a resources file maps each skill to a list of {{title, url}} links", "bad_input")
    tax = load_taxonomy()
    out, unknown = {}, []
    for name, links in data.items():
        sk = tax.lookup(str(name))
        if sk is None:
            unknown.append(str(name))
            continue
        out[sk.id] = [{"title": str(link.get("title", "")), "url": str(link.get("url", ""))} for link in links]
    if strict and unknown:
        raise BadInput(f"{path}: skills the taxonomy does not know: {', '.join(unknown)}", "bad_input")
    return out


@lru_cache(maxsize=4)
def _table(extra: str | None, _stamp: tuple[int, int] | None = None) -> dict[str, list[dict[str, str]]]:
    """The merged links; ``_stamp`` (the user file's mtime and size) renews the cache on an edit."""
    table = _read(RESOURCES_FILE, strict=False) if RESOURCES_FILE.exists() else {}
    if extra:
        for sid, links in _read(Path(extra), strict=True).items():
            urls = {link["url"] for link in links}
            table[sid] = links + [link for link in table.get(sid, []) if link["url"] not in urls]
    return table


def check_user_resources(extra: str) -> None:
    """Read a user's resources file now, so that a bad one is one error before any posting."""
    _table(extra, _stamp(extra))


def resources_for(skill_id: str, extra: str | None = None) -> list[dict[str, str]]:
    """Links to learn a skill: the user's ``extra`` file first, then the shipped ones."""
    return _table(extra, _stamp(extra) if extra else None).get(skill_id, [])


def _stamp(extra: str) -> tuple[int, int]:
    try:
        st = Path(extra).stat()
    except OSError:
        raise BadInput(f"{extra}: no such file", "missing") from None
    return st.st_mtime_ns, st.st_size
