from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "dosonthidua.api"
    label = "api"
    verbose_name = "API cho các hệ thống khác"

    def ready(self):
        from . import schema  # noqa: F401  (registers the OpenAPI authentication extensions)
        from .counts import install

        install()  # every connection's writes start new generations of the lists' cached totals
