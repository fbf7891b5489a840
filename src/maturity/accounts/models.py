"""People who sign in. An email address is the user name."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("A user needs an email address")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str) -> User:
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    # The national team (LGA / National Advisory Group): runs rounds, publishes results and
    # framework versions. Not a member of any organisation by virtue of this role.
    is_national_admin = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # The interface's language for this person (maturity/language.py); empty: the browser's.
    language = models.CharField(max_length=8, blank=True, choices=settings.LANGUAGES)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def leads_a_group(self) -> bool:
        """Whether the user leads a group. Asked by the two-factor rule, the menu and the groups'
        pages on every request, so read once per user object (a request loads its user once)."""
        return self.group_leads.exists()

    def save(self, *args, **kwargs) -> None:
        """Saves the account; when this save stores a new password for an existing account, tells
        the apps that keep credentials of their own (the API's tokens revoke themselves) and keeps
        what they say for the page (`after_password_change`)."""
        from maturity.accounts.signals import password_changed

        fields = kwargs.get("update_fields")
        new_password = self._password is not None and self.pk is not None and (fields is None or "password" in fields)
        super().save(*args, **kwargs)
        if new_password:
            replies = password_changed.send(sender=type(self), user=self)
            self.after_password_change = [note for _, note in replies if note]


class TwoFactorDevice(models.Model):
    """A user's authenticator app (TOTP, RFC 6238): the shared secret and the last time step used.

    Only a confirmed app is stored: while someone is setting one up, the new secret waits in
    their session, so an app that was never confirmed cannot lock anyone out.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="two_factor_device")
    secret = models.CharField(max_length=64)  # base32, as the app was given it
    # The highest time step whose code was accepted: a code is never accepted twice.
    last_used_step = models.BigIntegerField(default=0)
    confirmed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Authenticator app of {self.user}"


class RecoveryCode(models.Model):
    """A single-use code for signing in without the authenticator app; only its hash is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=100)  # "salt$sha256", see two_factor.hash_recovery_code
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)


class SignInAttempt(models.Model):
    """One counted event for throttling: a failed password or code, or a reset request.

    `key` is a keyed hash of what is counted (an email address, a client address, a user), so
    the table holds no addresses; rows older than the longest window are deleted as new ones
    are written. Kept in the database because the app servers are stateless.
    """

    kind = models.CharField(max_length=30)
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "key", "created_at"], name="sign_in_attempt_lookup"),
            models.Index(fields=["created_at"], name="sign_in_attempt_age"),
        ]
