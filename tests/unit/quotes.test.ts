import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyQuote, scanQuotes } from '../../lib/text/quotes';

const texts = (input: string) => scanQuotes(input).map((q) => q.text);

describe('scanQuotes: mark styles', () => {
  it.each([
    ['curly', 'He said “we will talk again” on Monday.', ['we will talk again']],
    ['straight', 'He said "we will talk again" on Monday.', ['we will talk again']],
    ['French guillemets', 'Il a dit « nous parlerons encore » lundi.', ['nous parlerons encore']],
    [
      'guillemets without spaces',
      'Il a dit «nous parlerons encore» lundi.',
      ['nous parlerons encore'],
    ],
    [
      'German guillemets',
      'Er sagte: »Wir reden wieder miteinander«, am Montag.',
      ['Wir reden wieder miteinander'],
    ],
    ['Swiss/Swedish »…»', 'Han sa »vi talar igen med dem» i dag.', ['vi talar igen med dem']],
    [
      'German low-high',
      'Er sagte: „Wir reden wieder miteinander“, am Montag.',
      ['Wir reden wieder miteinander'],
    ],
    [
      'Polish low-high',
      'Powiedział: „Znowu będziemy rozmawiać ze sobą” w poniedziałek.',
      ['Znowu będziemy rozmawiać ze sobą'],
    ],
    ['Swedish ”…”', 'Han sa ”vi talar igen med dem” i dag.', ['vi talar igen med dem']],
    ['CJK corner', '他说「我们将再次会谈以后再说」。', ['我们将再次会谈以后再说']],
    ['CJK white corner', '他说『我们将再次会谈以后再说』。', ['我们将再次会谈以后再说']],
    ['single guillemets', 'Il a dit ‹ nous parlerons encore › lundi.', ['nous parlerons encore']],
  ])('%s', (_, input, expected) => {
    expect(texts(input)).toEqual(expected);
  });

  it('reports inner offsets that slice back to the quotation', () => {
    const input = 'Qin said relations were “at their lowest point since ties began.” Then he left.';
    const [q] = scanQuotes(input);
    expect(input.slice(q!.start, q!.end)).toBe('at their lowest point since ties began.');
    expect(q).toMatchObject({ kind: 'quote', depth: 0, open: '“', closed: true });
  });

  it('collapses whitespace and trims spaces inside the marks', () => {
    const [q] = scanQuotes('«  nous   parlerons \t encore\u00a0 »');
    expect(q!.text).toBe('nous parlerons encore');
  });
});

