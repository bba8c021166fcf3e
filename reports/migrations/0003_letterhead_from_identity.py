"""The report letterhead follows the body the portal serves on the report's date: the district-era
defaults stored in ReportSettings are cleared (a value an administrator typed is kept)."""

from django.db import migrations, models

OLD_DEFAULTS = {
    "issuer_parent": "UBND QUẬN ĐỒ SƠN",
    "issuer_name": "PHÒNG NỘI VỤ",
    "number_suffix": "BC-NV",
    "signer_title": "TRƯỞNG PHÒNG",
}


def clear_old_defaults(apps, schema_editor):
    ReportSettings = apps.get_model("reports", "ReportSettings")
    for field, value in OLD_DEFAULTS.items():
        ReportSettings.objects.filter(**{field: value}).update(**{field: ""})


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_run_task_id")]

    operations = [
        migrations.AlterField(
            model_name="reportsettings",
            name="issuer_parent",
            field=models.CharField(
                blank=True,
                default="",
                help_text="Để trống: “UBND” và tên địa bàn của cơ quan vào ngày báo cáo.",
                max_length=255,
                verbose_name="cơ quan chủ quản",
            ),
        ),
        migrations.AlterField(
            model_name="reportsettings",
            name="issuer_name",
            field=models.CharField(
                blank=True,
                default="",
                help_text="Để trống: cơ quan tham mưu thi đua, khen thưởng vào ngày báo cáo.",
                max_length=255,
                verbose_name="cơ quan ban hành",
            ),
        ),
        migrations.AlterField(
            model_name="reportsettings",
            name="number_suffix",
            field=models.CharField(blank=True, default="", help_text="Để trống: BC.", max_length=40, verbose_name="ký hiệu văn bản"),
        ),
        migrations.AlterField(
            model_name="reportsettings",
            name="signer_title",
            field=models.CharField(
                blank=True,
                default="",
                help_text="Để trống: chức danh người đứng đầu cơ quan tham mưu.",
                max_length=150,
                verbose_name="chức vụ người ký",
            ),
        ),
        migrations.RunPython(clear_old_defaults, migrations.RunPython.noop),
    ]
