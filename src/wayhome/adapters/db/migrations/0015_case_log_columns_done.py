"""The procedure log's JSON column goes once its rows are in columns (0014); apart from
it, as PostgreSQL alters no table with updates still pending in the same transaction."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wayhome", "0014_case_log_columns"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveField("procedurerecord", "data"),
        migrations.AlterField("procedurerecord", "case_key", models.CharField(max_length=32)),
        migrations.AlterField("procedurerecord", "kind", models.CharField(max_length=32)),
        migrations.AlterField("procedurerecord", "role", models.CharField(max_length=12)),
        migrations.AlterField("procedurerecord", "category_label", models.TextField()),
        migrations.AlterField("procedurerecord", "year_label", models.TextField()),
        migrations.AlterField("procedurerecord", "site_label", models.TextField()),
        migrations.AlterField(
            "procedurerecord",
            "owner",
            models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddIndex(
            "procedurerecord", models.Index(fields=["owner", "id"], name="procedure_in_order")
        ),
        migrations.AddIndex(
            "procedurerecord",
            models.Index(fields=["owner", "category_label", "id"], name="procedure_by_category"),
        ),
        migrations.AddIndex(
            "procedurerecord",
            models.Index(
                fields=["owner", "id"],
                condition=models.Q(source="entered by hand"),
                name="procedure_by_hand",
            ),
        ),
    ]
