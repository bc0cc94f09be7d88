import type { CSSProperties } from 'react';

/**
 * The length of a big amount in characters, as a CSS variable: fit.css sizes the text to its box with it
 * (`calc(160cqi / var(--chars))`), so "1 049 306,37 €" fits where "3,49 €" is shown large (issue 15 item 8).
 */
export function fitChars(text: string): CSSProperties {
  return { '--chars': text.length } as CSSProperties;
}
