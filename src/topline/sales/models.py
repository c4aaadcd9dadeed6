from django.db import models
from django.db.models import Q

from topline.contacts.models import Company, Contact
from topline.core.models import TenantModel
from topline.deals.models import Deal


class Product(TenantModel):
    code = models.CharField(max_length=64)
    name = models.CharField(max_length=200)
    series = models.CharField(max_length=100, blank=True)
    price_micros = models.BigIntegerField(default=0)
    currency = models.CharField(max_length=3)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="product_unique_code")
        ]

    def __str__(self) -> str:
        return self.name


class Order(TenantModel):
    """A purchase. Its customer is a company (B2B) or a contact (B2C), or unknown."""

    number = models.CharField(max_length=64)
    ordered_on = models.DateField()
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.PROTECT, related_name="orders"
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.PROTECT, related_name="orders"
    )
    deal = models.OneToOneField(
        Deal, null=True, blank=True, on_delete=models.SET_NULL, related_name="order"
    )
    currency = models.CharField(max_length=3)
    # Σ of the lines' totals, kept by the services that write lines: the monthly revenue
    # query sums orders (tens of thousands) rather than lines (hundreds of thousands).
    total_micros = models.BigIntegerField(default=0)
    line_count = models.PositiveIntegerField(default=0)
    # The customer's first-touch source and campaign at the time of the order.
    source = models.CharField(max_length=100, blank=True)
    campaign = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["organization", "ordered_on"], name="order_org_date"),
            models.Index(fields=["organization", "company", "ordered_on"], name="order_org_co"),
            models.Index(fields=["organization", "contact", "ordered_on"], name="order_org_ct"),
            # The order list sorted by total (biggest first).
            models.Index(fields=["organization", "total_micros"], name="order_org_total"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="order_unique_number")
        ]

    @property
    def customer(self):
        return self.company or self.contact

    def __str__(self) -> str:
        return f"Order {self.number}"


class OrderLine(TenantModel):
    """One line, with a snapshot of what was sold at what price: product edits never
    rewrite history."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    line_no = models.PositiveIntegerField()
    product = models.ForeignKey(
        Product, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    product_code = models.CharField(max_length=64, blank=True)
    product_name = models.CharField(max_length=200, blank=True)
    quantity = models.DecimalField(max_digits=14, decimal_places=4)
    unit_price_micros = models.BigIntegerField()
    discount = models.DecimalField(max_digits=5, decimal_places=4, default=0)
    # quantity × unit price × (1 − discount); negative for returns and cancellations.
    total_micros = models.BigIntegerField()

    class Meta:
        ordering = ["line_no"]
        constraints = [
            models.UniqueConstraint(fields=["order", "line_no"], name="orderline_unique_no"),
            models.CheckConstraint(
                condition=Q(discount__gte=0) & Q(discount__lte=1), name="orderline_discount"
            ),
        ]


class DealLine(TenantModel):
    """A product line on a deal: what the deal's amount is made of."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(max_digits=14, decimal_places=4, default=1)
    unit_price_micros = models.BigIntegerField()
    discount = models.DecimalField(max_digits=5, decimal_places=4, default=0)
    total_micros = models.BigIntegerField()
