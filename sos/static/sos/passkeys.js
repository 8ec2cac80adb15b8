// After django-otp-webauthn's script registers a passkey, go to the page that names it, so
// the list on the account page never holds a passkey its owner cannot tell apart.
document.addEventListener("otp_webauthn.register_complete", (event) => {
  const list = document.getElementById("passkeys");
  window.location.assign(list.dataset.nameUrl.replace("/0/", `/${event.detail.id}/`));
});
