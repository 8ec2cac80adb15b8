"""Returning to the page an action started from: the page passes its own address as `next`
(a query parameter on the link, carried by the form that posts back to the same address), and
the view goes back there after saving, rather than always to the client's details (issue 18.6).

`next` comes from the request, so it is someone's text: only a path on this site is followed.
Anything else (another site, `//evil`, `\\\\evil`, `javascript:`, an absolute URL, a control
character such as NUL, tab or a line break, which browsers drop and headers refuse, or a bare
word that `redirect` would read as a view name) falls back to the view's own default page."""

from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

NEXT = "next"


def safe_next(request, default: str, *args, **kwargs) -> str:
    """`next` from the query string or form if it is a path on this site, else `default` (a
    URL or view name with its arguments)."""
    url = request.POST.get(NEXT) or request.GET.get(NEXT) or ""
    if (
        url.startswith("/")
        and not url.startswith(("//", "/\\"))
        and not any(ord(character) < 32 or ord(character) == 127 for character in url)
        and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return url
    return resolve_url(default, *args, **kwargs)


def redirect_back(request, default: str, *args, **kwargs):
    """Redirect to where the action started (safe_next), else to `default`."""
    return redirect(safe_next(request, default, *args, **kwargs))
