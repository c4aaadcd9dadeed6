"""`topline token create --org SLUG --user USERNAME --name NAME`: a personal API token.

The secret is printed once, alone on stdout (so a script can capture it); only its hash is
kept, so a lost token is replaced, never recovered.
"""

from django.core.management.base import BaseCommand, CommandError

from topline.accounts.models import Organization, User
from topline.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for a user in one organization; prints the secret once."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="create a token and print its secret")
        create.add_argument("--org", required=True, help="organization slug")
        create.add_argument("--user", required=True, help="username of a member")
        create.add_argument("--name", required=True, help="what the token is for, e.g. 'zapier'")

    def handle(self, *args, action, org, user, name, **options):
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise CommandError(f"no organization with slug {org!r}")
        member = User.objects.filter(username=user).first()
        if member is None:
            raise CommandError(f"no user {user!r}")
        try:
            token, secret = api_token_create(organization=organization, user=member, name=name)
        except ValueError as exc:
            raise CommandError(f"{user} is not a member of {org}") from exc
        self.stdout.write(secret)
        self.stderr.write(
            f"Token {token.name!r} ({token.prefix}…) for {member.username} in {organization.slug}. "
            "Store it now: it is not shown again."
        )
