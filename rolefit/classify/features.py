"""What the model reads: the duties and the rest of the posting, title-blinded.

Boilerplate (company description, benefits, equal-opportunity text) is left
out, as the codebook says; the duties (``responsibilities`` sections) are
also given to the model on their own so that it can weigh them above
requirements lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rolefit.classify.blind import blind
from rolefit.types import Posting, Section

_BOILERPLATE = {"about", "benefits"}
_SENT_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(])|\n+")


@dataclass
class ModelText:
    body: str  # everything but boilerplate, blinded
    duties: str  # responsibilities sections, blinded (body if there are none)
    raw_body: str = ""  # the same text before blinding, for showing evidence
    title: str | None = None


def sections_of_text(description: str) -> list[Section]:
    """Sections of a plain-text description (exports, corpus rows)."""
    from rolefit.parse.blocks import text_to_blocks
    from rolefit.parse.sections import build_sections

    return build_sections(text_to_blocks(description))[1]


def model_text(title: str | None, sections: list[Section], description: str = "") -> ModelText:
    """Blinded body and duties from a posting's sections."""
    body_parts = [s.text for s in sections if s.kind not in _BOILERPLATE]
    duty_parts = [s.text for s in sections if s.kind == "responsibilities"]
    body = "\n".join(body_parts) or description
    duties = "\n".join(duty_parts) or body
    # headings carry cue words too ("Responsibilities" is not evidence of anything)
    return ModelText(body=blind(body, title), duties=blind(duties, title), raw_body=body, title=title)


def posting_text(posting: Posting) -> ModelText:
    return model_text(posting.title, posting.sections, posting.description)


def sentences(text: str) -> list[str]:
    """Sentences and bullet lines, for evidence."""
    out = []
    for s in _SENT_SPLIT.split(text):
        s = s.strip(" -•\t")
        if len(s.split()) >= 4:
            out.append(s)
    return out
