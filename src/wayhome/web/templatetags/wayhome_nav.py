"""The header's navigation: seven groups (Plan, Targets, Documents, CV, Money & visa,
Scenarios, Account), each a menu that opens without a script (``<details>``), with the
group of the page shown marked."""

from __future__ import annotations

from typing import Any, Final

from django import template

from wayhome.services import targets

register = template.Library()

# The group of each page, by its URL name (wayhome/web/urls.py).
GROUPS: Final = {
    "plan": ("home", "dashboard", "profile", "profile-step", "my-profile", "import", "check"),
    "targets": ("target", "log", "log-item", "packs", "pack"),
    "documents": ("documents", "document", "consistency", "files", "file", "search", "packets"),
    "cv": ("cases", "cases-map", "pubs", "activities", "contacts", "cv-page"),
    "money": ("money", "visa"),
    "scenarios": ("scenarios",),
    "account": ("account", "password", "settings", "vault"),
}
_BY_NAME: Final = {name: group for group, names in GROUPS.items() for name in names}


@register.inclusion_tag("wayhome/partials/nav.html", takes_context=True)
def main_nav(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    # A page answered before anyone is known has no user: the 413 of
    # wayhome.web.security.UploadLimitMiddleware, which runs before the sign-in's.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"signed_in": False}
    menu = targets.menu(request.user)
    match = request.resolver_match
    here = match.url_name if match else None
    code = (match.kwargs.get("code") or "").upper() if match else ""
    visa = {t.code for t in menu.targets if t.visa} if menu else set()
    group = "money" if here == "target" and code in visa else _BY_NAME.get(here or "")
    return {
        "signed_in": True,
        "m": menu,
        "here": here,
        "code": code,
        "group": group,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "vault_unlocked": context.get("vault_unlocked"),
    }
