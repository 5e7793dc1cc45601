"""Pages saved as one file by a browser ("Webpage, Single File": .mhtml/.mht).

Such a file is a MIME message: the page's HTML in one part (quoted-printable or base64, in
its own charset), its styles and images in others. The standard library's ``email`` parser
reads it; rolefit keeps the HTML part, which is the page as the browser rendered it.
"""

from __future__ import annotations

import re

from rolefit.errors import BadInput

_HEAD = re.compile(rb"^content-type:\s*multipart/related", re.I | re.M)


def is_mhtml(data: bytes) -> bool:
    """Whether ``data`` is a saved MHTML page (its MIME headers come first)."""
    head = data[:4096]
    end = head.find(b"\r\n\r\n") if b"\r\n\r\n" in head else head.find(b"\n\n")
    return bool(_HEAD.search(head[: end if end > 0 else len(head)]))


def mhtml_html(data: bytes, source: str) -> bytes:
    """The HTML of the page an MHTML file holds, as UTF-8 bytes."""
    import email
    from email import policy

    msg = email.message_from_bytes(data, policy=policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            body = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset:
                try:
                    return body.decode(charset, errors="replace").encode("utf-8")
                except LookupError:
                    pass  # an unknown charset name: let the page's own meta tag or detection decide
            return body
    raise BadInput(f"{source}: a saved web archive (MHTML) with no HTML page in it", "bad_input")
