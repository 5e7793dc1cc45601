"""Where to learn a missing skill: a small curated, editable file (official documentation first)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

RESOURCES_FILE = Path(__file__).resolve().parents[2] / "data" / "resources.yaml"


@lru_cache(maxsize=1)
def _table() -> dict[str, list[dict[str, str]]]:
    import yaml

    from rolefit.skills.taxonomy import load_taxonomy

    if not RESOURCES_FILE.exists():
        return {}
    data = yaml.safe_load(RESOURCES_FILE.read_text(encoding="utf-8")) or {}
    tax = load_taxonomy()
    out = {}
    for name, links in data.items():
        sk = tax.lookup(name)
        if sk:
            out[sk.id] = [dict(link) for link in links]
    return out


def resources_for(skill_id: str) -> list[dict[str, str]]:
    return _table().get(skill_id, [])
