import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMON_WORDS_FILE, commonWordsFile } from '../../scripts/common-words';

describe('lib/doc/lexicon/common-en.json', () => {
  it('is exactly what `npx tsx scripts/common-words.ts` gives', () => {
    expect(JSON.parse(readFileSync(COMMON_WORDS_FILE, 'utf8'))).toEqual(commonWordsFile());
  });

  it('holds ordinary words and no given names', () => {
    const { words } = commonWordsFile();
    expect(words).toEqual(expect.arrayContaining(['children', 'large', 'organizations']));
    expect(words).not.toContain('barack');
    expect(words).not.toContain('susan');
  });
});
