"""Signals of the accounts app, for apps above it that it must not import."""

from django.dispatch import Signal

# Sent with `user` after an existing account's new password is saved (changed, reset by email, or
# set by an administrator). A receiver may return a sentence for the person, shown on the page.
password_changed = Signal()
