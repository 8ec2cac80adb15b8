// After django-otp-webauthn's script registers a passkey, go to the page that names it, so
// the list on the account page never holds a passkey its owner cannot tell apart. The page
// that adds it (the account page, or the offer after sign-in) says where that is.
document.addEventListener("otp_webauthn.register_complete", (event) => {
  const adding = document.querySelector("[data-name-url]");
  window.location.assign(adding.dataset.nameUrl.replace("/0/", `/${event.detail.id}/`));
});
