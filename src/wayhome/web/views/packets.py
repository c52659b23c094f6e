"""A target's packet: its documents picked, downloaded as a zip with its index PDF, and
marked sent on a day; the packets sent, with what each held; and the evidence bundle of
every stored file."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from wayhome.services import consistency as consistency_service
from wayhome.services import packets, vault_access
from wayhome.services.source import from_store
from wayhome.web import ownership
from wayhome.web.forms.documents import PACKET_ACTIONS, BundleForm
from wayhome.web.views.common import act, download, posted, session, today, user


@require_http_methods(["GET", "HEAD", "POST"])
def packets_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Build a target's packet and mark it sent, or the evidence bundle of every file."""
    ownership.profile(request, pk)
    owner = user(request)
    codes = [c for c in from_store(owner).profile.targets if c != "US"]
    code = request.GET.get("country", codes[0] if codes else "")
    if request.method == "POST":
        form = posted(request, PACKET_ACTIONS, "packet")
        if act(request, form) and isinstance(form, BundleForm) and form.zipped:
            return download(form.zipped, "application/zip", form.filename)
        code = request.POST.get("country", code)
        query = urlencode({"country": code}) if code else ""
        return redirect(f"{reverse('wayhome:packets', kwargs={'pk': pk})}?{query}#packet")
    shown = packets.Contents([], [])
    if code:
        try:
            shown = packets.contents(owner, code, today())
        except packets.PacketError as e:
            messages.error(request, str(e))
    names = packets.target_labels()
    checked = consistency_service.checked(owner)
    return render(
        request,
        "wayhome/packets.html",
        {
            "pk": pk,
            "codes": [(c, names.get(c, c)) for c in codes],
            "code": code,
            "label": names.get(code, code),
            "items": shown.items,
            "no_file": shown.without_file,
            "none_listed": shown.none_listed,
            "sent": packets.sent_packets(owner),
            "checked": checked,
            "found": checked.found,
            "unlocked": vault_access.is_open(owner, session(request)),
            "vault_set_up": vault_access.is_set_up(),
        },
    )
