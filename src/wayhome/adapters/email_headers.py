"""The headers of a saved email (.eml or Outlook .msg) worth keeping as evidence.

Only what the message itself records: Wayhome makes no network look-ups (no DNS,
no DKIM verification); it keeps the receiving server's Authentication-Results.
"""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from typing import Final

FIELDS: Final = ("from", "to", "date", "subject", "message-id")


def headers(data: bytes, media_type: str) -> dict[str, object]:
    if media_type != "message/rfc822":
        return {}
    msg = BytesParser(policy=policy.default).parsebytes(data, headersonly=True)
    out: dict[str, object] = {f: str(msg[f]) for f in FIELDS if msg[f] is not None}
    results = [str(v) for v in msg.get_all("Authentication-Results") or []]
    if results:
        out["authentication_results"] = results
    dkim = [str(v)[:200] for v in msg.get_all("DKIM-Signature") or []]
    if dkim:
        out["dkim_signature_present"] = True
    return out
