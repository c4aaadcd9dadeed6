from django import forms

from topline.activities.models import Activity


class ActivityForm(forms.Form):
    """A note, call or task logged from a record page."""

    kind = forms.ChoiceField(
        choices=[(k, Activity.Kind(k).label) for k in ("note", "call", "task")],
        initial="note",
        widget=forms.RadioSelect,
    )
    subject = forms.CharField(
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "Subject", "aria-label": "Subject"}),
    )
    body = forms.CharField(
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 2, "placeholder": "What happened, or what needs doing?",
                   "aria-label": "Details"}
        ),
    )  # fmt: skip
    # Read in the user's time zone (activated by the middleware), stored in UTC.
    due_at = forms.DateTimeField(
        required=False,
        label="Due",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
