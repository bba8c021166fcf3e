"""A page of a list through a plan compiled from the serializer's own fields (issue 16's benchmark).

DRF's ``Serializer.to_representation`` does, for every row and every field, the generic work of
``Field.get_attribute`` (a loop over ``source_attrs``, a callable check, exception handling), a
``PKOnlyObject`` for each foreign key, a related manager and a ``.all()`` for each many-relation,
and a lookup of the current time zone for each datetime: at 500 rows of 20 fields, most of the
request's Python time. ``FastListSerializer`` (``Meta.list_serializer_class`` of the read
serializers) instead compiles, once per page, one function from a step per readable field of its
bound child, and calls it for every row:

- a concrete model field read by a field class that keeps DRF's own ``get_attribute`` and
  ``to_representation`` (integers, strings, choices, booleans, dates, datetimes): ``getattr`` and
  the same conversion as that ``to_representation``, with the time zone read once per page;
- a foreign key read by a plain ``PrimaryKeyRelatedField``: its ``<name>_id`` column, as DRF's
  pk-only optimisation returns;
- a many-relation (primary keys, or a nested serializer) that the queryset prefetched: the
  prefetched rows, without a related manager;
- a ``SerializerMethodField``: its method.

Any other field (a dotted source, an annotation, a decimal, a field class of its own), and any row
whose relation was not prefetched, takes DRF's own path for that field. The fields, their order,
their omission (``SkipField``) and their values are DRF's: tests/api/test_representation.py renders
every list serializer both ways and compares, and bench/api_compare.py compares whole pages served
before and after at city scale.
"""

import datetime as dt
import functools
import keyword
from typing import NamedTuple

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.fields.related_descriptors import ManyToManyDescriptor, ReverseManyToOneDescriptor
from rest_framework import fields, relations, serializers
from rest_framework.relations import PKOnlyObject
from rest_framework.settings import api_settings

_MISSING = object()


def _keeps(field, base, *methods):
    """True when ``field`` is a ``base`` whose listed methods are DRF's own (not overridden)."""
    return isinstance(field, base) and all(getattr(type(field), m) is getattr(base, m) for m in methods)


def _generic(field):
    """DRF's own step for one field: the body of Serializer.to_representation's loop."""
    name = field.field_name

    def step(instance, ret):
        try:
            attribute = field.get_attribute(instance)
        except fields.SkipField:
            return
        check_for_none = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
        ret[name] = None if check_for_none is None else field.to_representation(attribute)

    return step


def _datetime_converter(field):
    output_format = getattr(field, "format", api_settings.DATETIME_FORMAT)
    if output_format is None or output_format.lower() != fields.ISO_8601:
        return None
    zone = field.timezone if hasattr(field, "timezone") else field.default_timezone()
    if zone is None:
        return None
    fallback = field.to_representation

    def convert(value):
        # DRF: enforce_timezone (astimezone for an aware value), isoformat, "+00:00" as "Z".
        if value.__class__ is not dt.datetime or value.utcoffset() is None:
            return fallback(value)
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return convert


def _date_converter(field):
    output_format = getattr(field, "format", api_settings.DATE_FORMAT)
    if output_format is None or output_format.lower() != fields.ISO_8601:
        return None
    fallback = field.to_representation
    return lambda value: value.isoformat() if value.__class__ is dt.date else fallback(value)


def _choice_converter(field):
    mapping = field.choice_strings_to_values
    fallback = field.to_representation
    # DRF: '' as is, else choice_strings_to_values.get(str(value), value); for a plain str, str(value) is value.
    return lambda value: (mapping.get(value, value) if value else value) if value.__class__ is str else fallback(value)


def _bool_converter(field):
    fallback = field.to_representation
    return lambda value: value if value.__class__ is bool else fallback(value)


