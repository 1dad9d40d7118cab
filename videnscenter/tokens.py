"""Secrets carried in links: invitation tokens and e-mail activation tokens."""

import hashlib
import secrets

from django.contrib.auth.tokens import PasswordResetTokenGenerator


def new_token() -> tuple[str, str]:
    """A random 256-bit URL-safe token and the SHA-256 hash that is stored instead of it."""
    raw = secrets.token_urlsafe(32)
    return raw, hash_token(raw)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """Confirms that a person who signed up owns the address.

    Dies once it is used: the hash covers ``activation_pending``, which activation clears for
    good, so a link still works neither after staff deactivate the account nor after a reactivation.
    """

    key_salt = "videnscenter.tokens.ActivationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.is_active}{user.activation_pending}{user.email}{timestamp}"


activation_token = ActivationTokenGenerator()
