from django import forms

from topline.core.forms import ListFilterForm
from topline.sales.selectors import ORDER_SORTS, product_list

DATE = forms.DateInput(attrs={"type": "date"})


class OrderFilterForm(ListFilterForm):
    sort_keys = ORDER_SORTS
    default_sort = "-ordered_on"
    date_from = forms.DateField(required=False, widget=DATE, label="From")
    date_to = forms.DateField(required=False, widget=DATE, label="To")


class DealLineForm(forms.Form):
    """A product line on a deal; an empty unit price takes the product's list price."""

    product = forms.ModelChoiceField(queryset=None)
    quantity = forms.DecimalField(initial=1, max_digits=14, decimal_places=4)
    unit_price = forms.DecimalField(required=False, max_digits=20, decimal_places=6)
    discount = forms.DecimalField(
        initial=0, min_value=0, max_value=1, max_digits=5, decimal_places=4,
        help_text="A fraction: 0.1 is 10 %",
    )  # fmt: skip

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = product_list(org=org)
        self.fields["product"].empty_label = "Choose a product"
