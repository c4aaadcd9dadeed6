# Handwritten: indexes for the list search (topline.core.search); no model state changes.

from django.db import migrations

from topline.core.search import search_index


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0002_contact_source_index'),
    ]

    operations = [
        search_index('contacts_company', ['name', 'domain']),
        search_index('contacts_contact', ['first_name', 'last_name', 'email']),
    ]
