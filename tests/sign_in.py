"""Signing in for tests the way a real sign-in ends: password and a verified second factor."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from sos.middleware import RENEWED_AT, SIGNED_IN_AT
from sos.two_factor import SECOND_FACTOR_AT


def sign_in(client, user):
    """Sign `user` in on `client` with a confirmed TOTP device verified in the session."""
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Test authenticator", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[SECOND_FACTOR_AT] = int(time.time())
    # As the response to a real sign-in leaves it (SessionLifetimeMiddleware): signed in and
    # renewed just now, so the next minute's pages do not write the session again.
    session[SIGNED_IN_AT] = session[RENEWED_AT] = time.time()
    session.save()
    return client
