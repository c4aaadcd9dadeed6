"""API tokens of an organization:

    topline token create --org SLUG --user USERNAME --name NAME
    topline token list --org SLUG
    topline token revoke --org SLUG PREFIX

`create` prints the secret once, alone on stdout (so a script can capture it); only its hash
is kept, so a lost token is replaced, never recovered. `list` shows each token's prefix (the
start of its secret), which `revoke` takes; a revoked token is deleted and answers 401.
"""

from django.core.management.base import BaseCommand, CommandError

from topline.accounts.models import ApiToken, Organization, User
from topline.accounts.services import api_token_create

NAME_MAX = ApiToken._meta.get_field("name").max_length


def _name(value: str) -> str:
    name = value.strip()
    if not name:
        raise CommandError("--name must not be blank: say what the token is for, e.g. 'zapier'")
    if len(name) > NAME_MAX:
        raise CommandError(f"--name is at most {NAME_MAX} characters (this one has {len(name)})")
    try:
        name.encode("utf-8")
    except UnicodeEncodeError as exc:  # undecodable bytes in argv arrive as lone surrogates
        raise CommandError("--name is not valid UTF-8 text") from exc
    return name


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"


class Command(BaseCommand):
    help = "Create (printing the secret once), list or revoke API tokens of an organization."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="create a token and print its secret")
        create.add_argument("--org", required=True, help="organization slug")
        create.add_argument("--user", required=True, help="username of a member")
        create.add_argument(
            "--name", required=True, help=f"what the token is for, e.g. 'zapier' (≤ {NAME_MAX})"
        )
        listing = actions.add_parser("list", help="the organization's tokens, oldest first")
        listing.add_argument("--org", required=True, help="organization slug")
        revoke = actions.add_parser("revoke", help="delete a token: it answers 401 from now on")
        revoke.add_argument("--org", required=True, help="organization slug")
        revoke.add_argument("prefix", help="the token's prefix, as `list` shows it (tl_…)")

    def handle(self, *args, action, org, **options):
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise CommandError(f"no organization with slug {org!r}")
        if action == "create":
            self._create(organization, options["user"], _name(options["name"]))
        elif action == "list":
            self._list(organization)
        else:
            self._revoke(organization, options["prefix"])

    def _create(self, organization, username: str, name: str) -> None:
        member = User.objects.filter(username=username).first()
        if member is None:
            raise CommandError(f"no user {username!r}")
        try:
            token, secret = api_token_create(organization=organization, user=member, name=name)
        except ValueError as exc:
            raise CommandError(f"{username} is not a member of {organization.slug}") from exc
        self.stdout.write(secret)
        self.stderr.write(
            f"Token {token.name!r} ({token.prefix}…) for {member.username} in {organization.slug}. "
            "Store it now: it is not shown again."
        )

    def _tokens(self, organization):
        return (
            ApiToken.objects.filter(organization=organization)
            .select_related("user")
            .order_by("created_at", "pk")
        )

    def _list(self, organization) -> None:
        tokens = list(self._tokens(organization))
        if not tokens:
            self.stderr.write(f"No API tokens in {organization.slug}.")
            return
        rows = [
            (f"{t.prefix}…", t.name, t.user.username, _when(t.created_at), _when(t.last_used_at))
            for t in tokens
        ]
        header = ("PREFIX", "NAME", "USER", "CREATED", "LAST USED")
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            self.stdout.write(
                "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )

    def _revoke(self, organization, prefix: str) -> None:
        prefix = prefix.strip().rstrip("…")
        tokens = list(self._tokens(organization).filter(prefix=prefix)) if prefix else []
        if not tokens:
            raise CommandError(
                f"no token with prefix {prefix!r} in {organization.slug}; "
                f"`topline token list --org {organization.slug}` shows them"
            )
        ApiToken.objects.filter(pk__in=[t.pk for t in tokens]).delete()
        for token in tokens:
            self.stdout.write(
                f"Revoked token {token.name!r} ({token.prefix}…) of {token.user.username} "
                f"in {organization.slug}."
            )
