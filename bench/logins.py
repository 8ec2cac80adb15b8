"""The bench logins: every synthetic member of staff in a bench database has this password and
this TOTP key (seed_scale writes them), and totp() gives the current code, by RFC 6238 as
django-otp checks it. Bench databases only: nothing here touches real or demo logins."""

import hmac
import struct
import time

BENCH_PASSWORD = "bench-password-2026"  # noqa: S105 (synthetic bench data only)
BENCH_TOTP_KEY = b"sos-bench-totp-secret".hex()


def totp(key_hex: str, *, step: int = 30, digits: int = 6) -> str:
    counter = struct.pack(">Q", int(time.time()) // step)
    digest = hmac.new(bytes.fromhex(key_hex), counter, "sha1").digest()
    offset = digest[-1] & 0x0F
    code = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{code % 10**digits:0{digits}d}"
