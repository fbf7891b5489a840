"""Managing the people of an organisation: members, roles and invitations."""

from maturity.organisations.views import organisation_home as people

invite = change_role = cancel_invitation = people
