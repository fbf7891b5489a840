"""Two-factor authentication: codes from an authenticator app (TOTP), recovery codes, setting it up
from the profile, the second step of signing in, and who must use it."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from django.urls import reverse

from maturity.accounts import two_factor
from maturity.accounts.models import RecoveryCode, TwoFactorDevice
from maturity.groups.models import Group, GroupLead
from tests.factories import PASSWORD, give_two_factor, make_national_admin, make_user
from tests.html import element, elements

SIGN_IN = reverse("accounts:sign-in")
CODE = reverse("accounts:two-factor-code")
RECOVERY = reverse("accounts:recovery-code")
OVERVIEW = reverse("accounts:two-factor")
SET_UP = reverse("accounts:two-factor-set-up")
CODES = reverse("accounts:recovery-codes")
DOWNLOAD = reverse("accounts:recovery-codes-download")
NEW_CODES = reverse("accounts:recovery-codes-new")
TURN_OFF = reverse("accounts:two-factor-turn-off")
PROFILE = reverse("accounts:profile")


def next_code(secret: str) -> str:
    """The code of the next time step: accepted (clock drift) even after this step's code was used."""
    return pyotp.TOTP(secret).at(time.time() + 30)


def sign_in_with_password(client, user, **extra):
    return client.post(SIGN_IN, {"email": user.email, "password": PASSWORD, **extra})


def secret_on(page_html: str) -> str:
    match = re.search(r'<code id="two-factor-secret"[^>]*>([A-Z2-7 ]+)</code>', page_html)
    assert match, "the set-up page shows the secret as text"
    return match.group(1).replace(" ", "")


def set_up_in(client) -> tuple[str, list[str]]:
    """Set up an app from the profile as a person would; returns its secret and the recovery codes shown."""
    secret = secret_on(client.get(SET_UP).content.decode())
    response = client.post(SET_UP, {"code": pyotp.TOTP(secret).now()})
    assert response["Location"] == CODES
    codes = re.findall(r"<code[^>]*>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</code>", client.get(CODES).content.decode())
    return secret, codes


# --- codes from the app (pure functions) -----------------------------------------------------------

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def test_a_code_of_the_current_time_step_matches_it():
    at = 1_800_000_015.0
    assert two_factor.matching_step(SECRET, pyotp.TOTP(SECRET).at(at), at=at) == int(at) // 30


def test_codes_one_step_either_side_are_accepted_for_clock_drift():
    at = 1_800_000_015.0
    for offset in (-30, 30):
        assert two_factor.matching_step(SECRET, pyotp.TOTP(SECRET).at(at + offset), at=at) == (int(at) + offset) // 30


def test_codes_two_steps_away_are_refused():
    at = 1_800_000_015.0
    assert two_factor.matching_step(SECRET, pyotp.TOTP(SECRET).at(at - 60), at=at) is None
    assert two_factor.matching_step(SECRET, pyotp.TOTP(SECRET).at(at + 60), at=at) is None


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", "12 34 5x"])
def test_malformed_codes_are_refused(code):
    assert two_factor.matching_step(SECRET, code) is None


def test_spaces_in_a_code_do_not_matter():
    at = 1_800_000_015.0
    code = pyotp.TOTP(SECRET).at(at)
    assert two_factor.matching_step(SECRET, f"{code[:3]} {code[3:]}", at=at) is not None


def test_recovery_codes_are_hashed_with_their_own_salt():
    first, second = two_factor.hash_recovery_code("abcd-efgh-jkmn"), two_factor.hash_recovery_code("abcd-efgh-jkmn")
    assert first != second and "abcd" not in first
    salt = first.split("$")[0]
    assert two_factor.hash_recovery_code("ABCD EFGH JKMN", salt=salt) == first  # case and separators do not matter


def test_the_qr_code_is_an_inline_svg_with_a_text_alternative():
    svg = str(two_factor.qr_code_svg("otpauth://totp/x?secret=" + SECRET))
    assert svg.startswith('<svg role="img" aria-label="QR code for your authenticator app"')
    assert elements(svg, "title") and not elements(svg, "script") and not elements(svg, style=True)
    assert not elements(svg, "image")


# --- codes for a user ------------------------------------------------------------------------------


def test_a_code_is_accepted_only_once(lead):
    secret = give_two_factor(lead)
    code = pyotp.TOTP(secret).now()
    assert two_factor.verify_code(lead, code)
    assert not two_factor.verify_code(lead, code)


