"""The procedure log's JSON column goes once its rows are in columns (0014); apart from
it, as PostgreSQL alters no table with updates still pending in the same transaction."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("wayhome", "0014_case_log_columns")]

    operations = [
        migrations.RemoveField("procedurerecord", "data"),
        migrations.AlterField("procedurerecord", "case_key", models.CharField(max_length=32)),
        migrations.AlterField("procedurerecord", "kind", models.CharField(max_length=32)),
        migrations.AlterField("procedurerecord", "role", models.CharField(max_length=12)),
        migrations.AlterField("procedurerecord", "category_label", models.TextField()),
        migrations.AlterField("procedurerecord", "year_label", models.TextField()),
        migrations.AlterField("procedurerecord", "site_label", models.TextField()),
        migrations.AddIndex(
            "procedurerecord",
            models.Index(fields=["owner", "category_label", "id"], name="procedure_by_category"),
        ),
    ]
