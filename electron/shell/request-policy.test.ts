// The session's request filter and permission policy, in production and with the dev server.
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, appLocation, PRODUCTION_LOCATION } from './app-location.ts';
import { permissionAllowed, requestAllowed } from './request-policy.ts';

const DEV = appLocation('http://127.0.0.1:5173/');

describe('requestAllowed', () => {
  it.each([
    [`${APP_ORIGIN}/index.html`, true],
    [`${APP_ORIGIN}/assets/index-abc.js`, true],
    ['filterbank-image://local/Birds/thumb/1', true],
    ['blob:app://filterbank/7f0c', true],
    ['data:image/png;base64,AAAA', true],
    ['https://example.com/', false],
    ['http://127.0.0.1:5173/src/main.tsx', false],
    ['ws://127.0.0.1:5173/', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['file:///etc/passwd', false],
    ['app://evil/index.html', false],
    ['nonsense', false],
    [undefined, false],
  ])('production: %s → %s', (url, expected) => {
    expect(requestAllowed(url, PRODUCTION_LOCATION)).toBe(expected);
  });

  it.each([
    ['http://127.0.0.1:5173/src/main.tsx', true],
    ['ws://127.0.0.1:5173/?token=x', true],
    ['devtools://devtools/bundled/inspector.html', true],
    ['filterbank-image://local/Birds/thumb/1', true],
    ['ws://127.0.0.1:5174/', false],
    ['ws://evil.example:5173/', false],
    ['wss://127.0.0.1:5173/', false],
    ['http://127.0.0.1:8080/', false],
    ['https://registry.npmjs.org/', false],
    [`${APP_ORIGIN}/index.html`, false],
  ])('dev server: %s → %s', (url, expected) => {
    expect(requestAllowed(url, DEV)).toBe(expected);
  });
});

describe('permissionAllowed', () => {
  it('grants full screen and clipboard writes to our page only', () => {
    expect(permissionAllowed('fullscreen', `${APP_ORIGIN}/index.html`, PRODUCTION_LOCATION)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', `${APP_ORIGIN}/index.html`, PRODUCTION_LOCATION)).toBe(true);
    expect(permissionAllowed('fullscreen', 'https://evil.example/', PRODUCTION_LOCATION)).toBe(false);
    expect(permissionAllowed('fullscreen', undefined, PRODUCTION_LOCATION)).toBe(false);
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'usb', 'serial', 'midiSysex', 'pointerLock', 'display-capture', 'unknown-future-permission'])(
    'refuses %s even to our page',
    (permission) => {
      expect(permissionAllowed(permission, `${APP_ORIGIN}/index.html`, PRODUCTION_LOCATION)).toBe(false);
      expect(permissionAllowed(permission, 'http://127.0.0.1:5173/', DEV)).toBe(false);
    },
  );
});
