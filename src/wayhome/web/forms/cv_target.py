"""The CV page's one form (a GET: it changes nothing): the target the CV is headed for,
one of the plan's targets, the first unless another is chosen; and a photograph from the
vault's images, where that target expects one or nobody knows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from wayhome.core.cv.conventions import Target, photo_refused
from wayhome.web.forms.named import NamedErrors


class CvForm(NamedErrors):
    target = forms.ChoiceField(
        label="The CV is for",
        error_messages={
            "invalid_choice": "'%(value)s' is not one of your plan's targets: choose one "
            "of the list (add a target to your plan first)",
            "required": "choose where the CV is for",
        },
    )
    photo = forms.ChoiceField(
        label="Photograph",
        required=False,
        help_text="An image from your stored files (JPEG or PNG), read from your vault "
        "for this download only.",
        error_messages={
            "invalid_choice": "'%(value)s' is not one of your stored images: choose one of the list"
        },
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None,
        *,
        targets: Sequence[Target],
        photos: Sequence[Any],
        unlocked: bool,
    ) -> None:
        super().__init__(data)
        self.targets = {t.code: t for t in targets}
        self.unlocked = unlocked
        self.fields["target"].choices = [(t.code, t.name) for t in targets]  # type: ignore[attr-defined]
        if targets:
            self.fields["target"].initial = targets[0].code
        self.fields["photo"].choices = [  # type: ignore[attr-defined]
            ("", "No photograph"),
            *((str(f.pk), f.name) for f in photos),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        code, photo = cleaned.get("target"), cleaned.get("photo")
        if code and photo:
            refused = photo_refused(self.targets[code])
            if refused:
                self.add_error("photo", f"leave it out: {refused}")
            elif not self.unlocked:
                self.add_error("photo", "your vault is locked: unlock it to use a photograph")
        return cleaned

    @property
    def chosen(self) -> tuple[str | None, int | None]:
        """The target and photograph chosen (valid), or the plan's first and none."""
        if self.is_bound and self.is_valid():
            photo = self.cleaned_data.get("photo")
            return self.cleaned_data["target"], int(photo) if photo else None
        return next(iter(self.targets), None), None
