import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readDocument } from '../../lib/annotate/document';
import { attributeQuotes, probabilities, speakerOf, WEIGHTS } from '../../lib/attribution';
import { candidatesFor, quoteContexts, titleCased } from '../../lib/attribution/candidates';
import { buildMatcherIndex } from '../../lib/match/matcher';
import { fixtureKb } from './fixtures/kb';

const index = buildMatcherIndex(fixtureKb);

/** Each quotation's speaker (name, or the unnamed description in parentheses, or null). */
function speakers(text: string): (string | null)[] {
  const doc = readDocument(text, index);
  return attributeQuotes(doc).map((a) => {
    const s = speakerOf(doc, a);
    return s ? s.name : a.unnamed ? `(${a.unnamed})` : null;
  });
}

describe('attribution in transcripts', () => {
  it('reads turns labeled with a name and an affiliation, and gives each its speaker', () => {
    expect(
      speakers(
        'Excerpts from the call follow.\n\n' +
          'Priyanka Dutta, Barclay Street Capital: Are you worried about customer satisfaction now?\n\n' +
          'Owen Fairbanks: We would be foolish not to watch it closely, and we do.\n\n' +
          'Priyanka Dutta, Bank of America: And if that number goes the other way?\n\n' +
          'Note: this transcript was edited for length.',
      ),
    ).toEqual(['Priyanka Dutta', 'Owen Fairbanks', 'Priyanka Dutta']);
  });
});

describe('attribution of embedded posts', () => {
  it('leaves a post’s signature out of the quotation and names who posted it', () => {
    const post = 'The defense held firm again tonight, and it was no fluke at all.';
    const link = 'pic.twitter.com/PQqbN51wBW';
    const signature = '— PFF CLE Browns (@PFF_Browns) November 15, 2019';
    const text = `The grades came in overnight.\n\n${post}\n\n${link}\n\n${signature}\n\nThe season goes on.`;
    const start = text.indexOf(post);
    const end = text.indexOf(signature) + signature.length;
    const doc = readDocument(text, index, { blockquotes: [{ start, end }] });
    expect(doc.quotes.map((q) => q.text)).toEqual([`${post} ${link}`]);
    const said = attributeQuotes(doc).map((a) => speakerOf(doc, a)?.name ?? null);
    expect(said).toEqual(['PFF CLE Browns']);
  });
});

describe('attribution in Chinese', () => {
  it('reads the sentence written right after a closing mark as the quotation’s tail', () => {
    expect(
      speakers(
        '“观众的口味变了。”北京某影视咨询公司分析师何立群对记者说。' +
          '上海影院经理陈晓东表示，首映日超出预期。“诺兰在中国有很稳定的影迷群体，”他说。',
      ),
    ).toEqual(['何立群', '陈晓东']);
  });
});

