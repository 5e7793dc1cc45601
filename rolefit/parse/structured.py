"""Structured data in a page: JSON-LD, microdata, OpenGraph/meta and embedded app state.

Everything here is read leniently: real pages ship JSON-LD with raw control
characters, trailing commas, HTML-escaped bodies and several blocks at once.
"""

from __future__ import annotations

import ast
import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser

_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def loads_lenient(text: str) -> Any:
    """Parse JSON that may be slightly broken; ``None`` if it cannot be read."""
    text = text.strip()
    if not text:
        return None
    if text.startswith("<!--"):
        text = text[4:].rsplit("-->", 1)[0]
    for attempt in (
        lambda t: json.loads(t, strict=False),
        lambda t: json.loads(_TRAILING_COMMA.sub(r"\1", _CTRL.sub(" ", t)), strict=False),
        lambda t: json.loads(_TRAILING_COMMA.sub(r"\1", _CTRL.sub(" ", html.unescape(t))), strict=False),
    ):
        try:
            return attempt(text)
        except (ValueError, RecursionError):
            continue
    # A JSON object followed by junk (e.g. two blocks glued together)
    try:
        obj, _ = json.JSONDecoder(strict=False).raw_decode(_TRAILING_COMMA.sub(r"\1", _CTRL.sub(" ", text)))
        return obj
    except (ValueError, RecursionError):
        return None


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.split("/")[-1]}
    if isinstance(t, list):
        return {str(x).split("/")[-1] for x in t}
    return set()


def iter_objects(data: Any, depth: int = 0):
    """Every dict inside a JSON-LD value (lists, ``@graph``, nesting)."""
    if depth > 12:
        return
    if isinstance(data, dict):
        yield data
        for v in data.values():
            if isinstance(v, (dict, list)):
                yield from iter_objects(v, depth + 1)
    elif isinstance(data, list):
        for v in data:
            yield from iter_objects(v, depth + 1)


@dataclass
class StructuredData:
    jobpostings: list[dict] = field(default_factory=list)
    other_types: set[str] = field(default_factory=set)
    item_list_count: int = 0
    meta: dict[str, str] = field(default_factory=dict)
    microdata: dict[str, Any] | None = None
    embedded_job: dict[str, Any] | None = None
    embedded_source: str | None = None


def read_jsonld(tree: LexborHTMLParser, sd: StructuredData) -> None:
    for node in tree.css('script[type*="ld+json" i]'):
        data = loads_lenient(node.text(deep=True) or "")
        if data is None:
            continue
        for obj in iter_objects(data):
            types = _types(obj)
            if "JobPosting" in types:
                sd.jobpostings.append(obj)
            else:
                sd.other_types |= types
                if "ItemList" in types:
                    items = obj.get("itemListElement")
                    if isinstance(items, list):
                        sd.item_list_count = max(sd.item_list_count, len(items))


def read_meta(tree: LexborHTMLParser, sd: StructuredData) -> None:
    for node in tree.css("meta"):
        a = node.attributes
        key = a.get("property") or a.get("name") or a.get("itemprop")
        val = a.get("content")
        if key and val and val.strip():
            key = key.strip().lower()
            sd.meta.setdefault(key, html.unescape(val.strip()))
    link = tree.css_first('link[rel="canonical"]')
    if link and link.attributes.get("href"):
        sd.meta.setdefault("canonical", link.attributes["href"])
    html_node = tree.css_first("html")
    if html_node and html_node.attributes.get("lang"):
        sd.meta.setdefault("html:lang", html_node.attributes["lang"] or "")


def read_microdata(tree: LexborHTMLParser, sd: StructuredData) -> None:
    scope = tree.css_first('[itemtype*="JobPosting"]')
    if scope is None:
        return
    props: dict[str, Any] = {}
    for node in scope.css("[itemprop]"):
        name = node.attributes.get("itemprop")
        if not name or name in props:
            continue
        a = node.attributes
        if name == "description":
            props[name] = node.html
        else:
            props[name] = a.get("content") or a.get("datetime") or node.text(strip=True)
    sd.microdata = props


