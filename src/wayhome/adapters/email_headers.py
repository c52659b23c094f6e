"""The headers of a saved email (.eml or Outlook .msg) worth keeping as evidence.

Only what the message itself records: Wayhome makes no network look-ups (no DNS,
no DKIM verification); it keeps the receiving server's Authentication-Results.

An Outlook .msg is a compound file ([MS-OXMSG]). A received message carries the
original internet headers in one property, read like an .eml; a message that
never travelled (a draft, some saved copies) has only Outlook's own properties,
and the summary says so.
"""

from __future__ import annotations

import io
import struct
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser, Parser
from email.utils import format_datetime
from typing import Final

import olefile

from wayhome.core.common.bidi import neutral

FIELDS: Final = ("from", "to", "date", "subject", "message-id")
OUTLOOK: Final = "application/vnd.ms-outlook"

# [MS-OXPROPS] property ids kept when a .msg has no transport headers.
TRANSPORT_HEADERS: Final = 0x007D
MSG_PROPS: Final = {
    "subject": (0x0037,),
    "to": (0x0E04,),  # display To
    "message-id": (0x1035,),
}
SENDER_NAME: Final = 0x0C1A
SENDER_ADDRESS: Final = (0x5D01, 0x0C1F)  # SMTP address first, then whatever Outlook kept
TIMES: Final = (0x0E06, 0x0039)  # delivered, then submitted
PT_SYSTIME: Final = 0x0040
FILETIME_EPOCH: Final = datetime(1601, 1, 1, tzinfo=UTC)


def headers(data: bytes, media_type: str) -> dict[str, object]:
    if media_type == "message/rfc822":
        return _from_message(BytesParser(policy=policy.default).parsebytes(data, headersonly=True))
    if media_type == OUTLOOK:
        return _outlook(data)
    return {}


def _from_message(msg: EmailMessage) -> dict[str, object]:
    # Shown as recorded, less the controls that would reorder them (core/common/bidi.py).
    out: dict[str, object] = {f: neutral(str(msg[f])) for f in FIELDS if msg[f] is not None}
    results = [str(v) for v in msg.get_all("Authentication-Results") or []]
    if results:
        out["authentication_results"] = results
    if msg.get_all("DKIM-Signature"):
        out["dkim_signature_present"] = True
    return out


def _outlook(data: bytes) -> dict[str, object]:
    # olefile raises many kinds of error on a damaged or hostile file (OSError, struct.error,
    # IndexError, OverflowError...). The file is kept byte for byte whatever happens; only its
    # summary is lost, so any failure to read it ends here.
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            transport = _text(ole, TRANSPORT_HEADERS)
            if transport:
                found = _from_message(Parser(policy=policy.default).parsestr(transport, True))
                if found:
                    return found
            return _properties(ole)
    except Exception:
        return {"note": "this Outlook file could not be read; it is kept as it was"}


def _properties(ole: olefile.OleFileIO[str]) -> dict[str, object]:
    found: dict[str, str] = {}
    name = _text(ole, SENDER_NAME)
    address = next((a for a in (_text(ole, p) for p in SENDER_ADDRESS) if a), None)
    if name or address:
        found["from"] = f"{name} <{address}>" if name and address else (name or address or "")
    for field, ids in MSG_PROPS.items():
        value = next((v for v in (_text(ole, p) for p in ids) if v), None)
        if value:
            found[field] = value
    when = _time(ole)
    if when is not None:
        found["date"] = format_datetime(when)
    out: dict[str, object] = {f: neutral(found[f]) for f in FIELDS if f in found}
    out["note"] = (
        "Outlook kept no internet headers for this message (it may be a draft or a "
        "saved copy): no mail server checked the sender"
    )
    return out


def _text(ole: olefile.OleFileIO[str], prop: int) -> str | None:
    """A string property: UTF-16 (type 001F) or the 8-bit form (001E)."""
    for suffix, codec in (("001F", "utf-16-le"), ("001E", "cp1252")):
        stream = f"__substg1.0_{prop:04X}{suffix}"
        if ole.exists(stream):
            raw = ole.openstream(stream).read()
            return raw.decode(codec, errors="replace").rstrip("\x00").strip() or None
    return None


def _time(ole: olefile.OleFileIO[str]) -> datetime | None:
    """A date from the fixed-size property stream (32-byte header for a top-level message)."""
    if not ole.exists("__properties_version1.0"):
        return None
    raw = ole.openstream("__properties_version1.0").read()
    found: dict[int, int] = {}
    for offset in range(32, len(raw) - 15, 16):
        tag, _flags, value = struct.unpack_from("<IIQ", raw, offset)
        if tag & 0xFFFF == PT_SYSTIME:
            found[tag >> 16] = value
    for prop in TIMES:
        if found.get(prop):
            return FILETIME_EPOCH + timedelta(microseconds=found[prop] // 10)
    return None
