# Handwritten: indexes for the list search (topline.core.search); no model state changes.

from django.db import migrations

from topline.core.search import search_index


class Migration(migrations.Migration):

    dependencies = [
        ('leads', '0002_list_sort_indexes'),
    ]

    operations = [
        search_index('leads_lead', ['first_name', 'last_name', 'email', 'company_name']),
    ]
