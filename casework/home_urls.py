"""The site's start page, included by the root URLconf at "/" without a namespace (`home`, as
LOGIN_REDIRECT_URL names it): everyone's home is the casework dashboard. Here rather than in
sos/urls.py, so that the organisation core imports no app."""

from django.urls import path

from casework.views import home

urlpatterns = [path("", home.home, name="home")]
