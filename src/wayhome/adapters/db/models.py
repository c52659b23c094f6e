"""The stored objects. Each belongs to an account (``owner``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class StoredProfile(models.Model):
    """One physician's profile and their progress on the plan."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stored_profile"
    )
    # The profile in its YAML form's data (JSON-safe), validated by the core on every load.
    data = models.JSONField()
    # wayhome.core.planner.progress.Progress, as JSON.
    progress = models.JSONField(default=dict)
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"profile {self.pk}"


class SignInToken(models.Model):
    """A one-time sign-in link printed in the terminal by `wayhome serve`."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    digest = models.CharField(max_length=64, unique=True)  # SHA-256 of the token
    created = models.DateTimeField(auto_now_add=True)
    used = models.DateTimeField(null=True, blank=True)


class SavedAssessment(models.Model):
    """What an assessment said, and which pack versions it used, to tell what changed."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    created = models.DateTimeField(auto_now_add=True)
    on = models.DateField()  # the assessment date
    pack_versions = models.JSONField()  # code -> version
    findings = models.JSONField()  # "CODE:rule" -> {status, deadline, earliest, rule_version}

    class Meta:
        ordering = ("-created", "-id")


class VaultFile(models.Model):
    """A file in the vault. The content is encrypted on disk; these metadata are not
    (so that files can be listed and found without the passphrase): see docs/vault.md."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)  # HMAC-SHA-256 of the content
    name = models.CharField(max_length=200)  # sanitised
    media_type = models.CharField(max_length=120)
    size = models.BigIntegerField()
    sha256 = models.CharField(max_length=64)  # of the plain content, for manifests
    received = models.DateTimeField()
    # A translation points at its original, so packets put the two side by side.
    translation_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="translations"
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("owner", "object_id"), name="one_copy_per_owner"),
        )


class Correspondence(models.Model):
    """One question put to a regulator, and what they answered."""

    CHANNELS = (
        ("email", "email"),
        ("phone", "phone"),
        ("portal", "portal"),
        ("in person", "in person"),
        ("letter", "letter"),
    )

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    jurisdiction = models.CharField(max_length=16)
    question = models.TextField()
    channel = models.CharField(max_length=16, choices=CHANNELS, blank=True)
    asked = models.DateField(null=True, blank=True)
    person = models.CharField(max_length=200, blank=True)
    answer = models.TextField(blank=True)
    answered = models.DateField(null=True, blank=True)
    # The confirmed rule this answer became (as added to the profile), for the link back.
    confirmed_rule = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ("jurisdiction", "id")


class Evidence(models.Model):
    """A stored file (an email, a PDF, a screenshot) backing an answer."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    correspondence = models.ForeignKey(
        Correspondence, on_delete=models.CASCADE, related_name="evidence"
    )
    vault_file = models.ForeignKey(VaultFile, on_delete=models.PROTECT)
    # For an email: from, to, date, subject, message-id and the receiving server's
    # Authentication-Results (DKIM, SPF), as recorded in the message; never looked up.
    headers = models.JSONField(default=dict)


class DocumentItem(models.Model):
    """A document the plan needs, with its steps (legalised, translated, verified...)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    key = models.SlugField(max_length=120)
    name = models.CharField(max_length=300)
    jurisdiction = models.CharField(max_length=16, blank=True)  # blank: the guide's own
    steps = models.JSONField(default=list)  # [{"step": "apostille", "done": "2026-05-01"|None}]
    issuer = models.CharField(max_length=200, blank=True)
    contact = models.CharField(max_length=300, blank=True)
    issued = models.DateField(null=True, blank=True)
    valid_months = models.PositiveIntegerField(null=True, blank=True)  # from the pack
    files = models.ManyToManyField(VaultFile, blank=True)
    # The document kind (core/common/vocabulary.py or a pack's own), blank when none is
    # known: the stored profile's documents[] are these records (services/document_records).
    kind = models.CharField(max_length=80, blank=True, default="")
    note = models.TextField(blank=True, default="")

    class Meta:
        ordering = ("jurisdiction", "id")
        constraints = (models.UniqueConstraint(fields=("owner", "key"), name="one_item_per_key"),)


class ProcedureRecord(models.Model):
    """One row of the procedure log (wayhome.core.cv.cases.Procedure, a column a field).

    Keyed by the procedure's identity, so importing an updated download again
    adds only the new rows. Never holds patient identifiers: the importer drops
    those columns before a row is read. Rows are written in batches by SQL
    (services/cases.py), never one model object at a time; ``case_key``, ``kind``
    and the ``*_label`` columns are what the stored totals (CaseLogTotal) group by.
    """

    # No index of its own: the owner leads the unique key and the category index (one
    # index less to write per row of a 50,000-row import).
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, db_index=False)
    key = models.CharField(max_length=32)
    case_key = models.CharField(max_length=32)  # the case: its id on its date, else the row
    kind = models.CharField(max_length=32)  # role, code, category, description: hashed
    case_id = models.TextField(blank=True, default="")
    on = models.DateField(null=True, blank=True)
    role = models.CharField(max_length=12)  # performed | assisted | observed | unknown
    role_said = models.TextField(blank=True, default="")
    category = models.TextField(blank=True, default="")
    area = models.TextField(blank=True, default="")
    type = models.TextField(blank=True, default="")
    code = models.TextField(blank=True, default="")
    description = models.TextField(blank=True, default="")
    year = models.TextField(blank=True, default="")
    site = models.TextField(blank=True, default="")
    # What the row is counted under (core.cv.cases.groups_of): "(no category)" included.
    category_label = models.TextField()
    year_label = models.TextField()
    site_label = models.TextField()
    source = models.CharField(max_length=255, blank=True)  # the file's name, without its folder
    imported = models.DateTimeField(auto_now_add=True)
    # The row as JSON, as rows were kept before migration 0014: only a row restored from a
    # backup made then has it, until services/cases.restored() moves it into the columns.
    data = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(fields=("owner", "key"), name="one_record_per_procedure"),
        )
        # The log a page at a time (id is ever larger: an index appended to, cheap to
        # write), by category, and the few typed in (a partial index: imports skip it).
        indexes = (
            models.Index(fields=("owner", "id"), name="procedure_in_order"),
            models.Index(fields=("owner", "category_label", "id"), name="procedure_by_category"),
            models.Index(
                fields=("owner", "id"),
                condition=models.Q(source="entered by hand"),
                name="procedure_by_hand",
            ),
        )


class CaseLogTotal(models.Model):
    """The procedure log's totals, counted in SQL each time the log changes (in the same
    transaction), so that pages and the CV read a few rows instead of the whole log.

    ``grouping``: ``all`` (one row), ``role``, ``category`` (with ``role``), ``year``,
    ``site``, and ``cases``: how many cases hold the same set of kinds (``name`` the
    kinds, sorted, comma-separated), so that a regulator's procedure numbers count cases
    exactly without reading the log (services/cases.py).
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    grouping = models.CharField(max_length=12)
    name = models.TextField(blank=True, default="")
    role = models.CharField(max_length=12, blank=True, default="")
    cases = models.PositiveIntegerField(default=0)
    procedures = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("id",)
        indexes = (models.Index(fields=("owner", "grouping"), name="case_log_total_by_grouping"),)


