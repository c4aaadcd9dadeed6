"""Company and contact lists and forms, and the contact's communication preferences.
The record pages live in topline.activities.views: they gather orders and timelines, which
this lower app may not import."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from topline.contacts import selectors, services
from topline.contacts.forms import (
    CompanyFilterForm,
    CompanyForm,
    ConsentForm,
    ContactFilterForm,
    ContactForm,
    ContactPointForm,
    PreferencesForm,
)
from topline.contacts.models import Company, Contact, Purpose
from topline.core.forms import errors_above, errors_text, save_with
from topline.core.pagination import paginate
from topline.core.views import form_page, org_required, render_page

OPTIONS_LIMIT = 20


@org_required
def company_list(request):
    form = CompanyFilterForm(request.GET)
    filters = form.filters()
    rows = selectors.company_list(org=request.org, **filters)
    context = {
        "form": form,
        "sort": filters["sort"],
        "page": paginate(rows, request.GET.get("page"), settings.TOPLINE_PAGE_SIZE),
        # Called only when the whole page renders, not for each search keystroke.
        "countries": lambda: selectors.company_countries(org=request.org),
    }
    return render_page(request, "contacts/company_list.html", context, partial="results")


@org_required
def contact_list(request):
    form = ContactFilterForm(request.GET)
    filters = form.filters()
    rows = selectors.contact_list(org=request.org, **filters)
    context = {
        "form": form,
        "sort": filters["sort"],
        "page": paginate(rows, request.GET.get("page"), settings.TOPLINE_PAGE_SIZE),
        "sources": lambda: selectors.contact_sources(org=request.org),
    }
    return render_page(request, "contacts/contact_list.html", context, partial="results")


@org_required
def company_create(request):
    form = CompanyForm(request.POST or None, initial={"owner": request.user.pk}, org=request.org)
    if request.method == "POST":
        company = save_with(form, services.company_create, organization=request.org)
        if company:
            return redirect("company_detail", pk=company.pk)
    return form_page(request, form, "New company", reverse("company_list"))


@org_required
def company_edit(request, pk):
    company = get_object_or_404(Company.objects.for_org(request.org), pk=pk)
    form = CompanyForm(request.POST or None, instance=company, org=request.org)
    if request.method == "POST" and save_with(form, services.company_update, company=company):
        return redirect("company_detail", pk=company.pk)
    return form_page(request, form, f"Edit {company}", reverse("company_detail", args=[pk]))


@org_required
def contact_create(request):
    initial = {"company": request.GET.get("company"), "owner": request.user.pk}
    form = ContactForm(request.POST or None, initial=initial, org=request.org)
    if request.method == "POST":
        contact = save_with(form, services.contact_create, organization=request.org)
        if contact:
            return redirect("contact_detail", pk=contact.pk)
    return form_page(request, form, "New contact", reverse("contact_list"))


@org_required
def contact_edit(request, pk):
    contact = get_object_or_404(Contact.objects.for_org(request.org), pk=pk)
    form = ContactForm(request.POST or None, instance=contact, org=request.org)
    if request.method == "POST" and save_with(form, services.contact_update, contact=contact):
        return redirect("contact_detail", pk=contact.pk)
    return form_page(request, form, f"Edit {contact}", reverse("contact_detail", args=[pk]))


def preferences_context(contact, **forms) -> dict:
    """What contacts/_preferences.html shows: the consent grid and the two forms."""
    return {
        "contact": contact,
        "consent_rows": selectors.consent_grid(contact=contact),
        "purposes": Purpose.choices,
        "preferences_form": forms.get("preferences_form") or PreferencesForm(instance=contact),
        "consent_form": forms.get("consent_form"),
    }


def back_to_contact(request, pk, saved, refused: str, form):
    """A plain form post (no JavaScript) goes back to the contact page, which says why the
    form was refused: it shows the page, not the refused form."""
    if saved is None:
        messages.error(request, refused + errors_text(form))
    return redirect("contact_detail", pk=pk)


@org_required
@require_POST
def contact_consent(request, pk):
    contact = get_object_or_404(Contact.objects.for_org(request.org), pk=pk)
    form = ConsentForm(request.POST)
    saved = save_with(form, services.consent_set, contact=contact)
    if not request.htmx:  # a plain form post (no JavaScript): back to the contact page
        return back_to_contact(request, pk, saved, "Consent not saved: ", form)
    context = preferences_context(contact, consent_form=form)
    return render(request, "contacts/_preferences.html", context)


@org_required
@require_POST
def contact_preferences(request, pk):
    contact = get_object_or_404(Contact.objects.for_org(request.org), pk=pk)
    form = PreferencesForm(request.POST, instance=contact)
    saved = save_with(form, services.contact_update, contact=contact)
    if not request.htmx:  # a plain form post (no JavaScript): back to the contact page
        return back_to_contact(request, pk, saved, "Preferences not saved: ", form)
    context = preferences_context(contact, preferences_form=form)
    return render(request, "contacts/_preferences.html", context)


@org_required
@require_POST
def contact_point_add(request, pk):
    contact = get_object_or_404(Contact.objects.for_org(request.org), pk=pk)
    form = ContactPointForm(request.POST, contact=contact)
    saved = save_with(form, services.contact_point_add, contact=contact)
    if not request.htmx:  # a plain form post (no JavaScript): back to the contact page
        return back_to_contact(request, pk, saved, "Not added: ", form)
    if saved:
        form = ContactPointForm(contact=contact)
    else:
        errors_above(form, "kind", "label")  # the template prints only the value's errors
    context = {
        "contact": contact,
        "points": selectors.contact_points(contact=contact),
        "form": form,
    }
    return render(request, "contacts/_points.html", context)


@org_required
def company_options(request):
    query = request.GET.get("q", "").strip()
    rows = selectors.company_list(org=request.org, search=query)[:OPTIONS_LIMIT] if query else []
    return render(request, "core/_options.html", {"rows": rows})


@org_required
def contact_options(request):
    query = request.GET.get("q", "").strip()
    rows = selectors.contact_list(org=request.org, search=query)[:OPTIONS_LIMIT] if query else []
    return render(request, "core/_options.html", {"rows": rows})
