"""A backup made before 0014 holds the procedure log as JSON rows: the column comes back,
empty for every row Wayhome writes, so that such a backup restores (services/backup.py);
services/cases.restored() then moves each restored row into the columns."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("wayhome", "0015_case_log_columns_done")]

    operations = [
        migrations.AddField("procedurerecord", "data", models.JSONField(blank=True, null=True)),
    ]
