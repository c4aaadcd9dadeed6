from django import forms
from django.utils import timezone

from topline.accounts.selectors import users_for_org
from topline.contacts.selectors import company_matches, contact_matches
from topline.core.forms import ListFilterForm
from topline.leads.models import Lead
from topline.leads.selectors import LEAD_SORTS

# "Converted" is set only by conversion, never picked in a form.
OPEN_STATUSES = [(value, label) for value, label in Lead.Status.choices if value != "converted"]


class LeadFilterForm(ListFilterForm):
    sort_keys = LEAD_SORTS
    default_sort = "-captured_on"
    source = forms.CharField(required=False, max_length=100)
    status = forms.ChoiceField(required=False, choices=[("", "All statuses"), *Lead.Status.choices])


class LeadForm(forms.ModelForm):
    status = forms.ChoiceField(choices=OPEN_STATUSES, initial=Lead.Status.NEW)

    class Meta:
        model = Lead
        fields = [
            "first_name", "last_name", "email", "phone", "company_name", "source", "campaign",
            "landing_page", "status", "score", "owner", "captured_on",
        ]  # fmt: skip
        widgets = {"captured_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = users_for_org(org)
        self.fields["captured_on"].initial = timezone.localdate
        if self.instance.status == Lead.Status.CONVERTED:
            del self.fields["status"]


class ConvertForm(forms.Form):
    """Convert a lead: link the contact and company it already is, or create them."""

    contact = forms.ModelChoiceField(queryset=None, required=False)
    company = forms.ModelChoiceField(queryset=None, required=False)
    create_deal = forms.BooleanField(required=False, initial=True, label="Create a deal")
    deal_title = forms.CharField(required=False, max_length=200, label="Deal title")
    deal_amount = forms.DecimalField(
        required=False, min_value=0, max_digits=20, decimal_places=6, label="Deal amount"
    )

    def __init__(self, *args, lead, **kwargs):
        super().__init__(*args, **kwargs)
        org = lead.organization_id
        self.fields["contact"].queryset = contact_matches(org=org, email=lead.email)
        self.fields["contact"].empty_label = "Create a new contact"
        self.fields["company"].queryset = company_matches(org=org, name=lead.company_name)
        self.fields["company"].empty_label = (
            f"Create company “{lead.company_name}”" if lead.company_name else "No company"
        )
        self.fields["deal_title"].widget.attrs["placeholder"] = lead.company_name or lead.name

    def clean_deal_amount(self):
        return self.cleaned_data["deal_amount"] or 0
