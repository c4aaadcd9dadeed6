"""`topline createuser`: a user with a membership in an organization (created if missing)."""

import getpass
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from topline.accounts.models import Role, User
from topline.accounts.services import organization_get_or_create, user_create


class Command(BaseCommand):
    help = "Create a user in an organization; the organization is created if it does not exist."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--org", required=True, metavar="SLUG", help="organization slug")
        parser.add_argument("--password", help="the password (asked for when left out)")
        parser.add_argument("--role", choices=Role.values, default=Role.OWNER)
        parser.add_argument("--email", default="")

    def handle(self, *args, username, org, password, role, email, **options):
        # On a fresh install this may be the first command run, before `serve`.
        call_command("migrate", interactive=False, verbosity=0)
        if User.objects.filter(username=username).exists():
            raise CommandError(f"a user named {username!r} already exists")
        user = User(username=username, email=email)
        if password is None:
            password = self._ask_password(user)
        else:
            self._check_password(password, user)
        try:
            with transaction.atomic():
                organization, org_created = organization_get_or_create(slug=org)
                user_create(
                    username=username,
                    password=password,
                    organization=organization,
                    role=role,
                    email=email,
                )
        except ValidationError as exc:
            raise CommandError(_describe(exc)) from exc
        if org_created:
            self.stdout.write(f"Created organization {organization.slug!r}.")
        self.stdout.write(
            self.style.SUCCESS(f"Created user {username!r} ({role}) in {organization.slug!r}.")
        )

    def _ask_password(self, user) -> str:
        if not sys.stdin.isatty():
            raise CommandError("give --password, or run in a terminal to be asked for one")
        while True:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The passwords do not match.")
                continue
            try:
                validate_password(password, user)
            except ValidationError as exc:
                self.stderr.write(" ".join(exc.messages))
                continue
            return password

    def _check_password(self, password: str, user) -> None:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("password: " + " ".join(exc.messages)) from exc


def _describe(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)