def test_a_code_older_than_the_last_one_used_is_refused(lead):
    secret = give_two_factor(lead)
    assert two_factor.verify_code(lead, next_code(secret))
    assert not two_factor.verify_code(lead, pyotp.TOTP(secret).now())


def test_ten_recovery_codes_are_stored_hashed_and_each_works_once(lead):
    give_two_factor(lead)
    codes = two_factor.make_recovery_codes(lead)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = list(RecoveryCode.objects.filter(user=lead).values_list("code_hash", flat=True))
    assert all(code not in "".join(stored) for code in codes)
    assert two_factor.use_recovery_code(lead, codes[3].upper())
    assert not two_factor.use_recovery_code(lead, codes[3])
    assert two_factor.recovery_codes_left(lead) == 9


def test_new_recovery_codes_replace_the_old_ones(lead):
    old = two_factor.make_recovery_codes(lead)
    two_factor.make_recovery_codes(lead)
    assert not two_factor.use_recovery_code(lead, old[0])


# --- setting it up from the profile ---------------------------------------------------------------------


def test_the_profile_says_whether_two_factor_is_on(client, lead):
    client.force_login(lead)
    html = client.get(PROFILE).content.decode()
    assert "Two-factor authentication" in html and "Off" in html and elements(html, "a", href=OVERVIEW)
    give_two_factor(lead)
    assert "On since" in client.get(PROFILE).content.decode()


def test_the_set_up_page_shows_a_qr_code_and_the_secret_as_text(client, lead):
    client.force_login(lead)
    html = client.get(SET_UP).content.decode()
    secret = secret_on(html)
    assert len(secret) == 32
    assert elements(html, "svg", role="img") and not elements(element(html, "main"), "img")
    assert elements(html, "input", autocomplete="one-time-code", inputmode="numeric")
    assert secret_on(client.get(SET_UP).content.decode()) == secret  # the same secret until it is confirmed


def test_setting_up_needs_a_code_from_the_new_app(client, lead):
    client.force_login(lead)
    client.get(SET_UP)
    response = client.post(SET_UP, {"code": "000000"})
    assert response.status_code == 200
    assert "The code is not correct" in response.content.decode()
    assert not TwoFactorDevice.objects.filter(user=lead).exists()


def test_a_code_in_the_wrong_format_gets_the_format_message(client, lead):
    client.force_login(lead)
    html = client.post(SET_UP, {"code": "12ab"}).content.decode()
    assert "Enter the code as 6 numbers, like 123456" in html
    assert elements(html, "a", href="#id_code")


def test_a_correct_code_turns_it_on_and_shows_ten_recovery_codes_once(client, lead):
    client.force_login(lead)
    secret, codes = set_up_in(client)
    assert TwoFactorDevice.objects.get(user=lead).secret == secret
    assert len(codes) == 10
    assert RecoveryCode.objects.filter(user=lead).count() == 10
    response = client.post(CODES)
    assert response["Location"] == OVERVIEW
    assert client.get(CODES)["Location"] == OVERVIEW  # not shown again
    assert "Two-factor authentication is on" in client.get(OVERVIEW).content.decode()


def test_recovery_codes_download_as_text_until_the_person_moves_on(client, lead):
    client.force_login(lead)
    _, codes = set_up_in(client)
    download = client.get(DOWNLOAD)
    assert download["Content-Type"] == "text/plain; charset=utf-8"
    assert download["Content-Disposition"] == 'attachment; filename="recovery-codes.txt"'
    assert all(code in download.content.decode() for code in codes)
    client.post(CODES)
    assert client.get(DOWNLOAD).status_code == 302


def test_changing_the_app_keeps_the_old_one_until_the_new_one_is_confirmed(client, lead):
    old_secret = give_two_factor(lead)
    client.force_login(lead)
    new_secret = secret_on(client.get(SET_UP).content.decode())
    assert TwoFactorDevice.objects.get(user=lead).secret == old_secret
    client.post(SET_UP, {"code": pyotp.TOTP(new_secret).now()})
    assert TwoFactorDevice.objects.get(user=lead).secret == new_secret


