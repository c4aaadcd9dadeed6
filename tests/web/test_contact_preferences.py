"""Consent per channel and purpose, preferred channel, do-not-contact and further addresses,
edited on the contact page."""

from django.urls import reverse

from tests.factories import contact_make
from tests.web.conftest import HTMX
from topline.contacts.models import Consent


def test_it_records_consent_per_channel_and_purpose(owner_client, org):
    contact = contact_make(org)
    url = reverse("contact_consent", args=[contact.pk])
    response = owner_client.post(
        url, {"channel": "email", "purpose": "marketing", "granted": "yes"}, headers=HTMX
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="preferences"')
    assert body.count('class="consent granted"') == 1
    owner_client.post(
        url, {"channel": "email", "purpose": "marketing", "granted": "no"}, headers=HTMX
    )
    owner_client.post(url, {"channel": "sms", "purpose": "sales", "granted": "yes"}, headers=HTMX)
    consents = {
        (c.channel, c.purpose): c.granted
        for c in Consent.objects.for_org(org).filter(contact=contact)
    }
    assert consents == {("email", "marketing"): False, ("sms", "sales"): True}


def test_a_bad_channel_is_refused(owner_client, org):
    contact = contact_make(org)
    url = reverse("contact_consent", args=[contact.pk])
    response = owner_client.post(
        url, {"channel": "pigeon", "purpose": "sales", "granted": "yes"}, headers=HTMX
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Consent.objects.for_org(org).exists()


def test_it_sets_the_preferred_channel_and_do_not_contact(owner_client, org):
    contact = contact_make(org)
    url = reverse("contact_preferences", args=[contact.pk])
    body = owner_client.post(
        url, {"preferred_channel": "sms", "do_not_contact": "on"}, headers=HTMX
    ).content.decode()
    assert "Marked do-not-contact" in body
    contact.refresh_from_db()
    assert (contact.preferred_channel, contact.do_not_contact) == ("sms", True)
    owner_client.post(url, {"preferred_channel": ""}, headers=HTMX)
    contact.refresh_from_db()
    assert (contact.preferred_channel, contact.do_not_contact) == ("", False)


def test_it_adds_an_e_mail_address_once(owner_client, org):
    contact = contact_make(org)
    url = reverse("contact_point_add", args=[contact.pk])
    data = {"kind": "email", "value": "ann@home.example", "label": "home"}
    assert "ann@home.example" in owner_client.post(url, data, headers=HTMX).content.decode()
    again = owner_client.post(url, data, headers=HTMX).content.decode()
    assert "this contact already has it" in again
    bad = owner_client.post(url, {"kind": "email", "value": "nope"}, headers=HTMX).content.decode()
    assert "Enter a valid email address." in bad
    assert contact.points.count() == 1


def test_an_outsider_cannot_change_preferences(client, org, outsider):
    contact = contact_make(org)
    client.force_login(outsider)
    posts = [
        ("contact_consent", {"channel": "email", "purpose": "sales", "granted": "yes"}),
        ("contact_preferences", {"do_not_contact": "on"}),
        ("contact_point_add", {"kind": "phone", "value": "+1 555 0100"}),
    ]
    for name, data in posts:
        assert client.post(reverse(name, args=[contact.pk]), data, headers=HTMX).status_code == 404
    contact.refresh_from_db()
    assert not contact.do_not_contact and not contact.points.exists()


def test_without_javascript_a_refused_consent_says_why(owner_client, org):
    contact = contact_make(org)
    url = reverse("contact_consent", args=[contact.pk])
    response = owner_client.post(url, {"channel": "pigeon", "purpose": "sales", "granted": "yes"})
    assert response["Location"] == reverse("contact_detail", args=[contact.pk])
    page = owner_client.get(response["Location"]).content.decode()
    assert (
        "Consent not saved: Channel: Select a valid choice. "
        "pigeon is not one of the available choices." in page
    )
    # "Not asked" is a disabled option: saving it without choosing sends no `granted`.
    response = owner_client.post(url, {"channel": "email", "purpose": "sales"}, follow=True)
    assert "Consent not saved: Granted: This field is required." in response.content.decode()
    assert not Consent.objects.for_org(org).exists()


def test_without_javascript_refused_preferences_say_why(owner_client, org):
    contact = contact_make(org)
    url = reverse("contact_preferences", args=[contact.pk])
    response = owner_client.post(url, {"preferred_channel": "fax", "do_not_contact": "on"})
    page = owner_client.get(response["Location"]).content.decode()
    assert (
        "Preferences not saved: Preferred channel: Select a valid choice. "
        "fax is not one of the available choices." in page
    )
    contact.refresh_from_db()
    assert (contact.preferred_channel, contact.do_not_contact) == ("", False)


def test_without_javascript_a_refused_address_says_why(owner_client, org):
    contact = contact_make(org)
    url = reverse("contact_point_add", args=[contact.pk])
    response = owner_client.post(url, {"kind": "fax", "value": ""}, follow=True)
    assert (
        "Not added: Kind: Select a valid choice. fax is not one of the available choices; "
        "Value: This field is required." in response.content.decode()
    )
    response = owner_client.post(url, {"kind": "email", "value": "nope"}, follow=True)
    assert "Not added: Enter a valid email address." in response.content.decode()
    assert not contact.points.exists()
    # A saved one says nothing.
    response = owner_client.post(url, {"kind": "phone", "value": "+1 555 0100"}, follow=True)
    assert "Not added" not in response.content.decode()
    assert contact.points.count() == 1


def test_a_bad_kind_of_address_is_said_in_words(owner_client, org):
    contact = contact_make(org)
    url = reverse("contact_point_add", args=[contact.pk])
    response = owner_client.post(url, {"kind": "fax", "value": "x"}, headers=HTMX)
    body = response.content.decode()
    assert 'name="kind" aria-invalid="true"' in body
    assert "Kind: Select a valid choice. fax is not one of the available choices." in body
    assert not contact.points.exists()
