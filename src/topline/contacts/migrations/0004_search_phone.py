# Handwritten: the contact search also covers the phone number (topline.core.search).

from django.db import migrations

from topline.core.search import search_index


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0003_search_index'),
    ]

    operations = [
        search_index(
            'contacts_contact',
            ['first_name', 'last_name', 'email', 'phone'],
            replaces=['first_name', 'last_name', 'email'],
        ),
    ]
