from django.urls import path

from maturity.exemplars import views

app_name = "exemplars"
base = "organisations/<slug:slug>/exemplars/"
urlpatterns = [
    path(base, views.offers, name="offers"),
    path(base + "offers/<slug:area_key>/", views.offer, name="offer"),
    path(base + "offers/<slug:area_key>/withdraw/", views.withdraw_offer, name="withdraw-offer"),
    path(base + "help/", views.find_help, name="help"),
    path(base + "help/areas/", views.wanted, name="wanted"),
    path(base + "help/<slug:area_key>/ask/", views.ask, name="ask"),
    path(base + "requests/<int:request_id>/", views.request_detail, name="request"),
    path(base + "requests/<int:request_id>/withdraw/", views.withdraw_request, name="withdraw-request"),
    path("national/exemplars/", views.national, name="national"),
    path("national/exemplars/offers/", views.national_offers, name="national-offers"),
]
