"""Form helpers shared by the HTML views: list filters and service errors on forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.utils import pretty_name
from django.urls import reverse
from django.utils.html import format_html

from topline.core.search import MAX_SEARCH_LENGTH
from topline.core.sorting import sort_choices


class ErrorAfterField(BoundField):
    """A field that renders its errors right after its widget (and points the widget at
    them), for filter bars whose templates print only `{{ form.field }}`."""

    def error_id(self) -> str:
        return f"{self.auto_id or self.html_name}_error"

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.errors:
            attrs["aria-describedby"] = self.error_id()
        return attrs

    def __str__(self):
        html = super().__str__()
        if not self.errors:
            return html
        return html + format_html(
            ' <span class="error" id="{}">{}</span>', self.error_id(), " ".join(self.errors)
        )


class SearchTermField(forms.CharField):
    """A search box takes any text: a long term is cut to MAX_SEARCH_LENGTH (no row is lost)
    and NUL characters, which no column holds, are dropped. It is never refused: a refused
    term would leave the list unfiltered, as if nothing had been searched."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)
        self.validators = []  # CharField's NUL check: to_python drops them instead

    def to_python(self, value):
        return super().to_python(value).replace("\x00", "")[:MAX_SEARCH_LENGTH]


class ListFilterForm(forms.Form):
    """The search, filters and sort of one list, read from the query string.

    Subclasses set `sort_keys` (the selector's whitelist) and `default_sort`, and add their
    filter fields. An invalid value (a hand-edited URL's "2024-13-40") is left out, so the
    list still lists something, and its error is shown beside the field."""

    bound_field_class = ErrorAfterField
    sort_keys: dict[str, tuple[str, ...]] = {}
    default_sort = ""

    q = SearchTermField()
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def filters(self) -> dict:
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields}
        data["search"] = (data.pop("q") or "").strip()
        if data.get("sort") not in sort_choices(self.sort_keys):
            data["sort"] = self.default_sort
        return data


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: next to a field when the form has it,
    else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


def _label(form, name: str) -> str | None:
    field = form.fields.get(name)
    return (field.label or pretty_name(name)) if field else None  # None: a non-field error


def errors_text(form) -> str:
    """A form's errors as one sentence for a message, each after its field's label:
    "Channel: Select a valid choice. fax is not one of the available choices."."""
    parts = []
    for name, messages in form.errors.items():
        label = _label(form, name)
        parts += [f"{label}: {m.rstrip('.')}" if label else m.rstrip(".") for m in messages]
    return "; ".join(parts) + "." if parts else ""


def errors_above(form, *names: str) -> None:
    """Repeat the errors of fields whose template shows no error text of their own above
    the form, labelled, so they are said in words and not only by aria-invalid."""
    for name in names:
        for message in form.errors.get(name, []):
            form.add_error(None, f"{_label(form, name)}: {message}")


class SearchSelect(forms.Select):
    """A select over a table too big to list (100,000 companies): it renders only the chosen
    option, and a search box beside it loads matching options from `url_name` with htmx."""

    template_name = "core/widgets/search_select.html"

    def __init__(self, url_name: str, attrs=None):
        super().__init__(attrs)
        self.url_name = url_name

    def get_context(self, name, value, attrs):
        all_choices = self.choices
        chosen = [v for v in self.format_value(value) if v]
        self.choices = [("", "—")]
        if chosen and hasattr(all_choices, "queryset"):
            self.choices += [
                (obj.pk, str(obj)) for obj in all_choices.queryset.filter(pk__in=chosen)
            ]
        try:
            context = super().get_context(name, value, attrs)
        finally:
            self.choices = all_choices
        context["widget"]["search_url"] = reverse(self.url_name)
        return context


def save_with(form, service, **arguments):
    """Call `service(**arguments, **form.cleaned_data)` when the form is valid and return its
    result; a ValidationError from the service is shown on the form and None is returned."""
    if not form.is_valid():
        return None
    try:
        return service(**arguments, **form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