# Script-rendered pages keep their data in a JSON blob; these are the usual homes.
_STATE_ASSIGN = re.compile(r"window\.(__\w+|_\w+|[A-Z][A-Z_]{3,})\s*=\s*(?=[{\[])")
_JOB_TITLE_KEYS = ("title", "jobTitle", "job_title", "name", "positionName", "postingTitle")
_JOB_DESC_KEYS = (
    "description",
    "jobDescription",
    "jobDescriptionHtml",
    "descriptionHtml",
    "content",
    "descriptionPlain",
    "job_description",
    "jobPostingDescription",
    "body",
)


def _job_score(obj: dict) -> int:
    title = next((obj[k] for k in _JOB_TITLE_KEYS if isinstance(obj.get(k), str)), None)
    if not title or len(title) > 200:
        return 0
    desc = next((obj[k] for k in _JOB_DESC_KEYS if obj.get(k)), None)
    if desc is None:
        return 0
    size = len(desc) if isinstance(desc, str) else len(json.dumps(desc, default=str))
    if size < 300:
        return 0
    score = size
    for k in obj:
        kl = k.lower()
        if any(w in kl for w in ("location", "employ", "salary", "compensation", "department", "company", "posted")):
            score += 2000
    return score


def _unstringify(v: Any) -> Any:
    """Some sites stringify nested values (even as Python reprs); undo it."""
    if isinstance(v, str) and v[:1] in "[{" and v[-1:] in "]}":
        parsed = loads_lenient(v)
        if parsed is None:
            try:
                parsed = ast.literal_eval(v)
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                return v
        return parsed
    return v


def read_embedded_state(tree: LexborHTMLParser, sd: StructuredData, raw: str) -> None:
    blobs: list[tuple[str, Any]] = []
    node = tree.css_first("script#__NEXT_DATA__")
    if node is not None:
        blobs.append(("__NEXT_DATA__", loads_lenient(node.text(deep=True) or "")))
    for node in tree.css('script[type="application/json"]'):
        text = node.text(deep=True) or ""
        if 300 < len(text) and node.attributes.get("id") != "__NEXT_DATA__":
            blobs.append((node.attributes.get("id") or "application/json", loads_lenient(text)))
    for m in _STATE_ASSIGN.finditer(raw):
        try:
            obj, _ = json.JSONDecoder(strict=False).raw_decode(raw, m.end())
        except (ValueError, RecursionError):
            continue
        blobs.append((m.group(1), obj))
    best, best_score, best_src = None, 0, None
    for src, blob in blobs:
        if blob is None:
            continue
        for obj in iter_objects(blob):
            s = _job_score(obj)
            if s > best_score:
                best, best_score, best_src = obj, s, src
    if best is not None:
        sd.embedded_job = {k: _unstringify(v) for k, v in best.items()}
        sd.embedded_source = best_src


def read_structured(tree: LexborHTMLParser, raw: str) -> StructuredData:
    sd = StructuredData()
    read_jsonld(tree, sd)
    read_meta(tree, sd)
    read_microdata(tree, sd)
    if not sd.jobpostings:
        read_embedded_state(tree, sd, raw)
    return sd


def rich_text_to_html(doc: Any) -> str:
    """Render a rich-text JSON document (Contentful/ProseMirror style) as HTML."""
    out: list[str] = []

    def walk(n: Any, depth: int = 0) -> None:
        if depth > 50:
            return
        if isinstance(n, list):
            for c in n:
                walk(c, depth + 1)
            return
        if not isinstance(n, dict):
            return
        t = str(n.get("nodeType") or n.get("type") or "")
        if t == "text":
            out.append(html.escape(str(n.get("value") or n.get("text") or "")))
            return
        tag = {
            "paragraph": "p",
            "list-item": "li",
            "listItem": "li",
            "unordered-list": "ul",
            "bulletList": "ul",
            "ordered-list": "ol",
            "orderedList": "ol",
        }.get(t)
        if t.startswith("heading"):
            level = t.rsplit("-", 1)[-1] if "-" in t else str((n.get("attrs") or {}).get("level", 2))
            tag = "h" + (level if level.isdigit() and 1 <= int(level) <= 6 else "2")
        if tag:
            out.append(f"<{tag}>")
        walk(n.get("content"), depth + 1)
        if tag:
            out.append(f"</{tag}>")

    walk(doc)
    return "".join(out)
