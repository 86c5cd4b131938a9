import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

const dir = path.resolve(__dirname, '../../public/_locales');
const locales = readdirSync(dir).sort();
const read = (locale: string): Record<string, Message> =>
  JSON.parse(readFileSync(path.join(dir, locale, 'messages.json'), 'utf8'));
const english = read('en');

/** `$NAME$` tokens a message uses, lower-cased as the placeholder keys are. */
const tokens = (message: string) =>
  [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();

describe('locales', () => {
  it('include English, German, French and Simplified Chinese', () => {
    expect(locales).toEqual(expect.arrayContaining(['de', 'en', 'fr', 'zh_CN']));
  });

  it.each(locales)('%s has exactly the English keys', (locale) => {
    expect(Object.keys(read(locale)).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(locales)('%s has the English placeholders and uses each of them', (locale) => {
    for (const [key, entry] of Object.entries(read(locale))) {
      const expected = english[key]?.placeholders ?? {};
      expect(entry.placeholders ?? {}, `${locale}:${key}`).toEqual(expected);
      expect(tokens(entry.message), `${locale}:${key}`).toEqual(Object.keys(expected).sort());
      expect(entry.message.trim(), `${locale}:${key}`).not.toBe('');
    }
  });

  it.each(locales)('%s has no stray dollar signs', (locale) => {
    for (const [key, entry] of Object.entries(read(locale))) {
      const rest = entry.message.replace(/\$[A-Za-z0-9_@]+\$/g, '').replace(/\$\$/g, '');
      expect(rest, `${locale}:${key}`).not.toContain('$');
    }
  });
});