def test_new_recovery_codes_need_a_code_from_the_app(client, lead):
    secret = give_two_factor(lead)
    old = two_factor.make_recovery_codes(lead)
    client.force_login(lead)
    assert client.post(NEW_CODES, {"code": "000000"}).status_code == 200
    assert two_factor.recovery_codes_left(lead) == 10
    response = client.post(NEW_CODES, {"code": next_code(secret)})
    assert response["Location"] == CODES
    assert not two_factor.use_recovery_code(lead, old[0])


def test_others_turn_it_off_with_their_password(client, lead):
    give_two_factor(lead)
    two_factor.make_recovery_codes(lead)
    client.force_login(lead)
    refused = client.post(TURN_OFF, {"password": "not my password"})
    assert "Your password is incorrect" in refused.content.decode()
    assert two_factor.has_two_factor(lead)
    assert client.post(TURN_OFF, {"password": PASSWORD})["Location"] == OVERVIEW
    assert not two_factor.has_two_factor(lead)
    assert not RecoveryCode.objects.filter(user=lead).exists()


def test_someone_without_a_password_turns_it_off_with_a_code(client, lead):
    secret = give_two_factor(lead)
    lead.set_unusable_password()
    lead.save()
    client.force_login(lead)
    assert elements(client.get(TURN_OFF), "input", name="code")
    client.post(TURN_OFF, {"code": next_code(secret)})
    assert not two_factor.has_two_factor(lead)


def test_a_national_admin_cannot_turn_it_off(client, db):
    admin = make_national_admin()
    client.force_login(admin)
    assert "Turn off" not in client.get(OVERVIEW).content.decode()
    response = client.post(TURN_OFF, {"password": PASSWORD})
    assert response.status_code == 403
    assert "National administrators and group leads must use two-factor authentication" in response.content.decode()
    assert two_factor.has_two_factor(admin)


def test_a_group_lead_cannot_turn_it_off(client, lead):
    give_two_factor(lead)
    GroupLead.objects.create(group=Group.objects.create(slug="hub", name="Hub", kind=Group.Kind.CONSORTIUM), user=lead)
    client.force_login(lead)
    assert client.post(TURN_OFF, {"password": PASSWORD}).status_code == 403
    assert two_factor.has_two_factor(lead)


# --- the second step of signing in ---------------------------------------------------------------------


def test_someone_with_an_app_is_not_signed_in_until_they_enter_a_code(client, lead):
    give_two_factor(lead)
    response = sign_in_with_password(client, lead)
    assert response["Location"] == CODE
    assert "_auth_user_id" not in client.session
    assert client.get(PROFILE)["Location"].startswith(SIGN_IN)  # half signed in is signed out everywhere else
    html = client.get(CODE).content.decode()
    assert "Enter the code from your authenticator app" in html
    assert elements(html, "a", href=RECOVERY)


def test_a_correct_code_signs_in_and_goes_where_the_person_was_going(client, lead):
    secret = give_two_factor(lead)
    sign_in_with_password(client, lead, next="/framework/")
    response = client.post(CODE, {"code": pyotp.TOTP(secret).now()})
    assert response["Location"] == "/framework/"
    assert client.session["_auth_user_id"] == str(lead.pk)


def test_a_correct_code_without_next_goes_to_the_start_page(client, lead, camden):
    secret = give_two_factor(lead)
    sign_in_with_password(client, lead)
    response = client.post(CODE, {"code": pyotp.TOTP(secret).now()})
    assert response["Location"] == reverse("organisations:home", kwargs={"slug": camden.slug})


def test_each_step_of_signing_in_gets_a_new_session_key(client, lead):
    secret = give_two_factor(lead)
    client.get(SIGN_IN)
    client.session.save()
    keys = [client.session.session_key]
    sign_in_with_password(client, lead)
    keys.append(client.session.session_key)
    client.post(CODE, {"code": pyotp.TOTP(secret).now()})
    keys.append(client.session.session_key)
    assert len(set(keys)) == 3


def test_a_wrong_code_keeps_the_person_signed_out(client, lead):
    give_two_factor(lead)
    sign_in_with_password(client, lead)
    response = client.post(CODE, {"code": "000000"})
    assert response.status_code == 200
    assert "The code is not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_code_used_once_does_not_sign_in_again(client, lead):
    secret = give_two_factor(lead)
    code = pyotp.TOTP(secret).now()
    sign_in_with_password(client, lead)
    client.post(CODE, {"code": code})
    client.post(reverse("accounts:sign-out"))
    sign_in_with_password(client, lead)
    assert client.post(CODE, {"code": code}).status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_signs_in_once_and_says_how_many_are_left(client, lead, camden):
    give_two_factor(lead)
    codes = two_factor.make_recovery_codes(lead)
    sign_in_with_password(client, lead)
    response = client.post(RECOVERY, {"code": codes[0]})
    assert client.session["_auth_user_id"] == str(lead.pk)
    assert "You have 9 left" in client.get(response["Location"]).content.decode()
    client.post(reverse("accounts:sign-out"))
    sign_in_with_password(client, lead)
    assert "The recovery code is not correct" in client.post(RECOVERY, {"code": codes[0]}).content.decode()
    assert "_auth_user_id" not in client.session


