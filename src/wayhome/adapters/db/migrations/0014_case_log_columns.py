"""The procedure log a column a field (no JSON per row), its totals counted in SQL
(CaseLogTotal, CaseLogKind), and the date order a mapping names (#28 item 2, #26 item 5).

Rows stored before are moved from their JSON into the columns, and every owner's totals
counted, on SQLite and PostgreSQL alike."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _text() -> models.TextField:
    return models.TextField(blank=True, default="")


FILLED = [
    "case_key", "kind", "case_id", "on", "role", "role_said", "category", "area", "type",
    "code", "description", "year", "site", "category_label", "year_label", "site_label",
]  # fmt: skip


def to_columns(apps, schema_editor):  # type: ignore[no-untyped-def]
    # The one place a migration uses the code of today: rows are moved with the same
    # functions new rows are written with (a row the core reads differently later is
    # written again by its next import anyway). The loop itself is this migration's own,
    # frozen: services/cases.restored() moves a restored backup's rows the same way, but
    # on today's model (the JSON column optional, cleared after); this one runs on the
    # model as of 0014 (the JSON column required, kept for 0015 to drop, only FILLED
    # written) and must go on doing so whatever that service becomes. Not shared.
    from wayhome.adapters.db import caselog_sql
    from wayhome.core.cv.cases import Procedure

    record = apps.get_model("wayhome", "ProcedureRecord")
    owners = set()
    for r in record.objects.all().iterator(chunk_size=2000):
        for name, value in caselog_sql.columns_of(r.key, Procedure.from_json(r.data)).items():
            setattr(r, name, value)
        r.save(update_fields=FILLED)
        owners.add(r.owner_id)
    for owner_id in owners:
        caselog_sql.refresh(owner_id)


class Migration(migrations.Migration):
    dependencies = [
        ("wayhome", "0013_sent_packet"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            "procedurerecord", "case_key", models.CharField(max_length=32, default="")
        ),
        migrations.AddField("procedurerecord", "kind", models.CharField(max_length=32, default="")),
        migrations.AddField("procedurerecord", "case_id", _text()),
        migrations.AddField("procedurerecord", "on", models.DateField(null=True, blank=True)),
        migrations.AddField(
            "procedurerecord", "role", models.CharField(max_length=12, default="unknown")
        ),
        migrations.AddField("procedurerecord", "role_said", _text()),
        migrations.AddField("procedurerecord", "category", _text()),
        migrations.AddField("procedurerecord", "area", _text()),
        migrations.AddField("procedurerecord", "type", _text()),
        migrations.AddField("procedurerecord", "code", _text()),
        migrations.AddField("procedurerecord", "description", _text()),
        migrations.AddField("procedurerecord", "year", _text()),
        migrations.AddField("procedurerecord", "site", _text()),
        migrations.AddField("procedurerecord", "category_label", models.TextField(default="")),
        migrations.AddField("procedurerecord", "year_label", models.TextField(default="")),
        migrations.AddField("procedurerecord", "site_label", models.TextField(default="")),
        migrations.CreateModel(
            name="CaseLogTotal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("grouping", models.CharField(max_length=12)),
                ("name", _text()),
                ("role", models.CharField(blank=True, default="", max_length=12)),
                ("cases", models.PositiveIntegerField(default=0)),
                ("procedures", models.PositiveIntegerField(default=0)),
                (
                    "owner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "ordering": ("id",),
                "indexes": [
                    models.Index(fields=["owner", "grouping"], name="case_log_total_by_grouping")
                ],
            },
        ),
        migrations.CreateModel(
            name="CaseLogKind",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=32)),
                ("role", models.CharField(max_length=12)),
                ("code", _text()),
                ("category", _text()),
                ("description", _text()),
                ("procedures", models.PositiveIntegerField(default=0)),
                (
                    "owner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={"ordering": ("id",)},
        ),
        migrations.AddField(
            "caselogmapping", "dates", models.CharField(blank=True, default="", max_length=12)
        ),
        migrations.RunPython(to_columns, migrations.RunPython.noop),
    ]
