from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = "Khen thưởng"

    def ready(self):
        from dosonthidua.registry import (
            HomePanel,
            MenuItem,
            PublicLink,
            register_demo_seeder,
            register_home_panel,
            register_menu,
            register_public_link,
        )
        from units import rules as unit_rules

        from . import rules as award_rules

        # Predicates rather than has_perm: a denied has_perm falls through to ModelBackend's queries.
        council_staff = unit_rules.is_reviewer | unit_rules.is_leader | unit_rules.is_council_member | unit_rules.is_administrator
        from .home import council_panel, leader_panel, officer_panel, reviewer_panel

        register_menu(MenuItem("Đề nghị", "awards:nomination-list", "award", 40, lambda u: award_rules.can_read_nominations(u)))
        register_menu(MenuItem("Hội đồng", "awards:meeting-list", "people", 42, lambda u: council_staff(u)))
        register_menu(MenuItem("Quyết định", "awards:decision-list", "file-earmark-text", 43, lambda u: unit_rules.reads_everything(u)))
        register_menu(
            MenuItem(
                "Hội nghị",
                "awards:conference-list",
                "megaphone",
                46,
                lambda u: u.is_authenticated and award_rules.can_view_conferences(u),
            )
        )
        register_menu(MenuItem("Tra cứu", "awards:lookup", "search", 44, lambda u: award_rules.can_read_nominations(u)))
        register_menu(MenuItem("Danh mục", "awards:kind-list", "journal-bookmark", 45, lambda u: u.is_authenticated))
        register_home_panel(HomePanel("awards/home/officer.html", officer_panel, 40))
        register_home_panel(HomePanel("awards/home/reviewer.html", reviewer_panel, 41))
        register_home_panel(HomePanel("awards/home/council.html", council_panel, 42))
        register_home_panel(HomePanel("awards/home/leader.html", leader_panel, 43))
        register_public_link(
            PublicLink(
                "Danh sách đề nghị khen thưởng đang công khai",
                "awards:public-notices",
                "megaphone",
                "Xem danh sách cá nhân, tập thể được đề nghị khen thưởng và gửi ý kiến góp ý.",
                20,
            )
        )
        register_public_link(
            PublicLink(
                "Quyết định khen thưởng đã công bố",
                "awards:public-decisions",
                "file-earmark-check",
                "Tra cứu các quyết định khen thưởng đã ban hành và danh sách cá nhân, tập thể được khen.",
                25,
            )
        )
        register_demo_seeder(40, "awards.demo.seed")
        register_demo_seeder(45, "awards.demo_signing.seed")

        from dosonthidua.identity import register_identity_provider

        from .selectors import identity_on

        register_identity_provider(identity_on)

        from django.db.models.signals import post_delete, post_save

        from dosonthidua.identity import forget

        from .models import IssuingBody

        post_save.connect(forget, sender=IssuingBody, dispatch_uid="identity-forget-save")
        post_delete.connect(forget, sender=IssuingBody, dispatch_uid="identity-forget-delete")