describe('scanQuotes: nesting, apostrophes, paragraphs', () => {
  it('finds a single quote inside a double quote', () => {
    const found = scanQuotes('“How Xi defines ‘progress’ is very different,” Thompson said.');
    expect(found.map((q) => [q.text, q.depth, q.kind])).toEqual([
      ['How Xi defines ‘progress’ is very different,', 0, 'quote'],
      ['progress', 1, 'scare'],
    ]);
  });

  it('finds straight single quotes inside straight double quotes', () => {
    const found = scanQuotes(`"They called it 'a real conversation' today," he said.`);
    expect(found.map((q) => q.text)).toEqual([
      "They called it 'a real conversation' today,",
      'a real conversation',
    ]);
  });

  it('finds German ‚…‘ inside „…“', () => {
    const found = scanQuotes('„Er nannte es ‚konstruktiv‘ und offen“, hieß es.');
    expect(found.map((q) => q.text)).toEqual([
      'Er nannte es ‚konstruktiv‘ und offen',
      'konstruktiv',
    ]);
  });

  it.each([
    ['possessives and contractions', 'Blinken’s visit, China’s view, don’t and it’s fine.'],
    ['plural possessive', 'The two countries’ interests differ, officials’ view.'],
    ['straight apostrophes', "Blinken's visit and the countries' interests don't align."],
    ['decades', "In the ’90s and the '80s relations were calmer."],
  ])('does not read apostrophes as quotes: %s', (_, input) => {
    expect(scanQuotes(input)).toEqual([]);
  });

  it('keeps apostrophes inside a quotation', () => {
    expect(texts('“Blinken’s visit won’t fix everything,” he said.')).toEqual([
      'Blinken’s visit won’t fix everything,',
    ]);
  });

  it('continues a quotation across paragraphs when the next paragraph reopens it', () => {
    const input =
      '“We tried several times to get in touch,\n“but no one answered the phone in Beijing,” the ambassador said.';
    const found = scanQuotes(input);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      text: 'We tried several times to get in touch, but no one answered the phone in Beijing,',
      closed: true,
    });
    expect(found[0]!.parts).toHaveLength(2);
    for (const part of found[0]!.parts)
      expect(input.slice(part.start, part.end)).not.toMatch(/[“”\n]/);
  });

  it('continues straight quotations across several paragraphs', () => {
    const input = '"One.\n\n"Two.\n  "Three," she said.';
    expect(texts(input)).toEqual(['One. Two. Three,']);
  });

  it('ends an unclosed quotation at its paragraph when the next one does not reopen it', () => {
    const input = 'He said “this never closes\nA new paragraph with “its own quote” here.';
    const found = scanQuotes(input);
    expect(found.map((q) => [q.text, q.closed])).toEqual([
      ['this never closes', false],
      ['its own quote', true],
    ]);
  });

  it('recovers from stray closing marks and misused marks', () => {
    expect(texts('A stray ” closer and then “a real quote here” ok.')).toEqual([
      'a real quote here',
    ]);
    expect(texts('Misused “at its lowest point“ since 1979.')).toEqual(['at its lowest point']);
    expect(texts('Mixed “at the lowest point" since 1979.')).toEqual(['at the lowest point']);
    expect(texts('class=”sc-29f61514-0 jbwksb”>')).toEqual([]);
  });

  it('closes a double quotation over an unclosed single inside it', () => {
    expect(texts('“We said ‘no and left,” he said.')).toEqual(['We said ‘no and left,']);
  });

  it('handles quotes glued to the following word (machine-translated pages)', () => {
    expect(
      texts('The two men were talking “Frank, substantial and constructive”State said.'),
    ).toEqual(['Frank, substantial and constructive']);
  });

  it('ignores breadcrumbs and inch marks', () => {
    expect(scanQuotes('Home » News » World')).toEqual([]);
    expect(scanQuotes('He is 5\'10" tall and 6" wide.')).toEqual([]);
  });
});

describe('classifyQuote', () => {
  it.each([
    ['constructive', 'scare'],
    ['spy', 'scare'],
    ['core interests', 'scare'],
    ['one China policy', 'scare'],
    ['at its lowest point', 'quote'],
    ['This is very good,', 'quote'],
    ['No!', 'quote'],
    ['This was a real conversation', 'quote'],
    ['The Dangerous Silence Between Washington and Beijing Must End', 'title'],
    ['Winking at Beijing: China and the US', 'quote'],
    ['Frank, substantial and constructive', 'quote'],
    ['We must reverse the downward spiral of Sino-US relations.', 'quote'],
  ] as const)('%s → %s', (text, kind) => {
    expect(classifyQuote(text)).toBe(kind);
  });

  it('takes a short title-cased phrase for a title, except in German marks', () => {
    expect(classifyQuote('The Avoidable War')).toBe('title');
    expect(classifyQuote('Destined for War')).toBe('title');
    expect(classifyQuote('Kerninteressen Chinas', '\u201e')).toBe('scare');
  });

  it('treats CJK book-title marks as titles', () => {
    expect(scanQuotes('他读了《人民日报的长篇评论文章》。')[0]?.kind).toBe('title');
  });
});

