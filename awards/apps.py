from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = "Khen thưởng"

    def ready(self):
        from dosonthidua.registry import HomePanel, MenuItem, register_demo_seeder, register_home_panel, register_menu

        from . import rules as award_rules
        from .home import officer_panel, reviewer_panel

        register_menu(MenuItem("Đề nghị khen thưởng", "awards:nomination-list", "award", 40, lambda u: award_rules.can_read_nominations(u)))
        register_menu(MenuItem("Danh mục khen thưởng", "awards:kind-list", "journal-bookmark", 45, lambda u: u.is_authenticated))
        register_home_panel(HomePanel("awards/home/officer.html", officer_panel, 40))
        register_home_panel(HomePanel("awards/home/reviewer.html", reviewer_panel, 41))
        register_demo_seeder(40, "awards.demo.seed")
