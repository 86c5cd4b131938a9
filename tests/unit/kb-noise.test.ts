import { describe, expect, it } from 'vitest';
import { dropNoise, noiseKind, splitParagraphs, type NoiseKind } from '../../lib/extract/noise';

const NOISE: [string, NoiseKind][] = [
  ['See also  Germany won the World Cup in Canada three times', 'see-also'],
  ['Also read> 10 things to know about Anthony Blinken, the head of US diplomacy', 'see-also'],
  ['Lire aussi : Pékin et Washington', 'see-also'],
  ['sequel after announcement', 'ad'],
  ['Advertisement', 'ad'],
  ['Story continues below advertisement', 'ad'],
  ['Related Posts', 'related'],
  ['Related News', 'related'],
  ['More news on American politics', 'related'],
  ['More about the US and China', 'related'],
  ['Leave a Reply', 'comments'],
  ['Leave a Comment', 'comments'],
  ['Your email address will not be published. Required fields are marked *', 'comments'],
  ['Read more at Bloomberg.com', 'source-link'],
  ['Source: Blick', 'source-link'],
  ['Back to top', 'navigation'],
  ['Home News Washington welcomes the “constructive” talks from Blinken to Beijing', 'navigation'],
  ['follow:', 'social'],
  ['by admin', 'byline'],
  ['By Jane Doe and John Roe', 'byline'],
  ['Von Anna Müller', 'byline'],
  ['John HilligEditor News', 'byline'],
  ['June 19, 2024', 'dateline'],
  ['Updated on 06/19/2023 06:06', 'dateline'],
  ['class=”sc-29f61514-0 jbwksb”>', 'debris'],
  ['Blick_Portrait_522.JPG', 'debris'],
  ['1/10', 'debris'],
  [
    'I am Amelia James, a passionate journalist with a deep-rooted interest in current affairs.',
    'bio',
  ],
  [
    '"Beer nerd. Food fanatic. Alcohol scholar. Tv practitioner. Writer. Troublemaker. Falls down a lot."',
    'bio',
  ],
];

const ARTICLE = [
  'After months of conflict, the US and China are trying to mend their troubled relationship.',
  'Read more about the talks: Blinken met Qin for seven and a half hours on Sunday.',
  'More news came out of Beijing on Monday, when Xi received Blinken.',
  'Related talks are planned for the autumn, a senior official said.',
  'Relationships derailed',
  'Visit canceled due to spy balloons',
  'Travel to China',
  '“This was a real conversation,” he said.',
  'Source of tension: Taiwan.',
  'Bill Gates “the first American friend”',
  'By Monday the talks had ended.',
  'By clicking through, readers reached the transcript',
  'Rockledge (3-1): C. Martinez 1 goal. D. Robbins 1 save. E. Smith 2 goals. F. Jones 1 assist.',
  // Short sentences, but a page's worth of them: article text, however terse.
  'Talks resumed. Both sides spoke. Nothing was agreed. '.repeat(12).trim(),
  '',
];

describe('noiseKind', () => {
  it.each(NOISE)('%s → %s', (text, kind) => {
    expect(noiseKind(text)).toBe(kind);
  });

  it.each(ARTICLE)('keeps article text: %s', (text) => {
    expect(noiseKind(text)).toBeNull();
  });
});

describe('dropNoise', () => {
  it('splits at blank lines with offsets into the original text', () => {
    const text = 'One.\n\n  Two\nlines.\n\n\nThree.';
    const paragraphs = splitParagraphs(text);
    expect(paragraphs.map((p) => p.text)).toEqual(['One.', 'Two\nlines.', 'Three.']);
    for (const p of paragraphs) expect(text.slice(p.start, p.start + p.text.length)).toBe(p.text);
  });

  it('drops a related-links block by its heading, noise lines inside a block, and the footer', () => {
    const text = [
      'Headline of the story',
      '1/10\nA caption about the photo.\nPhoto_123.jpg\nJane DoeEditor News',
      'The first paragraph of the article.',
      'More about the US and China\nLink one\nLink two',
      'The second paragraph.',
      'Read more at Example.com',
      'A paragraph of the footer that would pass on its own.',
    ].join('\n\n');
    const { kept, dropped } = dropNoise(text);
    expect(kept.map((p) => p.text)).toEqual([
      'Headline of the story',
      'A caption about the photo.',
      'The first paragraph of the article.',
      'The second paragraph.',
    ]);
    expect(dropped.map((d) => d.kind)).toEqual([
      'debris',
      'debris',
      'byline',
      'related',
      'source-link',
      'footer',
    ]);
    for (const p of kept) expect(text.slice(p.start, p.start + p.text.length)).toBe(p.text);
  });

  it('drops an author bio without ending the article there', () => {
    const { kept } = dropNoise(
      'Headline\n\nJane Doe is a reporter for Example News.\n\nThe article goes on after the box.',
    );
    expect(kept.map((p) => p.text)).toEqual(['Headline', 'The article goes on after the box.']);
  });

  it('does not treat a footer marker before any article text as the end', () => {
    const { kept } = dropNoise('Leave a Reply\n\nThe article starts here.');
    expect(kept.map((p) => p.text)).toEqual(['The article starts here.']);
  });
});
