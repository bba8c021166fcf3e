from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmark data generator and load tests (`manage.py seed_bench`, `make bench`); no models."""

    name = "bench"
    verbose_name = "Đo hiệu năng"
