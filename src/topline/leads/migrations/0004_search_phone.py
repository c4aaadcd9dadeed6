# Handwritten: the lead search also covers the phone number (topline.core.search).

from django.db import migrations

from topline.core.search import search_index


class Migration(migrations.Migration):

    dependencies = [
        ('leads', '0003_search_index'),
    ]

    operations = [
        search_index(
            'leads_lead',
            ['first_name', 'last_name', 'email', 'company_name', 'phone'],
            replaces=['first_name', 'last_name', 'email', 'company_name'],
        ),
    ]