def test_the_code_pages_without_a_password_first_go_to_sign_in(client, db):
    assert client.get(CODE)["Location"] == SIGN_IN
    assert client.post(RECOVERY, {"code": "abcd-efgh-jkmn"})["Location"] == SIGN_IN


def test_a_pending_sign_in_lasts_ten_minutes(client, lead):
    secret = give_two_factor(lead)
    sign_in_with_password(client, lead)
    session = client.session
    session[two_factor.PENDING_KEY]["started"] -= two_factor.PENDING_SECONDS + 1
    session.save()
    assert client.post(CODE, {"code": pyotp.TOTP(secret).now()})["Location"] == SIGN_IN
    assert "_auth_user_id" not in client.session


def test_someone_without_an_app_is_signed_in_by_their_password_alone(client, lead):
    sign_in_with_password(client, lead)
    assert client.session["_auth_user_id"] == str(lead.pk)


# --- who must use it ------------------------------------------------------------------------------------


def test_a_national_admin_without_an_app_is_sent_to_set_one_up_before_any_other_page(client, db):
    admin = make_user("Nadia National")
    admin.is_national_admin = True
    admin.save()
    response = sign_in_with_password(client, admin)
    assert client.session["_auth_user_id"] == str(admin.pk)
    for path in (response["Location"], "/national/", PROFILE, "/organisations/", "/framework/"):
        assert client.get(path)["Location"] == SET_UP, path
    html = client.get(SET_UP).content.decode()
    assert "National administrators and group leads must use two-factor authentication" in html


def test_a_group_lead_without_an_app_is_sent_to_set_one_up(client, lead):
    GroupLead.objects.create(group=Group.objects.create(slug="hub", name="Hub", kind=Group.Kind.CONSORTIUM), user=lead)
    client.force_login(lead)
    assert client.get(PROFILE)["Location"] == SET_UP


def test_setting_it_up_lets_them_through(client, db):
    admin = make_user("Nadia National")
    admin.is_national_admin = True
    admin.save()
    client.force_login(admin)
    set_up_in(client)
    client.post(CODES)
    assert client.get(PROFILE).status_code == 200


def test_they_can_still_sign_out_while_made_to_set_it_up(client, db):
    admin = make_user("Nadia National")
    admin.is_national_admin = True
    admin.save()
    client.force_login(admin)
    assert client.get(reverse("accounts:sign-out")).status_code == 200
    assert client.post(reverse("accounts:sign-out"))["Location"] == reverse("accounts:signed-out")


def test_ordinary_members_are_not_made_to_set_it_up(client, lead, camden):
    client.force_login(lead)
    assert client.get(PROFILE).status_code == 200


def test_the_django_admin_sign_in_sends_people_to_the_services_own(client, db):
    response = client.get("/django-admin/login/", {"next": "/django-admin/"})
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next=%2Fdjango-admin%2F"


def test_operators_can_delete_someones_lost_authenticator_app_in_the_admin(client, lead):
    from maturity.accounts.models import User

    give_two_factor(lead)
    operator = User.objects.create_superuser(
        email="operator@example.gov.uk", password=PASSWORD, full_name="Olive Operator"
    )
    give_two_factor(operator)
    client.force_login(operator)
    url = reverse("admin:accounts_user_change", args=[lead.pk])
    page = client.get(url).content.decode()
    assert elements(page, "input", name="two_factor_device-0-DELETE")
    assert two_factor.device_of(lead).secret not in page  # the secret is never shown


def test_whoever_was_signed_in_is_signed_out_while_someone_else_enters_their_code(client, lead, contributor):
    give_two_factor(contributor)
    client.force_login(lead)
    sign_in_with_password(client, contributor)
    assert "_auth_user_id" not in client.session
    assert client.get(PROFILE).status_code == 302
