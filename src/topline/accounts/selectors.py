from topline.accounts.models import Membership, Organization, User


def organization_for_user(user, org_id=None) -> Organization | None:
    """The organization a signed-in user works in: the one chosen in the session, else the first."""
    memberships = Membership.objects.filter(user=user).select_related("organization")
    if org_id:
        chosen = memberships.filter(organization_id=org_id).first()
        if chosen:
            return chosen.organization
    first = memberships.order_by("id").first()
    return first.organization if first else None


def users_for_org(org):
    return User.objects.filter(memberships__organization=org).order_by("first_name", "username")
