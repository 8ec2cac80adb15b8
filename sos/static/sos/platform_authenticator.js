// On the code page: tell the server whether this device has a built-in authenticator
// (fingerprint, face or screen lock), which only the browser knows, so a passkey is offered
// after the code only where one can be made (sos/passkey_offer.py).
const form = document.querySelector("input[name=code]")?.form;
const check = window.PublicKeyCredential?.isUserVerifyingPlatformAuthenticatorAvailable;
if (form && check) {
  PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable().then((available) => {
    if (available) {
      const field = document.createElement("input");
      Object.assign(field, { type: "hidden", name: "platform_authenticator", value: "yes" });
      form.append(field);
    }
  });
}
