// The window's security settings and the page's Content-Security-Policy, directive by directive.
import { describe, expect, it } from 'vitest';
import { appLocation, PRODUCTION_LOCATION } from './app-location.ts';
import { contentSecurityPolicy, mainWindowOptions, pageSecurityHeaders, secureWebPreferences } from './window-options.ts';

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    expect(map.has(name), `${name} appears once`).toBe(false);
    map.set(name, sources);
  }
  return map;
}

describe('secureWebPreferences', () => {
  it('turns on every isolation and turns off every way into Node', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    });
  });

  it('never enables blink features or disables security through other keys', () => {
    const prefs = secureWebPreferences('/p.cjs') as Record<string, unknown>;
    for (const key of ['enableBlinkFeatures', 'additionalArguments', 'plugins', 'enableRemoteModule', 'disableBlinkFeatures']) expect(prefs[key]).toBeUndefined();
  });

  it('is what the main window uses', () => {
    const options = mainWindowOptions('/p.cjs');
    expect(options.webPreferences).toEqual(secureWebPreferences('/p.cjs'));
    expect(options.show).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  it('is strict in production', () => {
    const csp = directives(contentSecurityPolicy(PRODUCTION_LOCATION));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'filterbank-image:', 'blob:', 'data:']);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-ancestors']) expect(csp.get(name)).toEqual(["'none'"]);
    const text = contentSecurityPolicy(PRODUCTION_LOCATION);
    expect(text).not.toMatch(/unsafe-(inline|eval)|\*|http:|ws:/);
  });

  it('lets only the dev server add its socket and injected scripts and styles', () => {
    const dev = appLocation('http://127.0.0.1:5173/');
    const csp = directives(contentSecurityPolicy(dev));
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:5173']);
    expect(csp.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(contentSecurityPolicy(dev)).not.toMatch(/unsafe-eval|\*/);
  });

  it('travels with nosniff and no referrer', () => {
    expect(pageSecurityHeaders(PRODUCTION_LOCATION)).toEqual({
      'Content-Security-Policy': contentSecurityPolicy(PRODUCTION_LOCATION),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  });
});
