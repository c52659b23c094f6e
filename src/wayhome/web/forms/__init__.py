"""The forms: one class per thing a person does on a page (wayhome.web.forms.base),
grouped by page like the views."""
