import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { collapseWhitespace } from '../../lib/extract/whitespace';

describe('collapseWhitespace', () => {
  it('collapses runs and other spaces, and trims', () => {
    expect(collapseWhitespace('  Blinken\n\tmet  Wang\u00a0Yi. ')).toBe('Blinken met Wang Yi.');
    expect(collapseWhitespace(' already collapsed ')).toBe('already collapsed');
  });

  it('reads every text as a whitespace-collapsing replace does', () => {
    const char = fc.constantFrom(...'ab \n\t\u00a0\u2009\r.'.split(''));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 30 }), (chars) => {
        const text = chars.join('');
        expect(collapseWhitespace(text)).toBe(text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 2000 },
    );
  });
});
