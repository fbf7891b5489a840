from django.urls import path

from maturity.accounts import invitation_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/sent/", views.password_reset_sent, name="password-reset-sent"),
    path("password-reset/done/", views.password_reset_complete, name="password-reset-complete"),
    path("password-reset/<uidb64>/<token>/", views.SetNewPassword.as_view(), name="password-reset-confirm"),
    path("profile/", views.profile, name="profile"),
    path("profile/details/", views.change_details, name="change-details"),
    path("profile/password/", views.change_password, name="change-password"),
    path("invitations/<str:token>/", invitation_views.accept_invitation, name="accept-invitation"),
]
