from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person who signs in to rsec. Tenancy and role are added by the accounts app."""
