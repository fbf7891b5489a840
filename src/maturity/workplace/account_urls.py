from django.urls import path

from maturity.accounts import invitation_views, sso_views, two_factor_views, views
from maturity.workplace import personal_data_views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in/single-sign-on/", sso_views.start, name="sso-start"),
    path("sign-in/single-sign-on/callback/", sso_views.callback, name="sso-callback"),
    path("sign-in/code/", two_factor_views.enter_code, name="two-factor-code"),
    path("sign-in/recovery-code/", two_factor_views.enter_recovery_code, name="recovery-code"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/sent/", views.password_reset_sent, name="password-reset-sent"),
    path("password-reset/done/", views.password_reset_complete, name="password-reset-complete"),
    path("password-reset/<uidb64>/<token>/", views.SetNewPassword.as_view(), name="password-reset-confirm"),
    path("profile/", views.profile, name="profile"),
    path("profile/details/", views.change_details, name="change-details"),
    path("profile/password/", views.change_password, name="change-password"),
    path("profile/language/", views.change_language, name="change-language"),
    path("profile/personal-data/", personal_data_views.overview, name="personal-data"),
    path("profile/personal-data/download/", personal_data_views.download, name="personal-data-download"),
    path("profile/delete/", personal_data_views.delete_account, name="delete-account"),
    path("deleted/", personal_data_views.account_deleted, name="account-deleted"),
    path("profile/two-factor/", two_factor_views.overview, name="two-factor"),
    path("profile/two-factor/set-up/", two_factor_views.set_up, name="two-factor-set-up"),
    path("profile/two-factor/recovery-codes/", two_factor_views.recovery_codes, name="recovery-codes"),
    path(
        "profile/two-factor/recovery-codes/download/",
        two_factor_views.download_recovery_codes,
        name="recovery-codes-download",
    ),
    path("profile/two-factor/recovery-codes/new/", two_factor_views.new_recovery_codes, name="recovery-codes-new"),
    path("profile/two-factor/turn-off/", two_factor_views.turn_off, name="two-factor-turn-off"),
    path("session-ended/", views.session_ended, name="session-ended"),
    path("invitations/<str:token>/", invitation_views.accept_invitation, name="accept-invitation"),
]