def _converter(field):
    """The value conversion of a scalar field, the same as its to_representation; None if none is known."""
    if _keeps(field, fields.ChoiceField, "to_representation"):
        return _choice_converter(field)
    if _keeps(field, fields.BigIntegerField, "to_representation"):
        return None if getattr(field, "coerce_to_string", api_settings.COERCE_BIGINT_TO_STRING) else int
    if _keeps(field, fields.IntegerField, "to_representation"):
        return int
    if _keeps(field, fields.CharField, "to_representation"):
        return str
    if _keeps(field, fields.BooleanField, "to_representation"):
        return _bool_converter(field)
    if _keeps(field, fields.DateTimeField, "to_representation", "enforce_timezone", "default_timezone"):
        return _datetime_converter(field)
    if _keeps(field, fields.DateField, "to_representation"):
        return _date_converter(field)
    return None


def _prefetch_name(model, name):
    """The key of ``model``'s relation ``name`` in _prefetched_objects_cache (as the related manager
    reads it), or None if ``name`` is not a many-relation."""
    descriptor = getattr(model, name, None)
    if isinstance(descriptor, ManyToManyDescriptor):
        return descriptor.rel.field.related_query_name() if descriptor.reverse else descriptor.rel.field.name
    if isinstance(descriptor, ReverseManyToOneDescriptor):
        return descriptor.field.remote_field.cache_name
    return None


def _prefetched_rows(key):
    """A getter of the prefetched rows of relation ``key``; _MISSING (DRF's path) if not prefetched."""

    def get(instance):
        cache = instance.__dict__.get("_prefetched_objects_cache")
        if cache is None or key not in cache:
            return _MISSING
        return cache[key]

    return get


def _model_field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


class Step(NamedTuple):
    """One field of a compiled plan. ``kind``: "attr" (``convert(instance.<attr>)``, None kept),
    "method" (``convert(instance)``), "rows" (``convert(get(instance))`` on prefetched rows, DRF's
    path when ``get`` answers _MISSING) or "generic" (DRF's own step, ``get(instance, ret)``)."""

    name: str
    kind: str
    get: object = None
    convert: object = None
    attr: str = ""


def _step(field, model):
    name = field.field_name
    generic = Step(name, "generic", _generic(field))
    attrs = field.source_attrs
    if (
        isinstance(field, serializers.SerializerMethodField)
        and type(field).to_representation is serializers.SerializerMethodField.to_representation
    ):
        return Step(name, "method", convert=getattr(field.parent, field.method_name))  # the instance itself, never None
    if model is None or field.source == "*" or len(attrs) != 1:
        return generic
    source = attrs[0]
    if _keeps(field, relations.ManyRelatedField, "get_attribute", "to_representation") and _keeps(
        field.child_relation, relations.PrimaryKeyRelatedField, "to_representation"
    ):
        key = _prefetch_name(model, source)
        if key is None or field.child_relation.pk_field is not None:
            return generic
        return Step(name, "rows", _prefetched_rows(key), _pks)
    if isinstance(field, serializers.ListSerializer) and type(field).get_attribute is fields.Field.get_attribute:
        key = _prefetch_name(model, source)
        if key is None:
            return generic
        return Step(name, "rows", _prefetched_rows(key), field.to_representation)
    model_field = _model_field(model, source)
    if model_field is None or not model_field.concrete:
        return generic
    if isinstance(field, relations.PrimaryKeyRelatedField):
        if (
            _keeps(field, relations.PrimaryKeyRelatedField, "get_attribute", "to_representation", "use_pk_only_optimization")
            and field.pk_field is None
            and model_field.is_relation
            and model_field.many_to_one | model_field.one_to_one
        ):
            return Step(name, "attr", convert=_identity, attr=model_field.attname)
        return generic
    if model_field.is_relation or model_field.attname != source or type(field).get_attribute is not fields.Field.get_attribute:
        return generic
    convert = _converter(field)
    if convert is None:
        return generic
    return Step(name, "attr", convert=convert, attr=source)


def _identity(value):
    return value


