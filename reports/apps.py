from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Báo cáo"

    def ready(self):
        from dosonthidua.registry import (
            HomePanel,
            MenuItem,
            Schedule,
            register_demo_seeder,
            register_home_panel,
            register_menu,
            register_schedule,
        )

        from . import rules
        from .home import reports_panel

        register_menu(MenuItem("Báo cáo", "reports:dashboard", "bar-chart-line", 60, rules.can_view_reports))
        register_home_panel(HomePanel("reports/home/panel.html", reports_panel, 80))
        register_demo_seeder(50, "reports.demo.seed")
        register_demo_seeder(55, "reports.demo_conference.seed")
        register_schedule(
            Schedule(
                "Báo cáo tổng hợp hằng tuần gửi Chủ tịch",
                "reports.tasks.summary_periodic",
                {"minute": "0", "hour": "7", "day_of_week": "1", "day_of_month": "*", "month_of_year": "*"},
                "Lập báo cáo tổng hợp thi đua, khen thưởng của tuần trước (lũy kế năm thống kê) và gửi thư cho người nhận đã cấu hình.",
            )
        )
        register_schedule(
            Schedule(
                "Làm mới số liệu trang tổng quan",
                "reports.tasks.dashboard_warm",
                {"minute": "*/4", "hour": "*", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"},
                "Tính sẵn số liệu trang tổng quan của năm gần nhất để lãnh đạo xem ngay.",
            )
        )
