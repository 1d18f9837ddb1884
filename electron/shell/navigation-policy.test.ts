// The navigation and link policy against hostile URLs: what our window may show, what the system browser may
// open, and which IPC senders are our page.
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, appLocation } from './app-location.ts';
import { externalLinkTarget, isAppUrl, isTrustedSender, shouldAllowNavigation } from './navigation-policy.ts';

const DEV_ORIGIN = 'http://127.0.0.1:5173';

describe('externalLinkTarget', () => {
  it.each([
    ['https://github.com/filterbank/filterbank', 'https://github.com/filterbank/filterbank'],
    ['https://onnx.ai/onnx/operators/?q=conv#top', 'https://onnx.ai/onnx/operators/?q=conv#top'],
    ['HTTPS://Example.COM/Path', 'https://example.com/Path'],
    ['https://filterbank.app.evil.com/', 'https://filterbank.app.evil.com/'],
    ['https://docs.example.co.uk/a%20b', 'https://docs.example.co.uk/a%20b'],
    // An internationalised host is opened in its punycode form (the decision documented on the function).
    ['https://xn--80ak6aa92e.com/', 'https://xn--80ak6aa92e.com/'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example/'],
  ])('opens %s as %s', (url, expected) => {
    expect(externalLinkTarget(url)).toBe(expected);
  });

  it.each([
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    [' javascript:alert(1)'],
    ['java\tscript:alert(1)'],
    ['vbscript:msgbox(1)'],
    ['file:///etc/passwd'],
    ['FILE:///C:/Windows/system32/calc.exe'],
    ['data:text/html,<script>alert(1)</script>'],
    ['blob:https://example.com/0b7e-11'],
    ['http://example.com/'],
    ['ftp://example.com/'],
    ['ms-settings:'],
    ['filterbank-image://local/p/thumb/1'],
    ['app://filterbank/index.html'],
    ['https://user:pass@example.com/'],
    ['https://filterbank.app@evil.com/'],
    ['https://:@example.com/'],
    ['http://127.0.0.1:5173.evil.com'],
    ['https://127.0.0.1/'],
    ['https://2130706433/'],
    ['https://0x7f.0.0.1/'],
    ['https://[::1]/'],
    ['https://localhost/'],
    ['https://intranet/'],
    ['https://example.com:8443/'],
    ['\\\\server\\share'],
    ['https:\\\\evil.com'],
    ['https:/\\evil.com'],
    ['https:evil.com'],
    ['//evil.com'],
    ['https://evil.com\\@good.com'],
    ['https://exa mple.com/'],
    ['https://example.com/\n'],
    ['https://example.com/%0d%0aSet-Cookie:%20a=b'],
    ['https://example.com/%00'],
    ['https://example.com\u200b.evil.com/'],
    ['https://example.com/\u202egnp.exe'],
    ['https://xn--zz.com/'],
    ['https://-bad-.com/'],
    ['https://example.123/'],
    ['https://example.com./'],
    [`https://example.com/${'a'.repeat(2048)}`],
    [''],
  ])('refuses %j', (url) => {
    expect(externalLinkTarget(url)).toBeNull();
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, { href: 'https://example.com/' }, ['https://example.com/']]) expect(externalLinkTarget(value)).toBeNull();
  });

  it('accepts a URL of exactly the limit and refuses one character more', () => {
    const base = 'https://example.com/';
    expect(externalLinkTarget(base + 'a'.repeat(2048 - base.length))).not.toBeNull();
    expect(externalLinkTarget(base + 'a'.repeat(2049 - base.length))).toBeNull();
  });
});

describe('isAppUrl and shouldAllowNavigation', () => {
  it.each([
    [`${APP_ORIGIN}/index.html`, APP_ORIGIN, true],
    [`${APP_ORIGIN}/index.html#/project/Birds`, APP_ORIGIN, true],
    ['APP://FILTERBANK/index.html', APP_ORIGIN, true],
    ['app://filterbank.evil.com/index.html', APP_ORIGIN, false],
    ['app://evil/index.html', APP_ORIGIN, false],
    ['app://user@filterbank/index.html', APP_ORIGIN, false],
    ['file:///index.html', APP_ORIGIN, false],
    ['https://filterbank/index.html', APP_ORIGIN, false],
    ['about:blank', APP_ORIGIN, false],
    [`${DEV_ORIGIN}/`, DEV_ORIGIN, true],
    [`${DEV_ORIGIN}/src/main.tsx?t=1`, DEV_ORIGIN, true],
    ['http://127.0.0.1:5174/', DEV_ORIGIN, false],
    ['http://localhost:5173/', DEV_ORIGIN, false],
    ['http://127.0.0.1:5173.evil.com/', DEV_ORIGIN, false],
    ['http://127.0.0.1:5173@evil.com/', DEV_ORIGIN, false],
    ['https://127.0.0.1:5173/', DEV_ORIGIN, false],
    ['javascript:alert(1)', APP_ORIGIN, false],
    ['not a url', APP_ORIGIN, false],
  ])('%s on %s → %s', (url, origin, expected) => {
    expect(isAppUrl(url, origin)).toBe(expected);
    expect(shouldAllowNavigation(url, origin)).toBe(expected);
  });
});

describe('isTrustedSender', () => {
  it('trusts only the top frame of our own page', () => {
    expect(isTrustedSender(`${APP_ORIGIN}/index.html`, true, APP_ORIGIN)).toBe(true);
    expect(isTrustedSender(`${APP_ORIGIN}/index.html`, false, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender('https://evil.com/', true, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(`${DEV_ORIGIN}/`, true, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(`${DEV_ORIGIN}/`, true, DEV_ORIGIN)).toBe(true);
    // A frame that navigated away or was destroyed has no URL to check.
    expect(isTrustedSender(undefined, true, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender('', true, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender('about:blank', true, APP_ORIGIN)).toBe(false);
  });
});

describe('appLocation', () => {
  it('is production without a dev URL', () => {
    expect(appLocation(undefined)).toEqual({ origin: APP_ORIGIN, startUrl: `${APP_ORIGIN}/index.html`, dev: false });
    expect(appLocation('')).toMatchObject({ dev: false });
  });

  it('accepts the dev server on this machine only', () => {
    expect(appLocation('http://127.0.0.1:5173/')).toEqual({ origin: DEV_ORIGIN, startUrl: `${DEV_ORIGIN}/`, dev: true });
    expect(appLocation('http://localhost:5173')).toMatchObject({ origin: 'http://localhost:5173', dev: true });
    for (const url of ['http://192.168.1.5:5173/', 'https://127.0.0.1:5173/', 'http://127.0.0.1.evil.com:5173/', 'http://u:p@127.0.0.1:5173/', 'file:///tmp/index.html', 'nonsense']) {
      expect(() => appLocation(url), url).toThrow(/FILTERBANK_DEV_URL/);
    }
  });
});
