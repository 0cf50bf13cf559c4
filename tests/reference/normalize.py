"""The Python the cleaning's e-mail addresses were found with before the compiled core found
them (native/src/cleaning.rs): the oracle the core is held to. Nothing in the package imports it.
"""

from __future__ import annotations

import re

__all__ = ["blank_mail_addresses"]

_MAIL_USER = re.compile(r"[\w.+-]{1,64}\Z")
_MAIL_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)+")


def blank_mail_addresses(text: str) -> str:
    """Blank ``user@host.tld``, found from each "@"."""
    chunks, pos = [], 0
    at = text.find("@")
    while at != -1:
        user = _MAIL_USER.search(text, max(pos, at - 64), at)
        host = _MAIL_HOST.match(text, at + 1)
        if user and host:
            chunks.append(text[pos:user.start()])
            chunks.append(" " * (host.end() - user.start()))
            pos = host.end()
        at = text.find("@", max(at + 1, pos))
    if not chunks:
        return text
    chunks.append(text[pos:])
    return "".join(chunks)
