"""How django-axes recognises and names a sign-in attempt (see AXES_* in settings)."""

import hashlib

# The width of django-axes' username column; an email address is at most 254 characters.
USERNAME_WIDTH = 255


def username(request, credentials) -> str | None:
    """The email address an attempt was for, as one account: trimmed and lower-cased, so that
    changing the case of the address does not start a fresh count of failures. Cut to the
    lockout record's column: anything longer is no one's address (it was a server error)."""
    typed = (credentials or {}).get("username") or request.POST.get("username")
    return typed.strip().lower()[:USERNAME_WIDTH] if typed else None


def client_str(username, ip_address, user_agent, path_info, request) -> str:
    """A log label for a sign-in attempt: a short hash of the username (enough to tie the
    lines of one attacked account together) and the path, but no email address."""
    digest = hashlib.sha256((username or "").encode()).hexdigest()[:12]
    return f"username-hash={digest} path={path_info}"
