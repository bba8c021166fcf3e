"""What every admin page of the portal's models shares."""

from django.core.exceptions import FieldDoesNotExist


class RelatedInListMixin:
    """The changelist reads the objects its columns name through a foreign key in its own query.
    Django's default follows only non-null foreign keys (select_related() without names), so a
    nullable one such as Unit.parent costs one query per row. The unfiltered total is not counted a
    second time ("x of y" after a search), which costs a full-table COUNT per page at city scale."""

    show_full_result_count = False

    def get_list_select_related(self, request):
        declared = super().get_list_select_related(request)
        if declared is True:
            return True
        names = list(declared or [])
        for name in self.get_list_display(request):
            if not isinstance(name, str):
                continue
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if (field.many_to_one or field.one_to_one) and name not in names:
                names.append(name)
        return names or declared
