# Handwritten: indexes for the list search (topline.core.search); no model state changes.

from django.db import migrations

from topline.core.search import search_index


class Migration(migrations.Migration):

    dependencies = [
        ('deals', '0003_customer_and_owner_indexes'),
    ]

    operations = [
        search_index('deals_deal', ['title']),
    ]