describe('names: mentions and the entities they refer to', () => {
  it('keeps a title apart from the name and resolves names the KB knows', () => {
    const doc = readDocument(
      'Chinese President Xi Jinping met U.S. Secretary of State Antony Blinken.',
      index,
    );
    const names = doc.mentions.filter((m) => m.form === 'name');
    expect(names.map((m) => [m.text, m.title])).toEqual([
      ['Xi Jinping', 'Chinese President'],
      ['Antony Blinken', 'U.S. Secretary of State'],
    ]);
    expect(doc.entities.filter((e) => e.kb).map((e) => e.kb)).toEqual(
      expect.arrayContaining(['xi-jinping', 'antony-blinken']),
    );
  });

  it('reads a foreign name in Chinese characters after a title, its family name alone, and its original in brackets', () => {
    const doc = readDocument(
      '纽约州立大学社会学荣誉教授戴夫·汉森（Dave Hanson）研究酒精四十年。汉森指出：“人们真的会觉得喝醉了。”' +
        'NASA发言人斯蒂芬妮?席尔霍尔茨(Stephanie Schierholz)表示：“宇航员不允许喝酒。”' +
        '然而，像戴夫?汉森这样的专家认为，禁止饮酒没有害处。',
      index,
    );
    const names = doc.mentions.filter((m) => m.form === 'name' && m.kind === 'person');
    expect(names.map((m) => [m.text, doc.entities[m.entity]!.name])).toEqual([
      ['戴夫·汉森', '戴夫·汉森'],
      ['Dave Hanson', '戴夫·汉森'],
      ['汉森', '戴夫·汉森'],
      ['斯蒂芬妮·席尔霍尔茨', '斯蒂芬妮·席尔霍尔茨'],
      ['Stephanie Schierholz', '斯蒂芬妮·席尔霍尔茨'],
      ['戴夫·汉森', '戴夫·汉森'],
    ]);
    expect(names[0]!.title).toBe('教授');
    const said = attributeQuotes(doc).map((a) => speakerOf(doc, a)?.name ?? null);
    expect(said).toEqual(['戴夫·汉森', '斯蒂芬妮·席尔霍尔茨']);
  });

  it('ends a Chinese name where a verb of saying or a word that follows names begins', () => {
    const doc = readDocument(
      '外交部发言人毛宁在记者会上表示：“好。”毛宁还说，这是问题。教授韦叶认为，“不行。”' +
        '国务卿马可·鲁比奥发表声明。除了实际的安全问题，还有别的。',
      index,
    );
    const names = doc.mentions.filter((m) => m.form === 'name' && m.kind === 'person');
    expect(names.map((m) => m.text)).toEqual(['毛宁', '毛宁', '韦叶', '马可·鲁比奥']);
  });

  it('reads a Chinese name marked as a pseudonym, a family name with an honorific, and either again later', () => {
    const doc = readDocument(
      '在匹兹堡读博士的周睿（化名）被手机震醒。周睿所在的实验室很好。' +
        '经营一家外贸公司的陈女士，女儿今年入学。陈女士一口气说了三个。',
      index,
    );
    const names = doc.mentions.filter((m) => m.form === 'name' && m.kind === 'person');
    expect(names.map((m) => m.text)).toEqual(['周睿', '周睿', '陈女士', '陈女士']);
  });

  it('reads a pronoun through the same pronoun before it, paragraphs after the name', () => {
    const doc = readDocument(
      'Taylor Swift posted a long note last week.\n\n' +
        'She claimed the label thought the performance would be a re-recording.\n\n' +
        '“I just want to be able to perform my own music,” she said.',
      index,
    );
    const pronouns = doc.mentions.filter((m) => m.form === 'pronoun' && m.gender === 'female');
    expect(pronouns.map((m) => doc.entities[m.entity]?.name)).toEqual([
      'Taylor Swift',
      'Taylor Swift',
    ]);
  });

  it('keeps a family name written first, a hyphenated given name and a German job title apart', () => {
    const doc = readDocument(
      '« Le Vietnam pratique la diplomatie du bambou », résume Nguyen Quoc Hung, économiste. ' +
        '« Les annonces font les gros titres », relève Chen Yu-hsuan, spécialiste. ' +
        'Die Politikwissenschaftlerin Carolina Pires sagte es. Energieökonom Malte Thiessen widersprach.',
      index,
    );
    const people = doc.mentions.filter((m) => m.form === 'name' && m.kind === 'person');
    expect(people.map((m) => [m.text, m.title])).toEqual([
      ['Nguyen Quoc Hung', null],
      ['Chen Yu-hsuan', null],
      ['Carolina Pires', 'Politikwissenschaftlerin'],
      ['Malte Thiessen', 'Energieökonom'],
    ]);
  });

  it('reads a lone ordinary English word opening a sentence as no name, unless the text names someone so', () => {
    const doc = readDocument(
      'Barack Obama spoke. Children growing up now "will see it differently," he said. ' +
        'Declan Rice scored. Rice said it was good. Large crowds gathered.',
      index,
    );
    const names = doc.mentions.filter((m) => m.form === 'name');
    expect(names.map((m) => m.text)).toEqual(['Barack Obama', 'Declan Rice', 'Rice']);
  });

  it('joins a surname to the full name given before or after it, the most recent one first', () => {
    const doc = readDocument(
      'Clarke spoke first. Later Steve Clarke and Rachel Dunmore met. Dunmore left; Clarke stayed.',
      index,
    );
    const byName = new Map(doc.entities.map((e) => [e.name, e]));
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['Steve Clarke', 'Rachel Dunmore']));
    expect(byName.get('Steve Clarke')!.mentions).toHaveLength(3);
    expect(byName.get('Rachel Dunmore')!.mentions).toHaveLength(2);
  });

  it('tells people, organisations and places apart from their own words', () => {
    const doc = readDocument(
      'Jennifer Walsh of the Ministry of Commerce flew from Whangārei Harbour to Singapore with Acme Corp.',
      index,
    );
    const kind = (name: string) => doc.entities.find((e) => e.name.includes(name))?.kind;
    expect(kind('Jennifer Walsh')).toBe('person');
    expect(kind('Ministry of Commerce')).toBe('organization');
    expect(kind('Singapore')).toBe('place');
    expect(kind('Acme Corp')).toBe('organization');
  });

  it('does not take ordinary words opening a sentence or the days of the week for names', () => {
    const doc = readDocument(
      'Officials said on Monday that Large crowds came. Large was the word.',
      index,
    );
    expect(doc.entities.map((e) => e.name)).not.toContain('Officials');
    expect(doc.entities.map((e) => e.name)).not.toContain('Monday');
  });

  it('does not take a clause-opening word in -ing for a name, unless the text names it so', () => {
    const doc = readDocument(
      'Rachel Dunmore spoke in Leeds. Talking about her record, she said it was good. ' +
        'Building a business takes years. Manning said so, and Cole Manning agreed.',
      index,
    );
    const names = doc.entities.map((e) => e.name);
    expect(names).not.toContain('Talking');
    expect(names).not.toContain('Building');
    expect(names).toContain('Cole Manning');
  });

  it('reads a title as the person the text gave it, and a pronoun as a person before it', () => {
    const doc = readDocument(
      'State Department spokesman Matthew Miller spoke. The spokesman said he was pleased.',
      index,
    );
    const spokesman = doc.mentions.find((m) => m.text === 'The spokesman')!;
    expect(doc.entities[spokesman.entity]?.name).toBe('Matthew Miller');
    const he = doc.mentions.find((m) => m.form === 'pronoun')!;
    expect(doc.entities[he.entity]?.name).toBe('Matthew Miller');
  });

  it('gives Chinese names written before a verb of saying and after a title', () => {
    const doc = readDocument('外交部发言人汪文斌表示，中方坚决反对。', index);
    expect(doc.entities.some((e) => e.name === '汪文斌' && e.kind === 'person')).toBe(true);
  });
});

