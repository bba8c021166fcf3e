from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = "Đơn vị, cán bộ và tài khoản"

    def ready(self):
        from django import forms

        from dosonthidua.registry import (
            HomePanel,
            MenuItem,
            Schedule,
            register_demo_seeder,
            register_home_panel,
            register_menu,
            register_schedule,
        )
        from dosonthidua.widgets import DateInput

        forms.DateField.widget = DateInput  # every date field: the dd/mm/yyyy hint and the calendar

        from dosonthidua import admin_a11y

        admin_a11y.install()  # the admin's pages pass axe-core and the Nu HTML checker

        from . import (
            audit,  # noqa: F401  (connects the sign-in receivers)
            twofactor,  # noqa: F401  (marks new sessions as owing the second factor)
        )
        from . import rules as unit_rules
        from .home import officer_panel, overview_panel, profile_panel

        register_menu(
            MenuItem(
                "Đơn vị", "units:unit-tree", "diagram-3", 10, lambda u: unit_rules.reads_everything(u) or unit_rules.is_unit_officer(u)
            )
        )
        register_menu(
            MenuItem("Cán bộ", "units:person-list", "people", 20, lambda u: unit_rules.reads_everything(u) or unit_rules.is_unit_officer(u))
        )
        register_home_panel(HomePanel("units/home/profile.html", profile_panel, 0))
        register_home_panel(HomePanel("units/home/officer.html", officer_panel, 10))
        register_home_panel(HomePanel("units/home/overview.html", overview_panel, 90))
        register_demo_seeder(10, "units.demo.seed")
        register_demo_seeder(95, "units.twofactor.demo_enrol")
        register_schedule(
            Schedule(
                "Gửi lại thư thông báo còn tồn",
                "units.tasks.send_pending_notification_emails",
                {"minute": "*/15", "hour": "*", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
                "Gửi thư cho các thông báo chưa gửi được (ví dụ khi Redis tạm ngừng).",
            )
        )
