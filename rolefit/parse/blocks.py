"""HTML to a flat list of text blocks (headings, paragraphs, bullets).

Keeping blocks rather than one string lets the section analyser see headings
that pages mark up in many ways: ``<h2>``, a bold-only paragraph, a short
line ending with a colon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

SKIP_TAGS = frozenset(
    "script style noscript template svg head iframe object embed canvas button select "
    "option textarea input form nav footer -comment".split()
)
BLOCK_TAGS = frozenset(
    "p div section article main aside header ul ol li dl dt dd table tbody thead tr td th "
    "h1 h2 h3 h4 h5 h6 blockquote pre address figure figcaption hr center details summary".split()
)
HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BOLD_TAGS = frozenset({"b", "strong"})
_WS = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BULLET_CHARS = "•·●▪■◦‣-–—*✓✔➢►→"
_LEADING_BULLET = re.compile(r"^\s*[" + re.escape(_BULLET_CHARS) + r"]\s+")


@dataclass
class Block:
    kind: str  # "h" heading, "li" bullet, "p" paragraph
    text: str
    level: int = 0  # heading level (1-6; 7 for pseudo-headings)


def clean_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def looks_like_heading(text: str) -> bool:
    """A short line that reads as a label rather than a sentence."""
    words = text.split()
    if not words or len(words) > 10 or len(text) > 80:
        return False
    if text.endswith(":"):
        return True
    if text[-1] in ".!?;," or text.startswith(("http", "www.")):
        return False
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(letters) > 3


def _non_space(text: str) -> int:
    return len("".join(text.split()))  # in C: this runs on every text node of big pages


def html_to_blocks(root: LexborNode | str) -> list[Block]:
    """Walk the DOM iteratively (pages can nest thousands deep) and emit blocks."""
    if isinstance(root, str):
        tree = LexborHTMLParser(root)
        root = tree.body or tree.root
        if root is None:
            return []
    blocks: list[Block] = []
    buf: list[str] = []
    bold_chars = 0
    # context stack entries: (kind, level) of the nearest block ancestor
    ctx: list[tuple[str, int]] = [("p", 0)]
    bold_depth = 0
    bold_starts: list[int] = []

    def flush() -> None:
        nonlocal buf, bold_chars
        text = clean_ws("".join(buf))
        if text:
            kind, level = ctx[-1]
            plain = _non_space(text)
            if kind == "p" and _LEADING_BULLET.match(text):
                kind, text = "li", _LEADING_BULLET.sub("", text)
            if kind != "h" and plain and bold_chars >= 0.9 * plain and looks_like_heading_bold(text):
                kind, level = "h", 7
            elif kind == "p" and looks_like_heading(text):
                kind, level = "h", 8
            blocks.append(Block(kind, text, level))
        buf = []
        bold_chars = 0

    # stack of (node, entering)
    stack: list[tuple[LexborNode, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        tag = node.tag
        if entering:
            if tag == "-text":
                t = node.text_content or ""
                buf.append(t)
                if bold_depth:
                    bold_chars += _non_space(t)
                continue
            if tag in SKIP_TAGS or tag is None:
                continue
            if tag == "br":
                if bold_depth and bold_starts and bold_starts[-1] > 0:
                    # "text.<b>Label:<br>" — the label is a heading of its own
                    start = bold_starts[-1]
                    rest = buf[start:]
                    buf = buf[:start]
                    flush()
                    buf = rest
                    bold_chars = sum(1 for c in "".join(rest) if not c.isspace())
                    bold_starts[-1] = 0
                flush()
                continue
            if tag in BLOCK_TAGS:
                flush()
                if tag in HEADING_TAGS:
                    ctx.append(("h", HEADING_TAGS[tag]))
                elif tag == "li":
                    ctx.append(("li", 0))
                elif tag in ("dt", "summary"):
                    ctx.append(("h", 7))
                else:
                    ctx.append((ctx[-1][0] if ctx[-1][0] == "li" and tag in ("p", "div") else "p", 0))
            elif tag in BOLD_TAGS:
                bold_depth += 1
                bold_starts.append(len(buf))
            stack.append((node, False))
            children = list(node.iter(include_text=True))
            for child in reversed(children):
                stack.append((child, True))
        else:
            if tag in BLOCK_TAGS:
                flush()
                ctx.pop()
            elif tag in BOLD_TAGS:
                bold_depth -= 1
                start = bold_starts.pop() if bold_starts else 0
                label = clean_ws("".join(buf[start:]))
                before = clean_ws("".join(buf[:start]))
                # "...text.<b>Requirements:</b><ul>" — a label glued to the paragraph before a list
                if before and label.endswith(":") and looks_like_heading_bold(label) and _next_is_block(node):
                    tail = buf[start:]
                    buf = buf[:start]
                    bold_chars = 0
                    flush()
                    blocks.append(Block("h", label, 7))
                    del tail
            elif tag in ("td", "th"):
                buf.append(" ")
    flush()
    return blocks


def _next_is_block(node: LexborNode) -> bool:
    nxt = node.next
    while nxt is not None and nxt.tag == "-text" and not (nxt.text_content or "").strip():
        nxt = nxt.next
    return nxt is None or nxt.tag in BLOCK_TAGS or nxt.tag == "br"


def looks_like_heading_bold(text: str) -> bool:
    """Bold-only lines are headings when short and not a full sentence (questions are fine)."""
    words = text.split()
    return 0 < len(words) <= 12 and len(text) <= 90 and text[-1] not in ".!;,"


def blocks_to_text(blocks: list[Block]) -> str:
    """Render blocks as clean text: headings on their own line, bullets as ``- ``."""
    lines: list[str] = []
    prev = None
    for b in blocks:
        if b.kind == "h":
            if lines:
                lines.append("")
            lines.append(b.text)
        elif b.kind == "li":
            if prev == "p":
                lines.append("")
            lines.append("- " + b.text)
        else:
            if lines and prev != "h":
                lines.append("")
            lines.append(b.text)
        prev = b.kind
    return "\n".join(lines).strip()


_MD_BULLET = re.compile(r"^(?:[-*+•·●▪◦‣–]|\d{1,2}[.)])\s+(.*)$")


def _plain_heading(line: str, prev_blank: bool, next_line: str | None) -> bool:
    """A short label line in plain text: followed by a list, named like a part of a posting, or set apart."""
    words = line.split()
    if not words or len(words) > 8 or len(line) > 70 or line[-1] in ".,;" or line[0].islower():
        return False
    if next_line is not None and _MD_BULLET.match(next_line):
        return True
    from rolefit.parse.sections import heading_kind

    if heading_kind(line) is not None and len(words) <= 6:
        return True
    return prev_blank and (next_line is None or next_line == "")


def text_to_blocks(text: str) -> list[Block]:
    """Plain text or Markdown to blocks (headings: ``#``, underlines, bold lines, short label lines)."""
    blocks: list[Block] = []
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    for i, line in enumerate(lines):
        if not line:
            continue
        if re.fullmatch(r"[=\-_*]{3,}", line):
            # setext underline: the previous paragraph was a heading
            if blocks and blocks[-1].kind == "p" and set(line) <= {"=", "-"}:
                blocks[-1] = Block("h", blocks[-1].text, 1 if line[0] == "=" else 2)
            continue
        m = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", line)
        if m:
            blocks.append(Block("h", clean_ws(m.group(2).strip("*_ ")), len(m.group(1))))
            continue
        m = _MD_BULLET.match(line)
        if m:
            blocks.append(Block("li", clean_ws(_strip_md(m.group(1)))))
            continue
        clean = clean_ws(_strip_md(line))
        bold_line = re.fullmatch(r"(\*\*|__)(.+?)\1:?", line)
        nxt = next((ln for ln in lines[i + 1 : i + 3] if ln), None) if i + 1 < len(lines) else None
        direct_next = lines[i + 1] if i + 1 < len(lines) else None
        prev_blank = i == 0 or lines[i - 1] == ""
        if bold_line and looks_like_heading_bold(clean):
            blocks.append(Block("h", clean.rstrip(":") + (":" if line.endswith(":") else ""), 7))
        elif looks_like_heading(clean) or (
            blocks
            and _plain_heading(
                clean, prev_blank, nxt if direct_next == "" and nxt and _MD_BULLET.match(nxt) else direct_next
            )
        ):
            blocks.append(Block("h", clean, 8))
        else:
            blocks.append(Block("p", clean))
    return blocks


def _strip_md(s: str) -> str:
    s = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", s)
    s = re.sub(r"(\*\*|__)(.+?)\1", r"\2", s)
    s = re.sub(r"(?<!\w)[*_](\S.*?\S|\S)[*_](?!\w)", r"\1", s)
    return s.replace("`", "")
