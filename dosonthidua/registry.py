"""Small registries that let each app contribute menu entries, home-page panels and demo data
without the project package importing the apps (imports flow from the apps to here)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    icon: str
    order: int
    visible: Callable = field(default=lambda user: user.is_authenticated)

    @property
    def url(self):
        return reverse(self.url_name)


@dataclass(frozen=True)
class HomePanel:
    """A block on the home page. ``build(user)`` returns a context dict, or None to hide it."""

    template: str
    build: Callable
    order: int


MENU: list[MenuItem] = []
HOME_PANELS: list[HomePanel] = []
# (order, dotted path of a callable taking stdout) run by `manage.py seed_demo`, lowest first.
DEMO_SEEDERS: list[tuple[int, str]] = []


def register_menu(item):
    if all(existing.url_name != item.url_name for existing in MENU):
        MENU.append(item)
        MENU.sort(key=lambda i: i.order)


def register_home_panel(panel):
    if all(existing.template != panel.template for existing in HOME_PANELS):
        HOME_PANELS.append(panel)
        HOME_PANELS.sort(key=lambda p: p.order)


def register_demo_seeder(order, dotted_path):
    if (order, dotted_path) not in DEMO_SEEDERS:
        DEMO_SEEDERS.append((order, dotted_path))
        DEMO_SEEDERS.sort()


def menu_for(user):
    return [item for item in MENU if item.visible(user)]


def home_panels_for(user):
    panels = []
    for panel in HOME_PANELS:
        context = panel.build(user)
        if context is not None:
            panels.append({"template": panel.template, **context})
    return panels


@dataclass(frozen=True)
class PublicLink:
    """A card on the public home page (published lists, exemplars)."""

    label: str
    url_name: str
    icon: str
    description: str
    order: int

    @property
    def url(self):
        return reverse(self.url_name)


PUBLIC_LINKS: list[PublicLink] = []


def register_public_link(link):
    if all(existing.url_name != link.url_name for existing in PUBLIC_LINKS):
        PUBLIC_LINKS.append(link)
        PUBLIC_LINKS.sort(key=lambda i: i.order)


@dataclass(frozen=True)
class Schedule:
    """A default periodic task (django-celery-beat). Created once by `manage.py setup_schedules`;
    afterwards administrators edit it in the admin, and a rerun never overwrites their changes."""

    name: str
    task: str
    crontab: dict  # minute, hour, day_of_week, day_of_month, month_of_year
    description: str = ""


SCHEDULES: list[Schedule] = []


def register_schedule(schedule):
    if all(existing.name != schedule.name for existing in SCHEDULES):
        SCHEDULES.append(schedule)