def _pks(rows):
    return [row.pk for row in rows]


@functools.lru_cache(maxsize=256)
def _compiled(source, name):
    """The code of a plan's source, compiled once per process (the namespace is the request's)."""
    return compile(source, f"<representation of {name}>", "exec")


def compile_plan(serializer):
    """A function instance -> dict giving what ``serializer.to_representation(instance)`` gives:
    the steps unrolled into the source of one function (its names are the serializer's field names
    and the model's attribute names, checked as identifiers), so a row costs one call, attribute
    reads and the conversions, instead of a loop over the steps."""
    model = getattr(getattr(serializer, "Meta", None), "model", None)
    steps = [_step(field, model) for field in serializer._readable_fields]
    namespace = {"_MISSING": _MISSING}
    lines = ["def represent(instance):", "    ret = {}"]
    for i, step in enumerate(steps):
        key = repr(step.name)
        if step.kind == "generic":
            namespace[f"step{i}"] = step.get
            lines.append(f"    step{i}(instance, ret)")
            continue
        namespace[f"convert{i}"] = step.convert
        if step.kind == "method":
            lines.append(f"    ret[{key}] = convert{i}(instance)")
        elif step.kind == "rows":
            namespace[f"get{i}"], namespace[f"drf{i}"] = step.get, _generic(serializer.fields[step.name])
            lines += [
                f"    value = get{i}(instance)",
                "    if value is _MISSING:",  # a relation the queryset did not prefetch: DRF's own path
                f"        drf{i}(instance, ret)",
                "    else:",
                f"        ret[{key}] = None if value is None else convert{i}(value)",
            ]
        else:
            assert step.attr.isidentifier() and not keyword.iskeyword(step.attr), step.attr
            if step.convert is _identity:
                lines.append(f"    ret[{key}] = instance.{step.attr}")
            else:
                lines += [f"    value = instance.{step.attr}", f"    ret[{key}] = None if value is None else convert{i}(value)"]
    lines.append("    return ret")
    source = "\n".join(lines)
    exec(_compiled(source, type(serializer).__name__), namespace)  # noqa: S102 - names checked above
    represent = namespace["represent"]
    represent.steps, represent.source = steps, source
    return represent


class FastListSerializer(serializers.ListSerializer):
    """ListSerializer whose rows go through the child's compiled plan (see the module's docstring)."""

    def to_representation(self, data):
        iterable = data.all() if isinstance(data, models.manager.BaseManager) else data  # as DRF's
        child = self.child
        if type(child).to_representation is not serializers.Serializer.to_representation:
            return [child.to_representation(item) for item in iterable]
        represent = self.__dict__.get("_plan")
        if represent is None:  # once per serializer instance (a request's), reused for every row and nested list
            represent = self._plan = compile_plan(child)
        return [represent(item) for item in iterable]


def prefetch_page(instances, *names):
    """``prefetch_related(*names)`` for the rows of one page, without its cost per row: Django's own
    prefetch query for each many-relation (the related manager's get_prefetch_querysets: the same
    SQL, order and reverse links), its rows grouped per instance as prefetch_related groups them,
    and stored in ``_prefetched_objects_cache`` as lists. prefetch_related builds a related manager
    and a queryset for every row (at 500 rows, most of a units page's Python time); the rows here
    are only rendered, through the manager's ``all()`` (DRF) or the cache itself (compile_plan)."""
    if not instances:
        return
    for name in names:
        manager = getattr(instances[0], name)
        queryset, rel_obj_attr, instance_attr, single, cache_name, _is_descriptor = manager.get_prefetch_querysets(instances)
        assert not single, f"{name}: prefetch_page is for many-relations"
        grouped = {}
        for row in queryset:
            grouped.setdefault(rel_obj_attr(row), []).append(row)
        for instance in instances:
            instance.__dict__.setdefault("_prefetched_objects_cache", {})[cache_name] = grouped.get(instance_attr(instance), [])
