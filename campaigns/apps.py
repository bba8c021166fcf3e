from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Phong trào thi đua"

    def ready(self):
        from dosonthidua.registry import (
            HomePanel,
            MenuItem,
            PublicLink,
            Schedule,
            register_demo_seeder,
            register_home_panel,
            register_menu,
            register_public_link,
            register_schedule,
        )
        from units import rules as unit_rules

        from .home import officer_panel, reviewer_panel

        def sees(user):
            return unit_rules.reads_everything(user) or unit_rules.is_unit_officer(user)

        register_menu(MenuItem("Phong trào", "campaigns:campaign-list", "flag", 30, sees))
        register_menu(MenuItem("Khối thi đua", "campaigns:bloc-list", "diagram-3", 32, sees))
        # The propaganda office's own entry (the advisory office reaches the page from the exemplar list).
        register_menu(MenuItem("Tuyên truyền", "campaigns:publication-list", "megaphone", 33, unit_rules.is_propagandist))
        register_home_panel(HomePanel("campaigns/home/officer.html", officer_panel, 30))
        register_home_panel(HomePanel("campaigns/home/reviewer.html", reviewer_panel, 31))
        register_public_link(
            PublicLink(
                "Gương điển hình tiên tiến",
                "campaigns:public-exemplar-list",
                "stars",
                "Mô hình hay, nhân tố mới, điển hình tiên tiến trong các phong trào thi đua.",
                30,
            )
        )
        register_demo_seeder(30, "campaigns.demo.seed")
        register_demo_seeder(35, "campaigns.demo_blocs.seed")
        register_schedule(
            Schedule(
                "Nhắc hạn đăng ký thi đua và báo cáo tiến độ",
                "campaigns.tasks.deadline_reminders_send",
                {"minute": "0", "hour": "7"},
                "Hằng ngày: nhắc các đơn vị chưa gửi trước hạn (số ngày nhắc trước đặt trên từng phong trào).",
            )
        )
