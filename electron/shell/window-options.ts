// The one secure configuration of every BrowserWindow, and the Content-Security-Policy of our page. Pure data
// (Electron's types only), so the settings are unit tested and no window can be made with a weaker copy.
import { pageContentSecurityPolicy } from '../app/page/content-security-policy.ts';
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { IMAGE_SCHEME, type AppLocation } from './app-location.ts';

/** The page is ours alone: no Node, its own JavaScript world, the Chromium sandbox, no way to relax any of it. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    webviewTag: false,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // Spellcheck would send typed class names to the platform's dictionary service and has no use here.
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    title: 'Filterbank',
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    webPreferences: secureWebPreferences(preload),
  };
}

/**
 * The page may run only its own scripts, show images from itself, from blob:/data: URLs (thumbnails that arrive
 * as bytes) and from the image scheme, and talk to nothing but itself. Vite's dev server differs in three ways,
 * none of which reaches a build: its HMR socket (connect-src ws:), the React Refresh preamble it injects as an
 * inline script, and the CSS it injects as <style> elements (hence 'unsafe-inline' for scripts and styles in dev).
 */
export function contentSecurityPolicy(location: AppLocation): string {
  const dev = location.dev;
  return pageContentSecurityPolicy({
    imageSources: [`${IMAGE_SCHEME}:`],
    connectSources: dev ? [`ws://${new URL(location.origin).host}`] : [],
    devInline: dev,
  });
}

/** The headers every response of our page carries, from the app:// handler or added to the dev server's. */
export function pageSecurityHeaders(location: AppLocation): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(location),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
