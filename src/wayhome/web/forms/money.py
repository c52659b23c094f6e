"""The money inputs of the plan or of one scenario, as a form: US income by year, home
income by kind of return, the exchange rate with its date, tax rates, one-off and yearly
costs. Each field reads what a person types ("280,000", "32%") and says what is wrong
with it by name; the checks across fields are wayhome.services.money_inputs's."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from django import forms

from wayhome.services import money_inputs, profile_edits
from wayhome.services.money_inputs import MoneyInputError, Target
from wayhome.web.forms.base import ActionForm, TypedDateField
from wayhome.web.forms.named import NamedErrors

_GROUPING = re.compile(r"[\s,_'’]")  # 280,000 or 280 000 or 280'000
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")
# Offered as the currency fields are typed in (any three letters are taken).
CURRENCIES: Final = (
    "USD", "INR", "PKR", "BDT", "LKR", "NPR", "NGN", "GHS", "KES", "EGP", "ZAR", "PHP",
    "AED", "SAR", "QAR", "KWD", "OMR", "BHD", "GBP", "EUR", "CHF", "BRL", "MXN", "JPY",
    "KRW", "CNY", "CAD", "AUD",
)  # fmt: skip
HELP: Final = {
    "currency": "Three letters, like USD: the currency of the results.",
    "home_currency": "Three letters, like INR. Leave it as it is when it is the same.",
    "home_income": "What you expect to earn at home, in its own currency.",
    "rate": "From your bank or a rate you trust; its date is shown with the results.",
    "tax_us": "All you expect to pay, as a share of income: 32 for 32%.",
    "tax_home": "All you expect to pay, as a share of income: 25 for 25%.",
    "us_costs_after_leaving": "Licences, board certification, CME: what keeps US doors open.",
    "annual_debt_payment": "Student loans and other debt, each year until the horizon.",
    "ppp_factor": "What your home income buys at home against the same sum in the US.",
    "horizon_years": "Empty: 20 years.",
    "discount_rate": "Empty: 4% a year. Later money counts for less by this much a year.",
}

# A year's US income is a rate, counted to the day (core.money.forecast): what was earned
# in a year cut by the return is not what to type.
US_PAY: Final = (
    "A full year's pay, even for the year you leave: only its days before your return "
    "are counted (and this year's from today)."
)


class _Number(forms.Field):
    """A number as people type it: thousands separated or not, a % or currency sign."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    example = "280000"

    def to_python(self, value: object) -> Decimal | None:
        text = _GROUPING.sub("", str(value or "")).strip().rstrip("%").lstrip("$€£₹")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise self._error(f"write it in figures, like {self.example}") from None
        if not number.is_finite():
            raise self._error(f"write it in figures, like {self.example}")
        if number < 0:
            raise self._error("it cannot be below 0")
        return number

    def _error(self, message: str) -> forms.ValidationError:
        return forms.ValidationError(f"{self.label}: {message}", code="invalid")

    def prepare_value(self, value: object) -> object:
        return f"{value:f}" if isinstance(value, Decimal) else value


class AmountField(_Number):
    pass


class PercentField(_Number):
    example = "32"


class RateField(_Number):
    example = "83.1"


class YearsField(_Number):
    example = "20"

    def to_python(self, value: object) -> Decimal | None:
        number = super().to_python(value)
        if number is not None and number != number.to_integral_value():
            raise self._error("give whole years, like 20")
        return number

    def clean(self, value: object) -> int | None:
        number = super().clean(value)
        return None if number is None else int(number)


class CurrencyField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        too_long = {"max_length": "write its three letters, like USD or INR"}
        super().__init__(max_length=12, error_messages=too_long, **kwargs)
        self.widget.attrs.update({"list": "currencies", "autocomplete": "off", "size": 5})

    def to_python(self, value: object) -> str:
        text = str(super().to_python(value) or "").strip()
        if text and not _CURRENCY.match(text):
            raise forms.ValidationError(
                f"{self.label}: write its three letters, like USD or INR", code="invalid"
            )
        return text.upper()


def _field(name: str, label: str) -> forms.Field:
    hint = US_PAY if name.startswith(money_inputs.US_INCOME) else HELP.get(name, "")
    kwargs: dict[str, Any] = {"label": label, "required": False, "help_text": hint}
    if name in ("currency", "home_currency"):
        return CurrencyField(**kwargs)
    if name in ("rate_on", "ppp_on"):
        return TypedDateField(**kwargs)
    if name in ("tax_us", "tax_home", "discount_rate"):
        return PercentField(**kwargs)
    if name in ("rate", "ppp_factor"):
        return RateField(**kwargs)
    if name == "horizon_years":
        return YearsField(**kwargs)
    return AmountField(**kwargs)


class MoneyForm(NamedErrors, ActionForm):
    """The money inputs of ``target`` (a :class:`Target`: the plan or one scenario)."""

    refused = (profile_edits.ProfileEditError,)
    currencies = CURRENCIES
    target: Target

    def __init__(self, *args: Any, target: Target, **kwargs: Any) -> None:
        super().__init__(*args, target=target, **kwargs)
        for name, label in money_inputs.labels(target).items():
            self.fields[name] = _field(name, label)
            # The error beside it is read out with it (templates/wayhome/money.html).
            self.fields[name].widget.attrs["aria-describedby"] = f"error-{name}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            money_inputs.to_money(self.target, data)
        except MoneyInputError as e:
            for name, message in e.errors.items():
                if name not in self.errors:
                    self.add_error(name, message)
        return data

    def apply(self, owner: Any, on: date) -> str:
        money = money_inputs.save(owner, self.target.id, self.cleaned_data, on)
        if money is None:
            return f"{self.target.name}: no money figures now."
        return f"{self.target.name}: money inputs saved."

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields in the page's sections, in order."""
        years = [self[n] for n in self.fields if n.startswith(money_inputs.US_INCOME)]
        home = ["home_currency", "home_income", *money_inputs.HOME_BY_RETURN]
        return [
            ("US income, before tax", years),
            ("Home income", [self[n] for n in home]),
            ("Exchange rate", [self["currency"], self["rate"], self["rate_on"]]),
            ("Tax", [self["tax_us"], self["tax_home"]]),
            ("Costs and incentives", [self[n] for n in money_inputs.AMOUNTS]),
            (
                "How it is counted",
                [self[n] for n in ("horizon_years", "discount_rate", "ppp_factor", "ppp_on")],
            ),
        ]

    def rate_words(self) -> str:
        def typed(name: str) -> str:
            value = self.data.get(name) if self.is_bound else self.initial.get(name)
            return str(value or "").strip().upper()

        return money_inputs.rate_words(typed("currency") or "USD", typed("home_currency"))
