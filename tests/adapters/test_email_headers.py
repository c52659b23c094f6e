"""What Wayhome keeps from a saved email: .eml and Outlook .msg alike."""

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.cfb import compound_file, outlook_message
from wayhome.adapters.email_headers import OUTLOOK, headers
from wayhome.adapters.vault.sniff import sniff

TRANSPORT = (
    "Received: from mail.council.example by mx.example.org; Tue, 3 Nov 2026 09:12:05 +0000\r\n"
    "From: Registration Office <registration@council.example>\r\n"
    "To: sam@example.org\r\nSubject: Re: conversion exam window\r\n"
    "Date: Tue, 3 Nov 2026 09:12:00 +0000\r\nMessage-ID: <abc123@council.example>\r\n"
    "Authentication-Results: mx.example.org; dkim=pass header.d=council.example\r\n"
    "DKIM-Signature: v=1; a=rsa-sha256; d=council.example; s=sel; b=abc\r\n\r\n"
)


def _filetime(when: datetime) -> int:
    return int((when - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10_000_000)


def test_an_eml_keeps_sender_subject_and_the_servers_verdict():
    found = headers(TRANSPORT.encode() + b"Body\r\n", "message/rfc822")
    assert found["from"] == "Registration Office <registration@council.example>"
    assert found["authentication_results"] == ["mx.example.org; dkim=pass header.d=council.example"]
    assert found["dkim_signature_present"] is True


def test_a_received_msg_reads_its_internet_headers_like_an_eml():
    # Subject property differs on purpose: the transport headers are what the server saw.
    data = outlook_message({0x0037: "edited in Outlook", 0x007D: TRANSPORT})
    assert sniff(data).media_type == OUTLOOK
    found = headers(data, OUTLOOK)
    assert found == headers(TRANSPORT.encode(), "message/rfc822")
    assert found["subject"] == "Re: conversion exam window"


def test_long_headers_outside_the_mini_stream_are_read_too():
    long = TRANSPORT.replace("\r\n\r\n", "\r\n" + "X-Padding: " + "a" * 3000 + "\r\n\r\n")
    found = headers(outlook_message({0x007D: long}), OUTLOOK)
    assert found["message-id"] == "<abc123@council.example>"


def test_a_msg_without_internet_headers_falls_back_to_outlooks_own_fields():
    sent = datetime(2026, 11, 3, 9, 12, tzinfo=UTC)
    data = outlook_message(
        {
            0x0C1A: "Registration Office",
            0x5D01: "registration@council.example",
            0x0037: "Re: conversion exam window — 12 years",
            0x0E04: "Dr Sam Example",
        },
        times={0x0039: _filetime(sent)},
    )
    found = headers(data, OUTLOOK)
    assert found["from"] == "Registration Office <registration@council.example>"
    assert found["subject"] == "Re: conversion exam window — 12 years"
    assert found["to"] == "Dr Sam Example"
    assert found["date"] == "Tue, 03 Nov 2026 09:12:00 +0000"
    assert "no mail server checked the sender" in str(found["note"])
    assert "authentication_results" not in found


def test_the_delivery_time_wins_over_the_submit_time():
    data = outlook_message(
        {0x0037: "x"},
        times={
            0x0039: _filetime(datetime(2026, 11, 3, 9, 0, tzinfo=UTC)),
            0x0E06: _filetime(datetime(2026, 11, 3, 9, 5, tzinfo=UTC)),
        },
    )
    assert headers(data, OUTLOOK)["date"] == "Tue, 03 Nov 2026 09:05:00 +0000"


def test_a_damaged_msg_is_described_not_fatal():
    data = outlook_message({0x0037: "x"})
    found = headers(data[:700], OUTLOOK)  # cut mid-file
    assert found == {"note": "this Outlook file could not be read; it is kept as it was"}


def test_other_compound_files_give_no_email_fields():
    data = compound_file({"WordDocument": b"\x00" * 100})
    assert sniff(data).label == "office"
    assert headers(data, "application/x-ole-storage") == {}
    found = headers(data, OUTLOOK)  # even if mislabelled: nothing invented
    assert set(found) == {"note"}


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000), st.integers(min_value=0, max_value=2000))
def test_no_corrupted_msg_raises(junk, at):
    data = bytearray(outlook_message({0x0037: "subject", 0x007D: TRANSPORT}))
    at = min(at, len(data))
    data[at : at + len(junk)] = junk
    found = headers(bytes(data), OUTLOOK)
    assert isinstance(found, dict)
