// A client of MapIdentityApi and MapSignalWireIdentityApi with bearer tokens. The tokens live in this variable only:
// a reload signs out, and no script of another page can read them from storage.
'use strict';

let token = null;          // { accessToken, refreshToken, expiresIn }
let signingIn = null;      // { email, password } between the two sign-in steps, as /login itself needs them

const $ = (id) => document.getElementById(id);

function say(text, isError) {
  $('message').textContent = text;
  $('message').className = isError ? 'error' : '';
}

// Every answer that is not 2xx is a problem document: its detail is written for the user; Retry-After says how long.
async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers['Authorization'] = 'Bearer ' + token.accessToken;
  const response = await fetch('/account' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const wait = response.headers.get('Retry-After');
    const error = new Error(describe(json) + (wait ? ' (try again in ' + wait + ' s)' : ''));
    error.problem = json || {};
    throw error;
  }
  // A change of the session (a step-up proof, a new security stamp) comes with new tokens.
  if (json && json.token) token = json.token;
  return json;
}

function describe(problem) {
  if (!problem) return 'Something went wrong.';
  if (problem.type === 'urn:identity-signalwire:sign-in-failed') return 'Wrong e-mail, password or code.';
  if (problem.errors) return Object.values(problem.errors).flat().join(' ');
  return problem.detail || problem.title || 'Something went wrong.';
}

async function run(action) {
  try { await action(); } catch (error) { say(error.message, true); }
}

function showSent(pending) {
  const until = new Date(pending.expiresAt).toLocaleTimeString();
  return 'A code went by ' + pending.channel + ' to ' + pending.maskedDestination + '. It works until ' + until
    + ', ' + pending.attemptsLeft + ' tries.';
}

async function sendSignInCode() {
  const pending = await api('POST', '/login/phone/send-code', { ...signingIn, channel: $('channel').value });
  $('code-sent').textContent = showSent(pending);
  $('code-form').hidden = false;
  $('code').focus();
  say('');
}

$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  run(async () => {
    signingIn = { email: $('email').value, password: $('password').value };
    try {
      await sendSignInCode();
    } catch (error) {
      // No phone two-factor on this account: the password alone signs in, with MapIdentityApi's own /login.
      if (error.problem.type !== 'urn:identity-signalwire:phone-two-factor-off') throw error;
      token = await api('POST', '/login', signingIn);
      await signedIn();
    }
  });
});

$('resend').addEventListener('click', () => run(sendSignInCode));

$('code-form').addEventListener('submit', (event) => {
  event.preventDefault();
  run(async () => {
    const recovery = $('recovery-code').value.trim();
    const body = recovery ? { ...signingIn, twoFactorRecoveryCode: recovery } : { ...signingIn, twoFactorCode: $('code').value.trim() };
    token = await api('POST', '/login/phone', body);
    await signedIn();
  });
});

$('register').addEventListener('click', () => run(async () => {
  await api('POST', '/register', { email: $('email').value, password: $('password').value });
  say('Account created. Sign in.');
}));

async function signedIn() {
  signingIn = null;
  $('code-form').hidden = true;
  $('signed-out').hidden = true;
  $('signed-in').hidden = false;
  $('who').textContent = (await api('GET', '/manage/info')).email;
  await refresh();
  say('Signed in.');
}

async function refresh(state) {
  state = state || await api('GET', '/manage/phone');
  $('phone-state').textContent = state.phoneNumber ? state.phoneNumber + (state.phoneNumberConfirmed ? ' (confirmed)' : ' (not confirmed)') : 'none';
  $('two-factor-state').textContent = state.twoFactorEnabled ? 'on' : 'off';
  $('step-up-state').textContent = !state.stepUpRequired ? 'not needed' : state.stepUpSatisfied ? 'yes' : 'no';
  if (state.recoveryCodes) {
    $('recovery-codes').textContent = 'Recovery codes (shown once):\n' + state.recoveryCodes.join('\n');
    $('recovery-codes').hidden = false;
  }
  return state;
}

$('step-up-send').addEventListener('click', () => run(async () => {
  say(showSent(await api('POST', '/manage/step-up/send-code', { channel: 'sms' })));
}));

$('step-up-form').addEventListener('submit', (event) => {
  event.preventDefault();
  run(async () => {
    await refresh(await api('POST', '/manage/step-up', { method: $('step-up-method').value, code: $('step-up-code').value.trim() }));
    say('Confirmed. You can change your second factor for a few minutes.');
  });
});

$('phone-form').addEventListener('submit', (event) => {
  event.preventDefault();
  run(async () => say(showSent(await api('POST', '/manage/phone', { phoneNumber: $('phone').value }))));
});

$('phone-confirm').addEventListener('click', () => run(async () => {
  await refresh(await api('POST', '/manage/phone/confirm', { phoneNumber: $('phone').value, code: $('phone-code').value.trim() }));
  say('Phone number confirmed.');
}));

$('phone-remove').addEventListener('click', () => run(async () => {
  await refresh(await api('DELETE', '/manage/phone'));
  say('Phone number removed.');
}));

$('two-factor-on').addEventListener('click', () => run(async () => {
  await refresh(await api('POST', '/manage/phone/two-factor', { enabled: true }));
  say('Two-factor sign-in is on.');
}));

$('two-factor-off').addEventListener('click', () => run(async () => {
  await refresh(await api('POST', '/manage/phone/two-factor', { enabled: false }));
  say('Two-factor sign-in is off.');
}));

$('sign-out').addEventListener('click', () => {
  token = null;
  $('signed-in').hidden = true;
  $('signed-out').hidden = false;
  say('Signed out.');
});