describe('attribution', () => {
  it.each([
    ['“We will keep talking,” Rachel Dunmore said.', 'Rachel Dunmore'],
    ['“We will keep talking,” said Rachel Dunmore, a trade lawyer.', 'Rachel Dunmore'],
    ['Rachel Dunmore, who heads the council, said: “We will keep talking.”', 'Rachel Dunmore'],
    [
      'According to Rachel Dunmore, the talks were “a good start for both sides.”',
      'Rachel Dunmore',
    ],
    ['Qin Gang told Antony Blinken that ties were “at their lowest point.”', 'Qin Gang'],
    ['„Wir bleiben im Gespräch“, sagte Rachel Dunmore am Montag.', 'Rachel Dunmore'],
    ['« Nous restons en contact », a déclaré Rachel Dunmore.', 'Rachel Dunmore'],
  ])('%s → %s', (text, speaker) => {
    expect(speakers(text)[0]).toBe(speaker);
  });

  it('follows a pronoun, a title and a surname back to the full name', () => {
    const text = [
      'Rachel Dunmore, a trade lawyer in Shanghai, was relieved by the talks.',
      '“Nobody expected a deal, but people wanted to see the two governments in the same room,” she said.',
      '“The chip controls are still there,” Dunmore added.',
    ].join('\n');
    expect(speakers(text)).toEqual(['Rachel Dunmore', 'Rachel Dunmore']);
  });

  it('keeps the speaker of a quotation continued in the next paragraph', () => {
    const text = [
      'Henry Tolland, an economist in London, said: “The economy needs foreign money back.',
      '“Companies will wait for something concrete before they invest again in the region.”',
    ].join('\n');
    expect(speakers(text).every((s) => s === 'Henry Tolland')).toBe(true);
  });

  it('names the KB person canonically and an unnamed source by no one', () => {
    const text =
      '“This was a real conversation about hard things,” a senior State Department official told reporters. “We made progress,” Mr. Blingen said.';
    expect(speakers(text)).toEqual(['(a senior State Department official)', 'Antony Blinken']);
  });

  it('never reports a place as the speaker', () => {
    const text = '“We firmly oppose the measures and will respond,” Beijing said on Friday.';
    expect(speakers(text)[0]).toBeNull();
  });

  it('scores every candidate by the fitted weights, with probabilities that sum to one', () => {
    const doc = readDocument(
      '“We will keep talking,” Rachel Dunmore said to Henry Tolland.',
      index,
    );
    const [ctx] = quoteContexts(doc);
    const candidates = candidatesFor(doc, ctx!, {
      previousEntity: -1,
      previous: null,
      speakers: new Set(),
      recent: [],
    });
    const probs = probabilities(candidates, WEIGHTS);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(candidates.some((c) => c.type === 'none')).toBe(true);
    const best = candidates[probs.indexOf(Math.max(...probs))]!;
    expect(doc.entities[best.entity]?.name).toBe('Rachel Dunmore');
  });

  it('tells words quoted as a title from words said', () => {
    expect(titleCased('Less Money on Testing, More Money on Students.')).toBe(true);
    expect(titleCased('Takin’ It to the Streets')).toBe(true);
    expect(titleCased('We got her, we got her!')).toBe(false);
    expect(titleCased('China Will Never')).toBe(true);
    expect(titleCased('Beijing')).toBe(false);
    expect(titleCased('我们坚决反对')).toBe(false);
    const doc = readDocument(
      'Rachel Dunmore marched in front of the statehouse. The crowd behind her carried a banner: “Less Money on Testing, More Money on Students.”',
      index,
    );
    const [ctx] = quoteContexts(doc);
    const none = candidatesFor(doc, ctx!, {
      previousEntity: -1,
      previous: null,
      speakers: new Set(),
      recent: [],
    }).find((c) => c.type === 'none')!;
    expect(none.features['none.titleCase']).toBe(1);
    expect(speakers(doc.text)).toEqual([null]);
  });

  it('never throws and always answers per quotation on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const doc = readDocument(text, index);
        const atts = attributeQuotes(doc);
        expect(atts).toHaveLength(doc.quotes.length);
        for (const a of atts) {
          expect(a.confidence).toBeGreaterThanOrEqual(0);
          expect(a.confidence).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
