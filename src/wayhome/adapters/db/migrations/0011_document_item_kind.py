from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wayhome", "0010_case_log_mapping"),
    ]

    operations = [
        migrations.AddField(
            model_name="documentitem",
            name="kind",
            field=models.CharField(blank=True, default="", max_length=80),
        ),
        migrations.AddField(
            model_name="documentitem",
            name="note",
            field=models.TextField(blank=True, default=""),
        ),
    ]
