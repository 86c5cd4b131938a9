import { describe, expect, it } from 'vitest';
import { quotationAsShown } from '../../lib/page/quotation';

describe('quotationAsShown', () => {
  it('leaves out the punctuation of the sentence around the quotation', () => {
    expect(quotationAsShown('a return to the Cold War,')).toBe('a return to the Cold War');
    expect(quotationAsShown('we must act; ')).toBe('we must act');
    expect(quotationAsShown('这很好，')).toBe('这很好');
  });

  it('keeps the speaker’s own end of sentence and everything inside', () => {
    expect(quotationAsShown('We made progress.')).toBe('We made progress.');
    expect(quotationAsShown('Is this détente?')).toBe('Is this détente?');
    expect(quotationAsShown('first, second, third')).toBe('first, second, third');
  });
});
