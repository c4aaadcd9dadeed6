from django import forms

from topline.accounts.selectors import users_for_org
from topline.contacts.models import Company, Contact
from topline.core.forms import ErrorAfterField, ListFilterForm, SearchSelect
from topline.core.money import from_micros
from topline.deals.models import Deal, Pipeline, Stage
from topline.deals.selectors import DEAL_SORTS

DATE = forms.DateInput(attrs={"type": "date"})


class StageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, stage):
        return f"{stage.pipeline.name} · {stage.name}"


def org_stages(org):
    return (
        Stage.objects.for_org(org)
        .select_related("pipeline")
        .order_by("-pipeline__is_default", "pipeline__name", "order")
    )


class DealFilterForm(ListFilterForm):
    sort_keys = DEAL_SORTS
    default_sort = "-close_date"
    stage = StageChoiceField(queryset=None, required=False, empty_label="All stages")
    owner = forms.ModelChoiceField(queryset=None, required=False, empty_label="All owners")
    close_from = forms.DateField(required=False, widget=DATE)
    close_to = forms.DateField(required=False, widget=DATE)

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = org_stages(org)
        self.fields["owner"].queryset = users_for_org(org)


class BoardFilterForm(forms.Form):
    bound_field_class = ErrorAfterField  # a bad date is ignored, and said beside its field

    pipeline = forms.ModelChoiceField(queryset=None, required=False, empty_label=None)
    owner = forms.ModelChoiceField(queryset=None, required=False, empty_label="All owners")
    close_from = forms.DateField(required=False, widget=DATE, label="Closing from")
    close_to = forms.DateField(required=False, widget=DATE, label="to")

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pipeline"].queryset = Pipeline.objects.for_org(org).order_by(
            "-is_default", "name"
        )
        self.fields["owner"].queryset = users_for_org(org)

    def filters(self) -> dict:
        """The valid filters; a bad value in a hand-edited URL is ignored (and shown)."""
        self.is_valid()
        return {name: self.cleaned_data.get(name) for name in ("owner", "close_from", "close_to")}


class MoveForm(forms.Form):
    stage = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = Stage.objects.for_org(org)


class DealForm(forms.ModelForm):
    stage = StageChoiceField(queryset=None)
    amount = forms.DecimalField(min_value=0, max_digits=20, decimal_places=6, initial=0)

    class Meta:
        model = Deal
        fields = [
            "title", "stage", "company", "contact", "owner", "engaged_on", "close_date",
            "source", "campaign",
        ]  # fmt: skip
        widgets = {
            "company": SearchSelect("company_options"),
            "contact": SearchSelect("contact_options"),
            "engaged_on": DATE,
            "close_date": DATE,
        }

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = Company.objects.for_org(org)
        self.fields["contact"].queryset = Contact.objects.for_org(org)
        self.fields["owner"].queryset = users_for_org(org)
        if self.instance.pk:
            # A deal changes stage only through a move, which records the history.
            del self.fields["stage"]
            self.initial["amount"] = from_micros(self.instance.amount_micros)
        else:
            self.fields["stage"].queryset = org_stages(org).filter(kind=Stage.Kind.OPEN)
            self.fields["stage"].empty_label = None  # the default pipeline's first stage
        self.order_fields(["title", "stage", "amount"])
