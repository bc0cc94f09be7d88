import { z } from 'zod';
import { core } from './pt-PT/core';
import { ui } from './pt-PT/ui';

/**
 * The message catalogue. One dictionary per language; pt-PT is the reference and defines the keys.
 * Domain files under pt-PT/ are merged here. To add English: copy pt-PT/ to en/ and register it.
 */
const ptPT = { ...core, ...ui } as const;
export type MessageKey = keyof typeof ptPT;
export type Catalogue = Record<MessageKey, string>;

const catalogues: Record<string, Catalogue> = { 'pt-PT': ptPT };
let current: Catalogue = ptPT;

// Validation messages from zod in European Portuguese too.
z.config(z.locales.pt());

export function setLocale(locale: string): void {
  current = catalogues[locale] ?? ptPT;
}

/** `t('auth.locked', { seconds: 30 })` → text with `{seconds}` replaced. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = current[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
