from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"


def golden_pages() -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(PAGES.glob("*.golden.json"))]


def page_bytes(name: str) -> bytes:
    return gzip.decompress((PAGES / f"{name}.gz").read_bytes())


@pytest.fixture
def tmp_page(tmp_path):
    def make(name: str, data: bytes | str) -> Path:
        p = tmp_path / name
        p.write_bytes(data.encode() if isinstance(data, str) else data)
        return p

    return make
