// KegAuth passkeys: the login page's "Sign in with a passkey" button and the passkeys page's
// "Add a passkey". Each calls its page's JSON handlers (options, then the authenticator's answer)
// with the page's antiforgery token, and navigator.credentials.get / create in between.
(() => {
    'use strict';

    // WebAuthn's JSON parsers refuse null where a member is optional: drop nulls.
    const clean = (value) => {
        if (Array.isArray(value)) return value.map(clean);
        if (value && typeof value === 'object') {
            return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, clean(v)]));
        }
        return value;
    };

    const post = async (box, url, body) => {
        const token = box.querySelector('input[name="__RequestVerificationToken"]');
        const response = await fetch(url, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token ? token.value : '' },
            body: JSON.stringify(body || {}),
        });
        let data = null;
        try { data = await response.json(); } catch { data = null; }
        return { ok: response.ok, data };
    };

    const wire = (box, buttonId, run) => {
        const button = box.querySelector('#' + buttonId);
        const error = box.querySelector('#passkey-error');
        const show = (message) => { error.textContent = message; error.hidden = false; };
        if (!window.PublicKeyCredential || !PublicKeyCredential.parseRequestOptionsFromJSON) {
            button.disabled = true;
            show('This browser cannot use passkeys.');
            return;
        }

        button.addEventListener('click', async () => {
            error.hidden = true;
            button.disabled = true;
            try {
                const result = await run();
                if (result.ok && result.data && result.data.redirect) {
                    window.location.assign(result.data.redirect);
                    return;
                }
                show((result.data && result.data.detail) || 'The passkey was not accepted.');
            } catch (e) {
                // The user closed the prompt, or no passkey matched.
                show(e && e.name === 'NotAllowedError' ? 'No passkey was used.' : 'The passkey could not be used.');
            } finally {
                button.disabled = false;
            }
        });
    };

    const signIn = document.querySelector('[data-keg-passkey-sign-in]');
    if (signIn) {
        wire(signIn, 'passkey-sign-in', async () => {
            const options = await post(signIn, signIn.dataset.optionsUrl);
            if (!options.ok) return options;
            const credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(clean(options.data)) });
            const remember = document.getElementById('remember');
            return post(signIn, signIn.dataset.completeUrl, { credential: credential.toJSON(), remember: !!(remember && remember.checked) });
        });
    }

    const add = document.querySelector('[data-keg-passkey-add]');
    if (add) {
        wire(add, 'passkey-add', async () => {
            const options = await post(add, add.dataset.optionsUrl);
            if (!options.ok) return options;
            const credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(clean(options.data)) });
            const name = add.querySelector('#passkey-name');
            return post(add, add.dataset.completeUrl, { credential: credential.toJSON(), name: name ? name.value : '' });
        });
    }
})();