class CaseLogKind(models.Model):
    """Each distinct role, code, category and description in the log (ProcedureRecord's
    ``kind``), counted with the totals: what a regulator's procedure numbers match."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    kind = models.CharField(max_length=32)
    role = models.CharField(max_length=12)
    code = models.TextField(blank=True, default="")
    category = models.TextField(blank=True, default="")
    description = models.TextField(blank=True, default="")
    procedures = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("id",)


class PublicationRecord(models.Model):
    """One paper of the CV (wayhome.core.cv.publications.Publication, as JSON)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    data = models.JSONField()
    position = models.PositiveIntegerField()  # the order papers were added in

    class Meta:
        ordering = ("position", "id")


class ContactRecord(models.Model):
    """One person of the two networks (wayhome.core.cv.contacts.Contact, as JSON)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    contact_id = models.CharField(max_length=200)  # the vCard UID, or one derived from it
    data = models.JSONField()

    class Meta:
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(fields=("owner", "contact_id"), name="one_record_per_contact"),
        )


class FileReading(models.Model):
    """What was read in a stored file (its own text, or OCR of a scan) and what the
    physician confirmed of it. The text is sealed with the vault's key, like the file."""

    STATUSES = (
        ("queued", "queued"),  # waiting for the background worker
        ("locked", "locked"),  # waiting for the vault to be unlocked
        ("done", "done"),
        ("failed", "failed"),
    )

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    vault_file = models.OneToOneField(VaultFile, on_delete=models.CASCADE, related_name="reading")
    status = models.CharField(max_length=8, choices=STATUSES, default="queued")
    method = models.CharField(max_length=8, blank=True)  # text | ocr | none
    pages = models.PositiveIntegerField(default=0)
    notes = models.JSONField(default=list)
    text = models.BinaryField(null=True, blank=True)  # AES-GCM under the vault's data key
    # core.evidence.suggest.Suggestions as JSON: {"issued": {"value", "line", "ambiguous"}, ...}
    suggested = models.JSONField(default=dict)
    # What the physician checked: {"holder": "...", "issued": "2025-03-03", ...}
    confirmed = models.JSONField(default=dict)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("id",)


class ActivityRecord(models.Model):
    """Teaching, leadership or an award for the CV, with the letter that proves it."""

    KINDS = (("teaching", "teaching"), ("leadership", "leadership"), ("award", "award"))

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    kind = models.CharField(max_length=12, choices=KINDS)
    title = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    detail = models.TextField(blank=True)
    letter = models.ForeignKey(VaultFile, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ("kind", "-start", "id")


class CaseLogMapping(models.Model):
    """The columns and role words the physician confirmed for their case-log files
    (wayhome.adapters.importers.caselog.ColumnMap), used again on the next import."""

    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    columns = models.JSONField(default=dict)  # field -> header
    roles = models.JSONField(default=dict)  # wording -> performed | assisted | observed
    # How all-numeric dates are read: month-first | day-first | "" (from the file itself)
    dates = models.CharField(max_length=12, blank=True, default="")
    saved = models.DateTimeField(auto_now=True)


class SetupDraft(models.Model):
    """A setup not finished yet: what was typed at each step, kept apart from the stored
    profile (which must validate whole), so that the setup resumes where it stopped."""

    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # step -> {field name: [values as typed]}, the steps' forms read them back.
    answers = models.JSONField(default=dict)
    at = models.CharField(max_length=40, blank=True)  # the step to resume at
    updated = models.DateTimeField(auto_now=True)


class SentPacket(models.Model):
    """A regulator's packet marked sent: to which target, on which day, and what it held
    (a copy of each document's name and kind and its files' names and SHA-256, so the
    record stands when a document or file is later removed)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    code = models.CharField(max_length=16)  # the target's pack code
    sent = models.DateField()
    # [{"key", "name", "kind", "files": [{"name", "sha256"}]}], in the packet's order
    contents = models.JSONField(default=list)
    note = models.CharField(max_length=300, blank=True)  # how and to whom, as typed
    recorded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-sent", "-id")