describe('scanQuotes on the corpus wording', () => {
  it('finds the quotations of a corpus paragraph', () => {
    const input =
      'Qin told Blinken, according to state broadcaster CCTV, that Beijing believes relations between the United States and China are “at their lowest point since diplomatic relations were established.” According to Qin CCTV, this does not match “the fundamental interests of the two peoples” or the “expectations of the international community” during the conversation with Blinken.';
    expect(texts(input)).toEqual([
      'at their lowest point since diplomatic relations were established.',
      'the fundamental interests of the two peoples',
      'expectations of the international community',
    ]);
  });
});

describe('scanQuotes: properties', () => {
  const markChars = fc.constantFrom(...'“”‘’"\'«»‹›„‚「」『』《》 \n abc.,'.split(''));
  const noisy = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.array(markChars, { maxLength: 200 }).map((a) => a.join('')),
  );

  it('never throws and keeps spans inside the text and in order', () => {
    fc.assert(
      fc.property(noisy, (input) => {
        const found = scanQuotes(input);
        let last = -1;
        for (const q of found) {
          expect(q.start).toBeGreaterThanOrEqual(0);
          expect(q.end).toBeLessThanOrEqual(input.length);
          expect(q.start).toBeLessThan(q.end);
          expect(q.start).toBeGreaterThanOrEqual(last);
          last = q.start;
          for (const part of q.parts) {
            expect(part.start).toBeGreaterThanOrEqual(q.start);
            expect(part.end).toBeLessThanOrEqual(q.end);
          }
          expect(q.text).toBe(q.text.trim());
          expect(q.text.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('finds any plain quotation placed in arbitrary letters', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), word, (inner, before) => {
        const quote = inner.join(' ');
        const input = `${before} said “${quote}” and left.`;
        expect(texts(input)).toEqual([quote]);
      }),
    );
  });
});

describe('scanQuotes: short quotations in context', () => {
  it.each([
    ['a term after an article', 'Washington hailed the “constructive” talks.', 'scare'],
    ['a possessive before a term', 'Wang blamed Washington’s “misperception” of China.', 'scare'],
    ['three words after an article', 'They restated the “one China policy” again.', 'scare'],
    [
      'three words after a verb',
      'He hoped the visit would help “stabilise China-US relations”.',
      'quote',
    ],
    ['three words starting with a preposition', 'Ties were « au plus bas » depuis 1979.', 'quote'],
    ['a short statement', '« C’est très bien », a-t-il ajouté.', 'quote'],
    ['one word with attribution after it', '“No,” he said.', 'quote'],
    ['German attribution after it', '„Gut“, sagte Qin.', 'quote'],
    ['a title after "titled"', 'a report titled “Managed, Not Mended,” that argued', 'title'],
    ['a term after 所谓', '美方应当停止炒作所谓“中国威胁论”。', 'scare'],
  ])('%s', (_, input, kind) => {
    expect(scanQuotes(input)[0]?.kind).toBe(kind);
  });
});

describe('scanQuotes: block quotations set off by markup', () => {
  const text =
    'Xi said of the talks:\nCompetition between major countries is not the trend of the times.\nHe added “this is very good” later.\nPlain paragraph.';
  const block = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });

  it('reports a blockquote without marks as a quotation', () => {
    const found = scanQuotes(text, {
      blockquotes: [block('Competition between major countries is not the trend of the times.')],
    });
    expect(found.map((q) => [q.text, q.open, q.depth])).toEqual([
      ['Competition between major countries is not the trend of the times.', '', 0],
      ['this is very good', '“', 0],
    ]);
    expect(scanQuotes(text).map((q) => q.text)).toEqual(['this is very good']);
  });

  it('leaves a blockquote that is mostly a marked quotation to that quotation', () => {
    const marked = 'He said:\n“This is very good and we will talk again,” Xi said.';
    const span = { start: marked.indexOf('“'), end: marked.length };
    expect(scanQuotes(marked, { blockquotes: [span] }).map((q) => q.open)).toEqual(['“']);
  });

  it('clamps spans outside the text', () => {
    expect(
      scanQuotes('short text', { blockquotes: [{ start: -5, end: 500 }] }).map((q) => q.text),
    ).toEqual(['short text']);
  });
});
