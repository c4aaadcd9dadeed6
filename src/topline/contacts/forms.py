import zoneinfo

from django import forms

from topline.accounts.selectors import users_for_org
from topline.contacts.models import Channel, Company, Contact, ContactPoint, Purpose
from topline.contacts.selectors import COMPANY_SORTS, CONTACT_SORTS
from topline.core.forms import ListFilterForm, SearchSelect

TIME_ZONES = [(zone, zone) for zone in sorted(zoneinfo.available_timezones())]


class CompanyFilterForm(ListFilterForm):
    sort_keys = COMPANY_SORTS
    default_sort = "name"
    country = forms.CharField(required=False, max_length=100)


class ContactFilterForm(ListFilterForm):
    sort_keys = CONTACT_SORTS
    default_sort = "name"
    source = forms.CharField(required=False, max_length=100)


class CompanyForm(forms.ModelForm):
    class Meta:
        model = Company
        fields = [
            "name", "domain", "industry", "country", "employees", "year_established",
            "parent", "owner", "source", "campaign",
        ]  # fmt: skip
        widgets = {"parent": SearchSelect("company_options")}

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Company.objects.for_org(org)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["owner"].queryset = users_for_org(org)


class ContactForm(forms.ModelForm):
    time_zone = forms.ChoiceField(choices=TIME_ZONES, initial="UTC")

    class Meta:
        model = Contact
        fields = [
            "first_name", "last_name", "email", "phone", "title", "company", "country",
            "time_zone", "preferred_channel", "do_not_contact", "owner", "source", "campaign",
        ]  # fmt: skip
        widgets = {"company": SearchSelect("company_options")}

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = Company.objects.for_org(org)
        self.fields["owner"].queryset = users_for_org(org)


class PreferencesForm(forms.ModelForm):
    """How a contact wants to be reached: the channel they prefer and a do-not-contact flag."""

    class Meta:
        model = Contact
        fields = ["preferred_channel", "do_not_contact"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_channel"].choices = [("", "No preference"), *Channel.choices]


class ConsentForm(forms.Form):
    channel = forms.ChoiceField(choices=Channel.choices)
    purpose = forms.ChoiceField(choices=Purpose.choices)
    granted = forms.TypedChoiceField(
        choices=[("yes", "Granted"), ("no", "Denied")], coerce=lambda v: v == "yes"
    )
    note = forms.CharField(required=False, max_length=200)


class ContactPointForm(forms.Form):
    """A further e-mail address or phone number of a contact."""

    kind = forms.ChoiceField(choices=ContactPoint.Kind.choices)
    value = forms.CharField(
        max_length=254, widget=forms.TextInput(attrs={"placeholder": "Address or number"})
    )
    label = forms.CharField(
        required=False, max_length=40, widget=forms.TextInput(attrs={"placeholder": "Label"})
    )

    def __init__(self, *args, contact, **kwargs):
        super().__init__(*args, **kwargs)
        self.contact = contact

    def clean(self):
        data = super().clean()
        kind, value = data.get("kind"), data.get("value")
        if kind and value and self.contact.points.filter(kind=kind, value=value).exists():
            self.add_error("value", "this contact already has it")
        return data
