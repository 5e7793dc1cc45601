"""Errors and refusals as values with a kind and a one-line message.

``cli.py`` is the only place that turns them into exit codes.
"""

from __future__ import annotations

# kinds of refusal for a page that is not a single job posting
NOT_POSTING_KINDS = (
    "search_results",
    "careers_index",
    "login_wall",
    "bot_challenge",
    "expired",
    "other",
)


class RolefitError(Exception):
    """An expected failure: bad input, unreadable file, missing model..."""

    exit_code = 1

    def __init__(self, message: str, kind: str = "error"):
        super().__init__(message)
        self.kind = kind
        self.message = message

    def __str__(self) -> str:
        return self.message


class BadInput(RolefitError):
    """The input cannot be read as a posting at all (empty, binary, too big...)."""

    exit_code = 2

    def __init__(self, message: str, kind: str = "bad_input"):
        super().__init__(message, kind)


class NotAPosting(RolefitError):
    """The page is readable but is not one job posting."""

    exit_code = 2

    def __init__(self, kind: str, detail: str = ""):
        label = kind.replace("_", " ")
        msg = f"not a job posting: {label}" + (f" ({detail})" if detail else "")
        super().__init__(msg, kind)
        self.detail = detail
