import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { namesBothSides } from '../../lib/classify/sides';
import { gate } from '../../lib/dom/gate';

const doc = (html: string) => new JSDOM(html).window.document;
const paragraphs = (texts: string[]) => texts.map((t) => `<p>${t}</p>`).join('');
const filler = (
  n: number,
  text = 'The council met again on Tuesday to go over the budget for the coming year.',
) => Array.from({ length: n }, () => text);

describe('the gate’s topic pre-check', () => {
  it('finds a US term and a China term, case-sensitively for capitalized terms', () => {
    expect(namesBothSides('Blinken arrived in Beijing on Sunday.')).toEqual({
      us: true,
      china: true,
    });
    expect(namesBothSides('Beijing said the talks would go on.')).toEqual({
      us: false,
      china: true,
    });
    // "us" is a pronoun, "US" the country.
    expect(namesBothSides('China told us nothing.')).toEqual({ us: false, china: true });
    expect(namesBothSides('The US and China')).toEqual({ us: true, china: true });
    expect(namesBothSides('美国国务卿抵达北京')).toEqual({ us: true, china: true });
  });

  it('takes a pair compound as both sides', () => {
    expect(namesBothSides('Sino-American ties are strained.')).toEqual({ us: true, china: true });
  });

  it('passes an article that names both sides in its title or its opening paragraphs', () => {
    const inTitle = doc(
      `<head><title>Yellen lands in Beijing</title></head><body>${paragraphs(filler(12))}</body>`,
    );
    expect(gate(inTitle)).toMatchObject({ passed: true, topical: true });
    const inBody = doc(
      `<body><h1>Talks resume</h1>${paragraphs(['Washington and Beijing agreed to meet again.', ...filler(12)])}</body>`,
    );
    expect(gate(inBody)).toMatchObject({ passed: true, topical: true });
  });

  it('looks only at the text that qualified the page: no second pass over it', () => {
    const late = doc(
      `<body>${paragraphs([...filler(20), 'The Pentagon said China had been told in advance.'])}</body>`,
    );
    expect(gate(late)).toMatchObject({ passed: true, topical: false });
  });

  it('keeps an article that names one side only, or neither, off topic and says which', () => {
    const chinaOnly = doc(
      `<body>${paragraphs(filler(12, 'Beijing reported that the economy of China grew again in the third quarter.'))}</body>`,
    );
    const seen = gate(chinaOnly);
    expect(seen).toMatchObject({ passed: true, topical: false });
    expect(seen.reason).toMatch(/no US term/);
    const neither = gate(doc(`<body>${paragraphs(filler(12))}</body>`));
    expect(neither).toMatchObject({ passed: true, topical: false });
    expect(neither.reason).toMatch(/no US or China term/);
  });

  it('reports no topic on a page that does not pass', () => {
    expect(gate(doc(`<body>${paragraphs(['Biden in Beijing.'])}</body>`))).toMatchObject({
      passed: false,
      topical: false,
    });
  });
});
