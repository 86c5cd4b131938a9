import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { speakerResolver } from '../../lib/match/aliases';
import { buildMatcherIndex } from '../../lib/match/link';
import { scanQuotes } from '../../lib/text/quotes';
import { attributeSpeakers, tokenize, tokensWithin, VIA } from '../../lib/text/speakers';
import type { ResolvedEntity, SpeakerResolver } from '../../lib/text/speakers';
import { fixtureKb } from './fixtures/kb';

const PEOPLE: Record<string, ResolvedEntity> = {};
const person = (id: string, name: string, ...aliases: string[]) => {
  for (const alias of [name, ...aliases])
    PEOPLE[alias.toLowerCase()] = { id, name, type: 'person' };
};
person('antony-blinken', 'Antony Blinken', 'Blinken', 'Anthony Blinken', 'Blingen');
person('qin-gang', 'Qin Gang', 'Qin', 'Chen Gang');
person('wang-yi', 'Wang Yi');
person('xi-jinping', 'Xi Jinping', 'Xi', 'President Xi');
person('joe-biden', 'Joe Biden', 'Biden');
PEOPLE['china'] = { id: 'china', name: 'China', type: 'place' };
PEOPLE['cctv'] = { id: 'cctv', name: 'CCTV', type: 'organization' };

/** A resolver over a fixed alias table, with titles keyed by their lower-cased head words. */
const resolver: SpeakerResolver = {
  resolve: (name) => PEOPLE[name.toLowerCase()] ?? null,
  resolveTitle: (title) => {
    const t = title.toLowerCase();
    if (/\bforeign minister\b/.test(t) && !/\bus\b|american/.test(t)) return PEOPLE['qin gang']!;
    if (/\b(us|american) president\b/.test(t)) return PEOPLE['joe biden']!;
    if (/\bsecretary of state\b/.test(t)) return PEOPLE['blinken']!;
    return null;
  },
};

function speakersOf(text: string) {
  const quotes = scanQuotes(text).filter((q) => q.depth === 0);
  return attributeSpeakers(text, quotes, resolver).map((s) => (s ? [s.name, s.via] : null));
}

describe('attributeSpeakers: patterns', () => {
  it.each([
    [
      'X said after',
      '“We must reverse the downward spiral,” Wang Yi said.',
      'Wang Yi',
      VIA.nameSaid,
    ],
    [
      'said X after',
      '“We must reverse the downward spiral,” said Wang Yi.',
      'Wang Yi',
      VIA.saidName,
    ],
    ['X says', '“Ties are at a low,” Blinken says.', 'Antony Blinken', VIA.nameSaid],
    [
      'says X with honorific',
      '“It will not resolve much,” says Mr. Blinken, on Monday.',
      'Antony Blinken',
      VIA.saidName,
    ],
    ['X added', '“It brought a period of stabilization,” Xi added.', 'Xi Jinping', VIA.nameSaid],
    [
      'X noted before',
      'Qin noted that relations were at “the lowest point in decades” then.',
      'Qin Gang',
      VIA.nameSaid,
    ],
    [
      'X told before',
      'Qin told Blinken that ties are “at their lowest point since 1979.”',
      'Qin Gang',
      VIA.nameSaid,
    ],
    ['X told after', '“This is very good,” Xi told Blinken on Monday.', 'Xi Jinping', VIA.nameSaid],
    [
      'X said colon',
      'Biden said: “I think it was more embarrassing than intended.”',
      'Joe Biden',
      VIA.nameSaid,
    ],
    [
      'according to X',
      'According to Blinken, ties are “worth the effort and more.”',
      'Antony Blinken',
      VIA.accordingTo,
    ],
    [
      'according to X after',
      '“Ties are worth the effort,” according to Qin Gang.',
      'Qin Gang',
      VIA.accordingTo,
    ],
    ['misspelled alias', '“Ties are worth it,” Blingen said.', 'Antony Blinken', VIA.nameSaid],
    [
      'title before name',
      '“Talks were frank,” State Department spokesman Joe Biden said.',
      'Joe Biden',
      VIA.nameSaid,
    ],
    [
      'title with name after verb',
      '“Talks were frank,” said US President Joe Biden.',
      'Joe Biden',
      VIA.saidName,
    ],
    [
      'name not in the KB',
      '“The economy is not in good shape,” George Magnus told Bloomberg TV.',
      'George Magnus',
      VIA.nameSaid,
    ],
    [
      'appositive',
      '“The economy is weak,” George Magnus, a research associate at Oxford, told reporters.',
      'George Magnus',
      VIA.nameSaid,
    ],
    [
      'name inside appositive',
      'China’s top diplomat, Wang Yi, added that there can be no “compromise on this island.”',
      'Wang Yi',
      VIA.nameSaid,
    ],
    [
      'clause after comma',
      '“Deep differences” remained between the two, the Chinese foreign minister added.',
      'Qin Gang',
      VIA.title,
    ],
  ])('%s', (_, text, name, via) => {
    expect(speakersOf(text)[0]).toEqual([name, via]);
  });

  it.each([
    [
      'the foreign minister',
      '“Relations are at the lowest point,” the foreign minister said.',
      'Qin Gang',
    ],
    [
      'the Chinese foreign minister',
      'The Chinese foreign minister said ties were “at the lowest point.”',
      'Qin Gang',
    ],
    [
      'China’s foreign minister',
      '“Taiwan is a core interest,” said China’s foreign minister.',
      'Qin Gang',
    ],
    [
      'the US president',
      '“I think it was embarrassing,” the US president told reporters.',
      'Joe Biden',
    ],
    [
      'an institution not in the KB',
      '“We oppose it firmly,” China’s commerce ministry said.',
      'China’s commerce ministry',
    ],
  ])('titles: %s', (_, text, name) => {
    expect(speakersOf(text)[0]).toEqual([name, VIA.title]);
  });

  it('reports an unnamed official as no speaker', () => {
    expect(speakersOf('“We tried to call,” the ambassador said.')).toEqual([null]);
    expect(speakersOf('„Wir haben es versucht“, sagte ein US-Diplomat.')).toEqual([null]);
  });
});

describe('attributeSpeakers: German and French', () => {
  it.each([
    ['sagte X', '„Wir reden wieder“, sagte Qin.', 'Qin Gang'],
    ['so X', '„Wir reden wieder“, so Qin.', 'Qin Gang'],
    ['inverted after a comma', 'China wünsche sich „stabile“ Beziehungen, sagte Qin.', 'Qin Gang'],
    [
      'er hoffe',
      'Qin Gang sprach lange. Er hoffe, dass die USA „in dieselbe Richtung arbeiten“.',
      'Qin Gang',
    ],
    [
      'X betonte',
      'Blinken betonte, die USA wollten eine Welt, die „frei und offen ist“.',
      'Antony Blinken',
    ],

    [
      'a déclaré M. X',
      '« Des progrès ont été réalisés », a déclaré M. Xi, selon la télévision.',
      'Xi Jinping',
    ],
    [
      'X avait estimé',
      'Qin Gang avait estimé que les relations étaient « au plus bas ».',
      'Qin Gang',
    ],
    [
      'appositive',
      'Le porte-parole, Joe Biden, a qualifié les discussions de « franches et constructives ».',
      'Joe Biden',
    ],
    [
      'selon X',
      'Selon Blinken, les discussions étaient « franches et constructives ».',
      'Antony Blinken',
    ],
  ])('%s', (_, text, name) => {
    expect(speakersOf(text)[0]?.[0]).toBe(name);
  });

  it('resolves "a-t-il ajouté" to the speaker before', () => {
    expect(
      speakersOf(
        '« Des progrès ont été réalisés », a déclaré M. Xi. « C’est très bien », a-t-il ajouté.',
      ),
    ).toEqual([
      ['Xi Jinping', VIA.saidName],
      ['Xi Jinping', VIA.pronoun],
    ]);
  });
});

describe('attributeSpeakers: references back', () => {
  it('resolves "he said" to the person speaking in the sentence before', () => {
    const text =
      'Qin told Blinken that relations were “at their lowest point.” “The Taiwan issue is core,” he said.';
    expect(speakersOf(text)).toEqual([
      ['Qin Gang', VIA.nameSaid],
      ['Qin Gang', VIA.pronoun],
    ]);
  });

  it('resolves "he said" to an anonymous official in the sentence before, not to a named person', () => {
    const text =
      'Qin Gang hosted the talks. A senior US official, who wished to remain anonymous, said the talks went well. “This was a real conversation,” he said.';
    expect(speakersOf(text)).toEqual([null]);
  });

  it('keeps an unnamed speaker as the text puts them when asked (for the knowledge base)', () => {
    const text =
      'Qin Gang hosted the talks. A senior US official, who wished to remain anonymous, said the talks went well. “This was a real conversation,” he said.';
    const kept = attributeSpeakers(text, scanQuotes(text), resolver, { unnamed: true });
    expect(kept.map((s) => s && [s.name, s.entityId])).toEqual([['A senior US official', null]]);
  });

  it('takes a bare title ("the ambassador") for a KB person only once the text has named them', () => {
    const burns: ResolvedEntity = { id: 'nicholas-burns', name: 'Nicholas Burns', type: 'person' };
    const withAmbassador: SpeakerResolver = {
      resolve: (name) => (name === 'Nicholas Burns' ? burns : resolver.resolve(name)),
      resolveTitle: (title) => (/ambassador/i.test(title) ? burns : null),
    };
    const said = (text: string) =>
      attributeSpeakers(text, scanQuotes(text), withAmbassador).map((s) => s?.entityId ?? null);
    const unnamed =
      'Beijing refused to talk, as described by a US diplomat. “No one answered the phone,” the ambassador said.';
    expect(said(unnamed)).toEqual([null]);
    const named =
      'Nicholas Burns met officials in Beijing. “No one answered the phone,” the ambassador said.';
    expect(said(named)).toEqual(['nicholas-burns']);
  });

  it('does not take a titled object ("to meet US envoy X") for whom "he" refers to', () => {
    const text =
      'Defense Minister Qin Gang refused to meet US envoy Joe Biden in Singapore. In a meeting, he urged the US side to “deal with incidents in a calm manner”.';
    expect(speakersOf(text)).toEqual([['Qin Gang', VIA.pronoun]]);
  });

  it('resolves a surname to the full name given earlier in the text', () => {
    const text =
      'Drew Thompson, a visiting fellow in Singapore, said the tone was positive.\n“Compared to March, the tone is friendly,” Thompson said.';
    expect(speakersOf(text)[0]).toEqual(['Drew Thompson', `${VIA.nameSaid}, ${VIA.surname}`]);
  });

  it('prefers the most recent person for a shared surname', () => {
    const text =
      'Wang Yi met Blinken on Monday.\nHenry Wang, founder of a think tank, spoke too.\n“Blinken lays the foundation,” Wang added.';
    expect(speakersOf(text)[0]?.[0]).toBe('Henry Wang');
  });

  it('gives a following quote in the same paragraph the same speaker', () => {
    const text = '“Blinken lays the foundation,” Xi added. “It brought a period of stabilization.”';
    expect(speakersOf(text)).toEqual([
      ['Xi Jinping', VIA.nameSaid],
      ['Xi Jinping', VIA.previousQuote],
    ]);
  });

  it('gives a quote that opens the next paragraph the previous speaker', () => {
    const text =
      '“Mr. Blinken’s visit will not resolve much,” says Mr. Biden, a former official.\n“But it may revive dialogue.”';
    expect(speakersOf(text)[1]).toEqual(['Joe Biden', VIA.previousQuote]);
  });

  it('uses the preceding sentence for a quote that opens a paragraph', () => {
    const text =
      'Wang Yi spoke first.\nLater Xi said this of the visit:\n“We hope for lasting friendship.”';
    expect(speakersOf(text)[0]).toEqual(['Xi Jinping', VIA.precedingSentence]);
  });

  it('gives quotes in one sentence the same speaker', () => {
    const text =
      'According to Qin, this does not match “the fundamental interests of the two peoples” or the “expectations of the international community” at all.';
    expect(speakersOf(text)).toEqual([
      ['Qin Gang', VIA.accordingTo],
      ['Qin Gang', VIA.sameSentence],
    ]);
  });

  it('does not take a namesake for the KB person', () => {
    const kb = speakerResolver(buildMatcherIndex(fixtureKb));
    const text =
      'Minister of Public Security Wang Xiaohong said Beijing would act “on the basis of mutual respect”.';
    expect(attributeSpeakers(text, scanQuotes(text), kb)[0]).toMatchObject({
      name: 'Wang Xiaohong',
      entityId: null,
    });
  });

  it('finds a full name after a capitalized sentence opener, for a later surname', () => {
    const kb = speakerResolver(buildMatcherIndex(fixtureKb));
    const text = 'For Li Shangfu, talks matter.\n“We are ready,” says Mr. Li, a minister.';
    expect(attributeSpeakers(text, scanQuotes(text), kb)[0]).toMatchObject({
      entityId: 'li-shangfu',
    });
  });

  it('takes a short ambiguous alias only after the full name or with a title', () => {
    const kb = speakerResolver(buildMatcherIndex(fixtureKb));
    const who = (text: string) => attributeSpeakers(text, scanQuotes(text), kb)[0];
    expect(who('“In summer? Never,” Li said, laughing.')).toMatchObject({
      name: 'Li',
      entityId: null,
    });
    expect(who('Li Shangfu spoke first. “We are ready,” Li said.')).toMatchObject({
      entityId: 'li-shangfu',
    });
    expect(who('“We are ready,” said Minister Li.')).toMatchObject({ entityId: 'li-shangfu' });
  });

  it('does not take the listener of "told" as the speaker', () => {
    expect(speakersOf('“Welcome,” told Blinken the host.')[0]).toBeNull();
  });

  it('leaves headings and quotes with no attribution without a speaker', () => {
    expect(
      speakersOf('“Taiwan issue touches the core of China’s interests”\nMore news follows.'),
    ).toEqual([null]);
    expect(speakersOf('Some users called for relations to “get back on track.”')).toEqual([null]);
  });

  it('does not read "States" in "United States" as a speech verb', () => {
    expect(
      speakersOf('Relations between the United States and China are “at their lowest point.”'),
    ).toEqual([null]);
  });

  it('gives inner quotes the speaker of the quotation that holds them', () => {
    const text = '“How Xi defines ‘progress’ is different,” Biden said.';
    const quotes = scanQuotes(text);
    expect(attributeSpeakers(text, quotes, resolver).map((s) => s?.name)).toEqual([
      'Joe Biden',
      'Joe Biden',
    ]);
  });
});

describe('attributeSpeakers: properties', () => {
  it('never throws and answers one entry per quote', () => {
    const piece = fc.constantFrom(
      '“',
      '”',
      '"',
      ' said ',
      ' Wang ',
      ' he ',
      ', ',
      '. ',
      '\n',
      'Xi',
      ' told ',
      'according to ',
      'the minister ',
    );
    const noisy = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(piece, { maxLength: 60 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(noisy, (text) => {
        const quotes = scanQuotes(text);
        const speakers = attributeSpeakers(text, quotes, resolver);
        expect(speakers).toHaveLength(quotes.length);
      }),
      { numRuns: 400 },
    );
  });
});

describe('attributeSpeakers with the matcher index resolver', () => {
  const kbResolver = speakerResolver(buildMatcherIndex(fixtureKb));
  const attribute = (text: string) =>
    attributeSpeakers(text, scanQuotes(text), kbResolver).map((s) => s && [s.name, s.entityId]);

  it.each([
    [
      'a person inside a run with an organization',
      'Blinken met Qin Gang. According to Qin CCTV, this does not match “the fundamental interests of the two peoples” at all.',
      ['Qin Gang', 'qin-gang'],
    ],
    [
      'an ambiguous short name as speaker',
      'Xi Jinping met Blinken. “This is very good,” Xi said.',
      ['Xi Jinping', 'xi-jinping'],
    ],
    [
      'a title from KB roles',
      '“Ties are at the lowest point,” the Chinese foreign minister said.',
      ['Qin Gang', 'qin-gang'],
    ],
    [
      'a German title',
      'Der chinesische Außenminister forderte, „ruhig und professionell“ zu handeln.',
      ['Qin Gang', 'qin-gang'],
    ],
    [
      'a French title after the noun',
      'Le dirigeant chinois a dit espérer « davantage de contributions positives ».',
      ['Xi Jinping', 'xi-jinping'],
    ],
    [
      'an organization',
      '“Talks were productive,” the State Department said.',
      ['US State Department', 'us-state-department'],
    ],
  ])('%s', (_, text, expected) => {
    expect(attribute(text)[0]).toEqual(expected);
  });
});

describe('attributeSpeakers: Chinese', () => {
  const zh = (text: string) =>
    attributeSpeakers(text, scanQuotes(text), speakerResolver(buildMatcherIndex(fixtureKb))).map(
      (s) => s && [s.name, s.entityId],
    );

  it('finds the speaker before 指出/说 and after a closing mark, titles stripped', () => {
    const text =
      '国家主席习近平指出：「地球足够大，容得下中美各自发展、共同繁荣。」他表示，背对背不是选项。\n拜登在会后的记者会上说，双方“取得了一些真正的进展”。\n“我们会继续沟通。”他说。';
    expect(zh(text)).toEqual([
      ['Xi Jinping', 'xi-jinping'],
      ['拜登', null],
      ['拜登', null],
    ]);
  });
});

describe('attributeSpeakers: a definite title refers back', () => {
  const kbResolver = speakerResolver(buildMatcherIndex(fixtureKb));
  const names = (text: string) =>
    attributeSpeakers(text, scanQuotes(text), kbResolver).map((s) => s && s.name);

  it('to the most recently named person whose role fits', () => {
    expect(
      names(
        'Wang Yi met Blinken on Monday.\n“There is no room for compromise,” the veteran diplomat said.',
      ),
    ).toEqual(['Wang Yi']);
  });

  it('not to someone whose role does not fit, nor for an indefinite title', () => {
    expect(
      names('Blinken arrived.\n“There is no room for compromise,” the veteran diplomat said.'),
    ).toEqual([null]);
    expect(names('Wang Yi met Blinken.\n“We tried to call,” a veteran diplomat said.')).toEqual([
      null,
    ]);
  });
});

describe('attributeSpeakers: counterparts, places, institutions, colons, people the KB lacks', () => {
  const kbResolver = speakerResolver(buildMatcherIndex(fixtureKb));
  const names = (text: string) =>
    attributeSpeakers(text, scanQuotes(text), kbResolver).map((s) => s && s.name);

  it('takes "his counterpart" for the other person the text has named', () => {
    expect(
      names('Antony Blinken met Qin Gang.\n“Relations are at a low,” his counterpart told him.'),
    ).toEqual(['Qin Gang']);
    expect(
      names('Qin Gang met Antony Blinken.\n“We had candid talks,” his American counterpart said.'),
    ).toEqual(['Antony Blinken']);
    expect(names('“We had candid talks,” his counterpart said.')).toEqual([null]);
  });

  it('never gives a place as the speaker', () => {
    expect(names('Beijing has urged carmakers to avoid “disorderly competition.”')).toEqual([null]);
    expect(names('“We will keep talking,” Washington said.')).toEqual([null]);
  });

  it('leaves an indefinite title unnamed, not the KB person who holds the role', () => {
    expect(
      names(
        'Antony Blinken landed. A State Department spokesman said it was “reviewing the matter.”',
      ),
    ).toEqual([null]);
  });

  it('keeps an institution named as a side', () => {
    expect(names('The Chinese side said it hoped Washington would “work with China.”')).toEqual([
      'The Chinese side',
    ]);
  });

  it('takes a name after a dash as a byline-style attribution', () => {
    expect(names('“We are not seeking a new Cold War” — Antony Blinken.')).toEqual([
      'Antony Blinken',
    ]);
    expect(names('He called it “a start” — Washington disagreed.')).toEqual([null]);
  });

  it('reads an honorific without a dot as part of the name', () => {
    expect(names('Xi Jinping met Joe Biden. “The Earth is big enough,” Mr Xi told Biden.')).toEqual(
      ['Xi Jinping'],
    );
  });

  it('takes the subject of a sentence that introduces the quote after a colon', () => {
    expect(
      names('Owen Thackeray, a former diplomat, put it simply: “Nobody expects much.”'),
    ).toEqual(['Owen Thackeray']);
    expect(names('In the end: “Nobody expects much.”')).toEqual([null]);
  });

  it('finds a person the KB lacks behind their title, and as the subject a pronoun refers to', () => {
    expect(
      names('Republican Senator Ted Cruz criticized the agency. “It was asleep,” Cruz said.'),
    ).toEqual(['Ted Cruz']);
    expect(
      names('Mara Ellison, an analyst, was blunt.\n“Consolidation is coming,” she said.'),
    ).toEqual(['Mara Ellison']);
    expect(names('Our guide, Li, laughed at the question. “In summer? Never,” she said.')).toEqual([
      'Li',
    ]);
    // Named after a preposition, not the subject: "she" is not her.
    expect(names('The report cites Mara Ellison.\n“Nothing changes,” she said.')).toEqual([null]);
  });
});

describe('attributeSpeakers: Chinese subjects, titles, dates and pronouns', () => {
  const kbResolver = speakerResolver(buildMatcherIndex(fixtureKb));
  const names = (text: string) =>
    attributeSpeakers(text, scanQuotes(text), kbResolver).map((s) => s && s.name);

  it('takes the subject that opens the sentence, however long the clause before the quote', () => {
    expect(
      names('习近平强调，台湾问题是中国核心利益中的核心，是中美关系中“最突出的风险”。'),
    ).toEqual(['Xi Jinping']);
  });

  it('strips a title run and a date from the subject', () => {
    expect(names('中国外交部发言人汪文斌18日表示，“中方的立场是一贯的”。')).toEqual(['汪文斌']);
  });

  it('refers 他 back to the person who opened an earlier sentence', () => {
    expect(names('国家主席习近平18日会见了来访的客人。他表示，双方“要增进互信”。')).toEqual([
      'Xi Jinping',
    ]);
  });
});

describe('attributeSpeakers: titles the page gives, quoting outlets, institutions reporting', () => {
  const russell: ResolvedEntity = { id: 'danny-russell', name: 'Danny Russell', type: 'person' };
  const kbResolver = speakerResolver(buildMatcherIndex(fixtureKb));
  const withRussell: SpeakerResolver = {
    ...kbResolver,
    resolve: (name) => (name === 'Daniel Russel' ? russell : kbResolver.resolve(name)),
  };
  const names = (text: string, r: SpeakerResolver = kbResolver) =>
    attributeSpeakers(text, scanQuotes(text), r).map((s) => s && s.name);

  it('takes a definite title for the person the text introduced with it, KB or not', () => {
    expect(
      names(
        'U.S. Commerce Secretary Gina Raimondo met Commerce Minister Wang Wentao on Monday.\n' +
          '“It is profoundly important that we have a stable relationship,” the commerce secretary told Wang.\n' +
          'The minister has called such measures “technological bullying” in the past.',
      ),
    ).toEqual(['Gina Raimondo', 'Wang Wentao']);
    expect(
      names(
        'Mao Ning, a spokeswoman for the foreign ministry, spoke on Friday. Officials met later.\n' +
          '“The airship deviated from its course,” the spokeswoman said.',
      ),
    ).toEqual(['Mao Ning']);
    // Named in the words after a quote: "said X, a spokeswoman for …".
    expect(
      names(
        '“It was a civilian airship,” said Mao Ning, a spokeswoman for the ministry. Talks went on.\n' +
          '“We regret the unintended entry,” the spokeswoman added.',
      ),
    ).toEqual(['Mao Ning', 'Mao Ning']);
  });

  it('leaves a definite title to someone unnamed mentioned since, or of the other side', () => {
    expect(
      names(
        'Nadia Kessler, a senior official at the firm, spoke first. Later a senior US official briefed reporters.\n' +
          '“We were clear,” the official said.',
      ),
    ).toEqual([null]);
    expect(
      names(
        'China’s Commerce Minister Wang Wentao met the delegation.\n“We will act,” the U.S. minister said.',
      ),
    ).toEqual([null]);
  });

  it('ends a title at a conjunction', () => {
    expect(
      names(
        'Wang Wentao said nothing in public, but China’s commerce ministry later said it had “serious concerns”.',
      ),
    ).toEqual(['China’s commerce ministry']);
  });

  it('takes the person quoted, not the outlet, in "quoted X as saying"', () => {
    expect(
      names('Xinhua quoted Wang Yi as saying that China was “willing to work with the US side.”'),
    ).toEqual(['Wang Yi']);
    expect(
      names('“The Earth is big enough for both,” Xi Jinping was quoted as saying by state media.'),
    ).toEqual(['Xi Jinping']);
  });

  it('gives the words to the person an institution reports, not to the institution', () => {
    expect(
      names(
        'Blinken told Wang Yi in a phone call that the balloon was “an irresponsible act,” the State Department said.',
      ),
    ).toEqual(['Antony Blinken']);
    expect(names('“We oppose it,” the State Department said.')).toEqual(['US State Department']);
  });

  it('never refers "she" back to an institution; a surname in the text refers back to the person', () => {
    expect(
      names(
        'Commerce Secretary Gina Raimondo arrived in Beijing.\n' +
          'China’s commerce ministry said the talks were “rational and candid and useful.”\n' +
          'Raimondo made clear that one subject was off the table. “We are not going to compromise,” she said.',
      ),
    ).toEqual(['China’s commerce ministry', 'Gina Raimondo']);
  });

  it('takes a surname as the page writes the full name, for a KB person under another spelling', () => {
    expect(
      names(
        'Daniel Russel, a former official, was measured.\n“The atmosphere has improved,” Russel said.',
        withRussell,
      ),
    ).toEqual(['Danny Russell']);
  });
});

describe('attributeSpeakers: German and French titles, views and inversions', () => {
  const kbResolver = speakerResolver(buildMatcherIndex(fixtureKb));
  const ministry: ResolvedEntity = {
    id: 'chinese-foreign-ministry',
    name: 'Ministry of Foreign Affairs of China',
    type: 'organization',
  };
  const withMinistry: SpeakerResolver = {
    ...kbResolver,
    resolve: (name) =>
      name === 'ministère chinois des Affaires étrangères' ? ministry : kbResolver.resolve(name),
  };
  const names = (text: string, r: SpeakerResolver = kbResolver) =>
    attributeSpeakers(text, scanQuotes(text), r).map((s) => s && s.name);

  it('reads German compound titles, "so der Sprecher" and the person a title refers back to', () => {
    expect(
      names(
        'Außenamtssprecher Jake Sullivan sagte, die USA hätten die Lage angesprochen. „Wir erwarten von China, dass es seinen Einfluss nutzt“, so der Sprecher.',
      ),
    ).toEqual(['Jake Sullivan']);
    expect(
      names(
        'Wang Yi traf Blinken zweimal. „Der Weg wird nicht reibungslos sein“, sagte der Chefdiplomat laut Xinhua.',
      ),
    ).toEqual(['Wang Yi']);
  });

  it('leaves out a noun between an article and a name', () => {
    expect(
      names(
        'Die Amerikanistin Sabine Oehler hält das für überzogen. „Ein Gipfel beendet keine Rivalität“, sagt Oehler.',
      ),
    ).toEqual(['Sabine Oehler']);
  });

  it('lets the sentence before decide when someone else has spoken since the previous quote', () => {
    expect(
      names(
        '“We want to manage competition,” Blinken said. Jake Sullivan said the US also raised Ukraine. “We expect China to use its influence.”',
      ),
    ).toEqual(['Antony Blinken', 'Jake Sullivan']);
    expect(
      names(
        '“We want to manage competition,” Blinken said. Later, Jake Sullivan arrived. “We expect China to use its influence.”',
      ),
    ).toEqual(['Antony Blinken', 'Antony Blinken']);
    // A sentence that opens with someone else sets the quote up as theirs.
    expect(
      names(
        '“We want to manage competition,” Blinken said.\nJanet Yellen struck a firmer tone. “We will not accept a flood of exports.”',
      ),
    ).toEqual(['Antony Blinken', 'Janet Yellen']);
  });

  it('reads French: "pour sa part", any "-t-il" inversion, "Pour X,", titles with the head first', () => {
    expect(
      names('Xi Jinping a pour sa part estimé que « la planète est assez grande pour nous deux ».'),
    ).toEqual(['Xi Jinping']);
    expect(
      names(
        'Pour Julien Ferrand, chercheur à Lyon, le sommet a évité le pire. « C’est un pansement, pas une guérison », résume-t-il.',
      ),
    ).toEqual(['Julien Ferrand']);
    expect(
      names(
        'À Pékin, le ministère chinois des Affaires étrangères a qualifié la rencontre de « positive et constructive ».',
        withMinistry,
      ),
    ).toEqual(['Ministry of Foreign Affairs of China']);
    expect(
      names(
        'Sa porte-parole, Mao Ning, s’est montrée plus prudente : « Les résultats doivent se traduire en actes. »',
      ),
    ).toEqual(['Mao Ning']);
  });
});

describe('attributeSpeakers: titles of KB people, document issuers', () => {
  const kbResolver = speakerResolver(buildMatcherIndex(fixtureKb));
  const names = (text: string) =>
    attributeSpeakers(text, scanQuotes(text), kbResolver).map((s) => s && s.name);

  it('notes the title a KB person is given on the page, over the role in the KB', () => {
    // The KB's foreign minister is Qin Gang; this page makes Wang Yi the foreign minister.
    expect(
      names(
        'Secretary Antony Blinken met Chinese Foreign Minister Wang Yi in Munich.\n' +
          '“China will keep its policies stable,” the foreign minister said.',
      ),
    ).toEqual(['Wang Yi']);
    expect(
      names(
        'Wang Yi met Secretary of State Joe Biden.\n“We will keep talking,” the secretary said.',
      ),
    ).toEqual(['Joe Biden']);
  });

  it('takes the issuer of a document only when nothing closer says who spoke', () => {
    expect(
      names(
        'The president “emphasized the importance of peace,” according to the White House readout.',
      ),
    ).toEqual(['White House']);
    expect(
      names(
        '“We want peace,” Biden said. “We want stability,” according to the White House readout.',
      ),
    ).toEqual(['Joe Biden', 'Joe Biden']);
    expect(names('Xi “hoped for progress,” according to the Chinese readout.')).toEqual([null]);
  });
});

describe('attributeSpeakers: "she" and "he", the surname He, spaced hyphens', () => {
  const kbResolver = speakerResolver(buildMatcherIndex(fixtureKb));
  const names = (text: string) =>
    attributeSpeakers(text, scanQuotes(text), kbResolver).map((s) => s && s.name);

  it('does not take someone the text has called "she" for a later "he", nor the reverse', () => {
    expect(
      names(
        'Janet Yellen met officials in Guangzhou. “The capacity is too large,” she said.\n' +
          'The talks went on. Later, “we hope for balance,” he said.',
      ),
    ).toEqual(['Janet Yellen', null]);
    expect(
      names(
        'Janet Yellen met officials. “The capacity is too large,” she said.\n' +
          'Wang Wentao spoke next. “We disagree,” he said. Yellen listened. “We will not accept it,” she said.',
      ),
    ).toEqual(['Janet Yellen', 'Wang Wentao', 'Janet Yellen']);
    expect(
      names(
        'Ms. Janet Yellen and Wang Wentao met. Wang Wentao left early. Janet Yellen stayed. “We will keep talking,” he said.',
      ),
    ).toEqual(['Wang Wentao']);
  });

  it('learns "she" from a title such as "spokeswoman"', () => {
    expect(
      names(
        'Mao Ning, a spokeswoman for the ministry, spoke first. Then Wang Wenbin arrived. “We regret it,” she said.',
      ),
    ).toEqual(['Mao Ning']);
  });

  it('reads "He" before a given name as the surname', () => {
    expect(
      names(
        'Janet Yellen spoke first. “It was frank,” she said.\n' +
          'He Lifeng, who leads the economic team, was more guarded. He said the US should “view China objectively.”',
      ),
    ).toEqual(['Janet Yellen', 'He Lifeng']);
    expect(
      names(
        'A Chinese commerce ministry spokesman, He Yadong, said China would “take all necessary measures”.',
      ),
    ).toEqual(['He Yadong']);
  });

  it('ends a name at a hyphen set off by spaces ("GUANGZHOU - U.S. Treasury Secretary …")', () => {
    expect(
      names(
        'GUANGZHOU - U.S. Treasury Secretary Janet Yellen arrived on Friday.\n“It was frank,” Yellen said.',
      ),
    ).toEqual(['Janet Yellen']);
  });
});

describe('attributeSpeakers: sentences after a quote, "of" titles, other ways of naming', () => {
  const kbResolver = speakerResolver(buildMatcherIndex(fixtureKb));
  const names = (text: string) =>
    attributeSpeakers(text, scanQuotes(text), kbResolver).map((s) => s && s.name);

  it('reads the sentence after a quote that ends its own as running text', () => {
    expect(
      names(
        'Lai Ching-te took office on Monday. Spokesman Wang Wenbin said the drills were “punishment.” Lai, speaking at a base, struck a calmer note. “I will stand on the front line,” he said.',
      ),
    ).toEqual(['Wang Wenbin', 'Lai Ching-te']);
  });

  it('reads "the secretary of state" as a title', () => {
    expect(
      names('Blinken invited Qin to Washington. “We agreed to talk,” the secretary of state said.'),
    ).toEqual(['Antony Blinken']);
  });

  it('takes "the Pentagon chief" for the person the paragraph is about, nobody otherwise', () => {
    expect(
      names(
        'Defense Secretary Lloyd Austin said he wanted channels open. “Dialogue is not a reward,” the Pentagon chief said.',
      ),
    ).toEqual(['Lloyd Austin']);
    expect(
      names(
        'Defense Secretary Lloyd Austin said he wanted channels open.\n“Dialogue is not a reward,” the Pentagon chief said.',
      ),
    ).toEqual([null]);
  });
});

describe('attributeSpeakers: Chinese titles before a name, long subjects after a quote', () => {
  const withMiller = buildMatcherIndex({
    ...fixtureKb,
    entities: fixtureKb.entities.map((e) =>
      e.id === 'matthew-miller' ? { ...e, ambiguousAliases: ['Miller', '米勒'] } : e,
    ),
  });
  const names = (text: string) =>
    attributeSpeakers(text, scanQuotes(text), speakerResolver(withMiller)).map((s) => s && s.name);

  it('takes a short name after a title for the KB person (发言人米勒)', () => {
    expect(names('美国国务院发言人米勒在声明中称，双方进行了“坦率而富有成效”的讨论。')).toEqual([
      'Matthew Miller',
    ]);
    // Without a title, a namesake: not the KB's spokesman.
    expect(names('邻居米勒说，他“什么也没看见”。')[0]).not.toBe('Matthew Miller');
  });

  it('strips a day written between the name and what follows it (拜登周六对记者表示)', () => {
    // The fixture KB has no Chinese alias for Biden: the name as the page writes it.
    expect(names('美国总统拜登周六对记者表示，气球事件“与其说是故意的，不如说是尴尬的”。')).toEqual(
      ['拜登'],
    );
  });

  it('finds a long subject with its title after a quote', () => {
    expect(names('“双方都不希望竞争滑向冲突。”中国人民大学教授李明远对本报记者说。')).toEqual([
      '李明远',
    ]);
  });
});

describe('attributeSpeakers: more verbs of saying', () => {
  it.each([
    ['pledged', 'Wang Yi pledged that China would “keep the channels open.”', 'Wang Yi'],
    ['confirmed', '“The visit will go ahead,” Blinken confirmed on Monday.', 'Antony Blinken'],
    ['posted', '“A productive day,” Blinken posted on social media.', 'Antony Blinken'],
  ])('%s', (_, text, name) => {
    expect(speakersOf(text)[0]?.[0]).toBe(name);
  });

  it('takes a name after a preposition for an object, and a readout for the person it reports', () => {
    expect(
      speakersOf(
        'The Chinese readout of Wang Yi’s meeting with Blinken said there was “no room for compromise”.',
      ),
    ).toEqual([['Wang Yi', VIA.nameSaid]]);
    expect(
      speakersOf('The dinner with Blinken said much about the mood: “constructive and frank”.'),
    ).toEqual([null]);
    expect(
      speakersOf('Secretary of State Antony Blinken said the talks were “candid and useful”.'),
    ).toEqual([['Antony Blinken', VIA.nameSaid]]);
  });

  it('gives coordinated verbs the subject of their clause', () => {
    expect(
      speakersOf(
        'Days before the visit, Xi Jinping received Bill Gates and called him “the first American friend” this year.',
      ),
    ).toEqual([['Xi Jinping', VIA.nameSaid]]);
    expect(
      speakersOf(
        'China’s defense ministry said it had sent ships and condemned what it called “irrational provocations.”',
      ),
    ).toEqual([['China’s defense ministry', VIA.title]]);
  });

  it('reads "said Secretary of State X" and "the secretary of state said"', () => {
    expect(speakersOf('“We made progress,” said Secretary of State Joe Biden.')).toEqual([
      ['Joe Biden', VIA.saidName],
    ]);
    expect(
      speakersOf('“We made progress,” said U.S. Secretary of State Joe Biden, who met Wang.'),
    ).toEqual([['Joe Biden', VIA.saidName]]);
    expect(
      speakersOf('“We made progress,” said Minister of Commerce Wang Wentao.').map((s) => s?.[0]),
    ).toEqual(['Wang Wentao']);
  });

  it('keeps a middle initial in a name and finds the surname later', () => {
    expect(
      speakersOf(
        'Bonnie S. Glaser, who directs the program, said the talks were “a start.” “Nothing more,” Glaser added.',
      ).map((s) => s?.[0]),
    ).toEqual(['Bonnie S. Glaser', 'Bonnie S. Glaser']);
  });

  it('takes the person a run ends with, though a country opens it', () => {
    expect(
      speakersOf(
        'U.S. Trade Representative Katherine Tai, whose office led the review, called it “a targeted response.”',
      ),
    ).toEqual([['Katherine Tai', VIA.nameSaid]]);
  });

  it('never takes a group ("Analysts", "Officials") for a named speaker', () => {
    expect(speakersOf('Analysts called the outcome a “floor, not a ceiling.”')).toEqual([null]);
    expect(speakersOf('“We are careful,” Officials said.')).toEqual([null]);
  });

  it('does not take whom someone accused for the speaker', () => {
    expect(speakersOf('Wang Yi accused Blinken of “interfering in internal affairs.”')).toEqual([
      ['Wang Yi', VIA.nameSaid],
    ]);
  });
});

describe('attributeSpeakers: more French and German verbs', () => {
  it.each([
    ['rappelé', '« Le dialogue est nécessaire », a rappelé Wang Yi.', 'Wang Yi'],
    ['précise-t-il', 'Qin Gang a parlé. « Rien n’est décidé », précise-t-il.', 'Qin Gang'],
    ['bekräftigte', '„Wir bleiben im Gespräch“, bekräftigte Blinken.', 'Antony Blinken'],
  ])('%s', (_, text, name) => {
    expect(speakersOf(text)[0]?.[0]).toBe(name);
  });

  it('does not read "a finalement" as part of a title with its head first', () => {
    const text =
      'Joe Biden a parlé. Le président américain a finalement reconnu que les divergences restaient. « Je continue de penser qu’il est un dictateur », a-t-il lancé.';
    const kb = speakerResolver(buildMatcherIndex(fixtureKb));
    expect(attributeSpeakers(text, scanQuotes(text), kb).map((s) => s?.name ?? null)).toEqual([
      'Joe Biden',
    ]);
  });
});

describe('attributeSpeakers: a short name before the full one', () => {
  const kbResolver = speakerResolver(buildMatcherIndex(fixtureKb));
  const names = (text: string) =>
    attributeSpeakers(text, scanQuotes(text), kbResolver).map((s) => s && s.name);

  it('takes "Qin" for the KB person when the text names Qin Gang in full later', () => {
    expect(
      names(
        '“Relations are at their lowest point,” Qin said on Sunday.\nForeign Minister Qin Gang hosted the talks.',
      ),
    ).toEqual(['Qin Gang']);
    expect(names('“In summer? Never,” Li said, and laughed.')).toEqual(['Li']);
  });
});

describe('attributeSpeakers: colon leads', () => {
  it('takes a one-word subject or a possessor of words before a colon', () => {
    expect(speakersOf('Wang Yi arrived. Blinken was blunt: “We will not back down.”')).toEqual([
      ['Antony Blinken', VIA.nameSaid],
    ]);
    expect(speakersOf('Qin’s message was clear: “Taiwan is the core.”')).toEqual([
      ['Qin Gang', VIA.nameSaid],
    ]);
    expect(speakersOf('Qin’s office was quiet: “No comment.”')).toEqual([null]);
    expect(speakersOf('Blinken: ‘Progress is hard’\nThe talks went on.')).toEqual([
      ['Antony Blinken', VIA.nameSaid],
    ]);
  });
});

describe('attributeSpeakers: objects after verbs, German word order', () => {
  const kbResolver = speakerResolver(buildMatcherIndex(fixtureKb));
  const names = (text: string) =>
    attributeSpeakers(text, scanQuotes(text), kbResolver).map((s) => s && s.name);

  it('does not take a name right after a verb for whom "il" refers to', () => {
    expect(
      names(
        'Le ministre Qin Gang a reçu Antony Blinken. Les relations sont « au plus bas », a-t-il déclaré.',
      ),
    ).toEqual(['Qin Gang']);
  });

  it('reads an inverted pronoun and a subject after the verb in German', () => {
    expect(
      names(
        'US-Präsident Joe Biden äußerte sich am Samstag. Der Vorfall sei „eher peinlich als beabsichtigt“ gewesen, sagte er.',
      ),
    ).toEqual(['Joe Biden']);
    expect(
      names(
        'Blinken traf Qin Gang. Nach Angaben des Ministeriums sprach Blinken von „offenen“ Gesprächen.',
      ),
    ).toEqual(['Antony Blinken']);
  });
});

describe('attributeSpeakers: the sentence before a paragraph', () => {
  const kbResolver = speakerResolver(buildMatcherIndex(fixtureKb));
  const names = (text: string) =>
    attributeSpeakers(text, scanQuotes(text), kbResolver).map((s) => s && s.name);

  it('reads the last sentence of the paragraph before, past its full stop', () => {
    expect(
      names(
        'Xi Jinping received Antony Blinken.\nThe Chinese president struck a warm tone.\n“This is very good.”',
      ),
    ).toEqual(['Xi Jinping']);
    expect(
      names(
        'Joe Biden spoke to reporters.\nQin Gang said ties were poor.\n“The Taiwan issue is core,” he said.',
      ),
    ).toEqual(['Qin Gang']);
  });

  it('does not give a heading the speaker of the sentence before', () => {
    expect(
      names('Qin Gang said ties were poor.\n“Taiwan issue touches the core”\nMore text.'),
    ).toEqual([null]);
  });
});

describe('attributeSpeakers: long appositives, "quoted X as telling"', () => {
  it('finds the name before a long appositive', () => {
    expect(
      speakersOf(
        'Drew Thompson, a visiting fellow who studied Chinese politics for two decades and now advises several governments in the region on security and regularly testifies before committees of the US Congress, said the visit “changes the tone.”',
      ).map((s) => s?.[0] ?? null),
    ).toEqual(['Drew Thompson']);
  });

  it('takes the person quoted "as telling" someone', () => {
    expect(
      speakersOf(
        'The ministry quoted Qin Gang as telling Blinken that Taiwan was “the core of China’s core interests.”',
      ),
    ).toEqual([['Qin Gang', VIA.nameSaid]]);
  });
});

describe('attributeSpeakers: titles that refer back under another word', () => {
  const names = (text: string) => speakersOf(text).map((s) => s?.[0] ?? null);

  it('reads "the spokeswoman" as the person introduced as a spokesperson', () => {
    const text =
      'At a briefing, foreign ministry spokesperson Mao Ning said the rules were unfair. ' +
      '“They will only hurt supply chains,” the spokeswoman added.';
    expect(names(text)).toEqual(['Mao Ning']);
  });

  it('reads "the Chinese envoy" as the person a possessive appositive made ambassador', () => {
    const text =
      'Xie Feng, China’s ambassador to the United States, spoke at the forum on Wednesday.\n' +
      'The session ran for an hour.\n' +
      '“Our countries should be partners,” the Chinese envoy said.';
    expect(names(text)).toEqual(['Xie Feng']);
  });

  it('does not take the place an ambassador is posted to for the side they are on', () => {
    const text =
      'Xie Feng, China’s ambassador to the United States, and Nicholas Burns, the US ambassador ' +
      'in Beijing, appeared together.\n' +
      '“We should be partners,” the Chinese envoy said.\n' +
      'Burns was blunter. “We are in a competition,” the American diplomat said.';
    expect(names(text)).toEqual(['Xie Feng', 'Nicholas Burns']);
  });

  it('reads a title before a surname the text has named in full as that person', () => {
    const text =
      'Xie Feng, who took up his post in May, spoke first.\n' +
      'The forum then turned to trade.\n' +
      '“The ball is in the American court,” Ambassador Xie said.';
    expect(speakersOf(text)).toEqual([['Xie Feng', `${VIA.nameSaid}, ${VIA.surname}`]]);
  });

  it('leaves a role before a name out of the name', () => {
    const text = '“Both of them meant it,” said Moderator Ellen Marsh.';
    expect(names(text)).toEqual(['Ellen Marsh']);
  });
});

describe('attributeSpeakers: wire-copy attributions', () => {
  const names = (text: string) => speakersOf(text).map((s) => s?.[0] ?? null);

  it('reads "he went on" after a quote and "She went on:" before one', () => {
    const text =
      'Asked about the trip, Ned Price said it would be rescheduled. ' +
      '“We want to keep lines open,” he went on.\n' +
      'Janet Yellen met economists on Friday. She went on: “Problems are easier to solve together.”';
    expect(names(text)).toEqual(['Ned Price', 'Janet Yellen']);
  });

  it('gives the words of a participle clause to the subject of its sentence', () => {
    const text =
      'Owen Thackeray opened the session by calling the talks “a useful start.”\n' +
      'The meeting ran late.\n' +
      'Mara Ellison returned to the subject on Wednesday, accusing both sides of “posturing.”';
    expect(names(text)).toEqual(['Owen Thackeray', 'Mara Ellison']);
  });

  it('reads "the Treasury chief" as the person introduced as Treasury Secretary', () => {
    const text =
      'Treasury Secretary Janet Yellen arrived in Beijing on Thursday.\n' +
      'She met Vice Premier He Lifeng and Premier Li Qiang during the visit.\n' +
      '“The world is big enough for both of us,” the Treasury chief said.';
    expect(names(text)).toEqual(['Janet Yellen']);
  });

  it('leaves "Speaker" before a name out of the name', () => {
    const text =
      '“We should never have let it cross the country,” said House Speaker Kevin McCarthy.';
    expect(names(text)).toEqual(['Kevin McCarthy']);
  });

  it('takes the person after an institution’s title as the subject that sets up a quote', () => {
    const text =
      'Trade rose last year.\n' +
      'State Department spokesman Ned Price opened the briefing on Monday.\n' +
      '“We want to keep lines of communication open.”';
    expect(names(text)).toEqual(['Ned Price']);
  });
});

describe('attributeSpeakers: documents read out', () => {
  const ministry: ResolvedEntity = {
    id: 'chinese-foreign-ministry',
    name: 'Ministry of Foreign Affairs of China',
    type: 'organization',
  };
  const withMinistry: SpeakerResolver = {
    ...resolver,
    resolve: (name) =>
      name.toLowerCase() === 'china’s foreign ministry' ? ministry : resolver.resolve(name),
  };
  const names = (text: string) =>
    attributeSpeakers(text, scanQuotes(text), withMinistry).map((s) => s?.name ?? null);

  it('gives "…,” read a statement from X" to X', () => {
    expect(names('“The report is false,” read a statement from CCTV.')).toEqual(['CCTV']);
  });

  it('reads "the ministry’s website" as the ministry the text has named', () => {
    const text =
      'Mao Ning, the spokeswoman for China’s foreign ministry, said the balloon was civilian. ' +
      '“Its entry was an accident,” she said.\n' +
      'Beijing also protested. “China expresses strong dissatisfaction,” read a statement ' +
      'posted on the ministry’s website.';
    expect(names(text)).toEqual(['Mao Ning', 'Ministry of Foreign Affairs of China']);
  });
});

describe('attributeSpeakers: titles that vary the wording', () => {
  const names = (text: string) => speakersOf(text).map((s) => s?.[0] ?? null);

  it('reads "the former ambassador" as the person introduced as a retired diplomat', () => {
    const text =
      'For Wu Jiale, a retired Chinese diplomat, the episode was familiar. ' +
      '“Washington gives with one hand,” the former ambassador said.';
    expect(names(text)).toEqual(['Wu Jiale']);
  });

  it('reads "the analyst" as the scholar the paragraph has just introduced', () => {
    const text =
      'Sun Yun, director of the China programme at a think tank, said the remark would be ' +
      '“noted, but absorbed.” “Beijing wanted this summit to succeed,” the analyst said.';
    expect(names(text)).toEqual(['Sun Yun', 'Sun Yun']);
  });

  it('finds the subject of a colon lead after an opening phrase', () => {
    const text =
      'Mara Ellison spoke first.\n' +
      'In a speech to business leaders on Wednesday, Owen Thackeray struck a warmer tone: ' +
      '“We are ready to be partners.”';
    expect(names(text)).toEqual(['Owen Thackeray']);
  });

  it('does not give a title with a side to someone whose title the KB gives to another', () => {
    const text =
      'President Xi Jinping received the delegation on Monday.\n' +
      'Joe Biden was not in Beijing.\n' +
      '“We will compete,” the American president said.';
    expect(names(text)).toEqual(['Joe Biden']);
  });
});

describe('attributeSpeakers: sentence openers that are not names', () => {
  it('does not take a preposition opening the sentence for the subject of a participle clause', () => {
    const text =
      'Over the course of that interview, the two disputed that he was estranged, saying ' +
      'instead he was “introverted by nature.”';
    expect(speakersOf(text)).toEqual([null]);
  });
});

describe('attributeSpeakers: institutions named with "of", openers, passives, kindred titles', () => {
  const names = (text: string) => speakersOf(text).map((s) => s?.[0] ?? null);

  it('names an institution by its whole "Ministry of …" phrase, not its last words', () => {
    expect(
      names(
        'The Chinese Ministry of Commerce said in a statement: “Stop abusing export controls.”',
      ),
    ).toEqual(['Chinese Ministry of Commerce']);
  });

  it('finds the subject of a colon lead after an opening participle phrase', () => {
    const text =
      'Speaking at a think tank on Friday, Xie Feng, China’s ambassador, struck a similar ' +
      'note: “We hope the American side will meet us halfway.”';
    expect(names(text)).toEqual(['Xie Feng']);
  });

  it('gives "X was quoted by an outlet as saying" to X, not to the outlet', () => {
    expect(
      names('Wang Yi was quoted by Xinhua as saying that ties should “return to the right track.”'),
    ).toEqual(['Wang Yi']);
  });

  it('leaves a question "a reporter asked" unnamed instead of giving it to the last speaker', () => {
    const text =
      '“Both sides are managing decline,” Blinken said.\n' +
      '“Is Washington ready to lift the sanctions?” a reporter asked.';
    expect(names(text)).toEqual(['Antony Blinken', null]);
  });

  it('takes the name after an indefinite title and a posting before a colon', () => {
    const text =
      'Mara Ellison called the visit useful.\n' +
      'Another analyst, Drew Hammond at the Policy Center, disagreed: “Time is what both needed.”';
    expect(names(text)).toEqual(['Drew Hammond']);
  });

  it('refers a title back to the person who holds it before one given a kindred title', () => {
    const text =
      'Nicholas Burns, the US ambassador, met Xie Feng, a veteran diplomat.\n' +
      '“We will keep talking,” the ambassador said.';
    expect(names(text)).toEqual(['Nicholas Burns']);
  });

  it('does not refer "the secretary of state" back to a former assistant secretary of state', () => {
    const text =
      'Secretary of State Antony Blinken left Beijing on Monday.\n' +
      'Daniel Russel, a former assistant secretary of state, was less upbeat.\n' +
      '“This is a good start,” the secretary of state said.';
    expect(names(text)).toEqual(['Antony Blinken']);
  });
});

describe('attributeSpeakers: unnamed sources, offices written short, possessed remarks, embassies', () => {
  const names = (text: string) => speakersOf(text).map((s) => s?.[0] ?? null);

  it('leaves "said one person familiar with the talks" unnamed', () => {
    const text =
      '“We have to manage competition,” Blinken said.\n' +
      '“Nobody expected a grand bargain,” said one person familiar with the talks.';
    expect(names(text)).toEqual(['Antony Blinken', null]);
  });

  it('reads "Rep." and "Sen." as part of the name, and the party in brackets as an aside', () => {
    const text =
      'Rep. Mike Gallagher (R-Wis.), chair of the committee, was blunter: “This rewards bad behavior.”\n' +
      '“Xi is not our partner,” Sen. Marco Rubio (R-Fla.) said.';
    expect(names(text)).toEqual(['Mike Gallagher', 'Marco Rubio']);
  });

  it('gives a quote after "X’s warning that" to X', () => {
    const text =
      'The comments echoed Wang Yi’s warning last year that “the Taiwan question is the first red line.”';
    expect(names(text)).toEqual(['Wang Yi']);
  });

  it('takes "X’s embassy in Washington said" for the embassy, not the city', () => {
    expect(
      names('Beijing’s embassy in Washington said the summit had “charted the course” for ties.'),
    ).toEqual(['Beijing’s embassy']);
  });
});

describe('attributeSpeakers: where a speaker works, whose view, German nouns before names', () => {
  const names = (text: string) => speakersOf(text).map((s) => s?.[0] ?? null);

  it('takes the person before "of/at/from the institution said", not the institution', () => {
    const text =
      'Chen Hui of the Shanghai Institute said: “The visit bought time.”\n' +
      '“It did not buy trust,” Drew Hammond at the Washington Policy Center said.\n' +
      '“Patience is needed,” Mara Ellison from Georgetown University told reporters.';
    expect(names(text)).toEqual(['Chen Hui', 'Drew Hammond', 'Mara Ellison']);
  });

  it('gives a quote in a sentence opened by "For X, …" to X, an appositive between', () => {
    expect(
      names('For Owen Thackeray, a former trade negotiator, “the tariffs are here to stay.”'),
    ).toEqual(['Owen Thackeray']);
  });

  it('reads a German noun between the article and the name as a description', () => {
    expect(
      names(
        'Der Politikwissenschaftler Jonas Weber von der Universität Heidelberg sieht das ' +
          'skeptisch: „Ein Besuch ändert noch keine Strategie.“',
      ),
    ).toEqual(['Jonas Weber']);
  });
});

describe('attributeSpeakers: relative clauses, ages, institutions in appositives, ranks', () => {
  const names = (text: string) => speakersOf(text).map((s) => s?.[0] ?? null);

  it('gives "X, vice chairman of …, who demanded that “…”" to X', () => {
    const text =
      'He also met Gen. Zhang Youxia, vice chairman of the Central Military Commission, who ' +
      'demanded that Washington “stop arming Taiwan.”';
    expect(names(text)).toEqual(['Zhang Youxia']);
  });

  it('notes the title of a person given with an age, and prefers the person the sentence names', () => {
    const text =
      'Wang Yi, China’s top diplomat, met Sullivan.\n' +
      'Gao Shuping, 61, a former Chinese diplomat, argued that Beijing wanted calm.\n' +
      'That was the message Wang Yi gave Blinken, when the Chinese diplomat warned that ties ' +
      'had to “reverse the downward spiral.”';
    expect(names(text)).toEqual(['Wang Yi']);
  });

  it('leaves "a reporter from a broadcaster asked" and "one reporter pressed" unnamed', () => {
    const text =
      '“I would refer you to the authorities,” Wang Yi said.\n' +
      '“Is it a ban?” a reporter from a Japanese broadcaster asked.\n' +
      '“So is the president comfortable?” one reporter pressed.';
    expect(names(text)).toEqual(['Wang Yi', null, null]);
  });

  it('takes the institution an appositive names, its possessive kept', () => {
    const text =
      'The competent authority, China’s Ministry of Commerce, said Beijing would “take all ' +
      'necessary measures.”\n' +
      'China’s Ministry of Commerce called the probe “a mistake on top of a mistake.”';
    expect(names(text)).toEqual(['China’s Ministry of Commerce', 'China’s Ministry of Commerce']);
  });

  it('takes the subject of a clause before a relative appositive, not the object of "with"', () => {
    const text =
      '“We are not going to take anything off the table,” Yellen said.\n' +
      'A Treasury official traveling with the secretary, who briefed reporters, said the sides ' +
      'would hold “intensive exchanges on balanced growth.”';
    expect(names(text)).toEqual(['Yellen', null]);
  });

  it('reads a military rank as a title, so the surname later refers back', () => {
    const text =
      'Senior Colonel Wu Qian, a spokesman, called the meeting “positive.” ' +
      '“The relationship has stopped falling,” Wu told reporters.';
    expect(names(text)).toEqual(['Wu Qian', 'Wu Qian']);
  });
});

describe('attributeSpeakers: whom "he" and "she" refer to, readouts from an issuer', () => {
  const names = (text: string) => speakersOf(text).map((s) => s?.[0] ?? null);

  it('refers "she" to the subject of the sentence before, past an opening phrase and a title', () => {
    const text =
      'Asked whether he would sign it, President Joe Biden replied: “If they pass it, I’ll sign it.”\n' +
      'At the White House, the press secretary, Karine Jean-Pierre, rejected the word. ' +
      '“This is not a ban,” she told reporters.';
    expect(names(text)).toEqual(['Joe Biden', 'Karine Jean-Pierre']);
  });

  it('follows "she noted" back past a man quoted later in that sentence', () => {
    const text =
      'Annika Lindqvist agreed. Taiwan remained the hardest subject, she noted, and had been ' +
      'since June, when Qin Gang called the island “the core of China’s core interests.” ' +
      '“Nothing in Singapore changed that,” she said.';
    expect(names(text)).toEqual(['Qin Gang', 'Annika Lindqvist']);
  });

  it('refers "he" to the person the sentence opened with, not to one named after "during"', () => {
    const text =
      '“Where do those cars go?” Fiona Castell quipped.\n' +
      'George Magnus of Oxford made a similar point during Antony Blinken’s visit, when he told ' +
      'an interviewer that the economy “was not in good shape.”';
    expect(names(text)).toEqual(['Fiona Castell', 'George Magnus']);
  });

  it('gives "…,” according to a readout from the Pentagon" to the Pentagon', () => {
    expect(
      names(
        'Austin “stressed the importance of open lines,” according to a readout from the Pentagon.',
      ),
    ).toEqual(['Pentagon']);
  });
});

describe('attributeSpeakers: ranks written short, retired officers, party tags, quantifiers', () => {
  const names = (text: string) => speakersOf(text).map((s) => s?.[0] ?? null);

  it('reads "Maj. Gen." and "retired Adm." before a name', () => {
    const text =
      '“We welcome the talks,” Pentagon press secretary Maj. Gen. Pat Ryder told reporters.\n' +
      '“Both militaries know the stakes,” said retired Adm. Harry Harris, a former commander.';
    expect(names(text)).toEqual(['Pat Ryder', 'Harry Harris']);
  });

  it('skips a party tag between a name and its appositive', () => {
    const text =
      'Some lawmakers were unimpressed. “Talks are not a strategy,” Rep. John Moolenaar, ' +
      'R-Mich., chairman of the House committee, said in a statement.';
    expect(names(text)).toEqual(['John Moolenaar']);
  });

  it('never takes a quantifier opening the sentence before for a speaker', () => {
    const text = 'Some lawmakers were unimpressed.\n“Talks are not a strategy.”';
    expect(names(text)).toEqual([null]);
  });
});

describe('attributeSpeakers: Chinese "when interviewed" before the verb', () => {
  it('strips 接受采访时 from the subject', () => {
    const text = '布林肯抵达北京。美国驻华大使伯恩斯接受采访时称，双方“有很多工作要做”。';
    const quotes = scanQuotes(text).filter((q) => q.depth === 0);
    const withBurns: SpeakerResolver = {
      ...resolver,
      resolve: (name) =>
        name === '伯恩斯'
          ? { id: 'nicholas-burns', name: 'Nicholas Burns', type: 'person' }
          : resolver.resolve(name),
    };
    expect(attributeSpeakers(text, quotes, withBurns).map((s) => s?.name ?? null)).toEqual([
      'Nicholas Burns',
    ]);
  });
});

describe('attributeSpeakers: openers and contractions that are not names', () => {
  const names = (text: string) => speakersOf(text).map((s) => s?.[0] ?? null);

  it('looks past "Following …," for the subject a later "he" refers to', () => {
    const text =
      'Following a performance of “Black Water,” Patrick Simmons teed up the cameo. ' +
      '“You might remember him,” he said.';
    expect(names(text)).toEqual([null, 'Patrick Simmons']);
  });

  it('never takes a contraction opening a sentence for a name', () => {
    const text = '“I had to find ways,” Izuku said.\nI’ve never seen him laugh.\n“I’ll say.”';
    expect(names(text)).not.toContain('I’ve');
  });

  it('does not refer "he" to a name after "that" in a possessive', () => {
    const text =
      'Qin Gang said that Blinken’s visit was “useful”, and he hoped for “more talks in the future”.';
    expect(names(text)).toEqual(['Qin Gang', 'Qin Gang']);
  });
});

describe('attributeSpeakers: given names that are month names, dates, names set off after a title', () => {
  const names = (text: string) => speakersOf(text).map((s) => s?.[0] ?? null);

  it('keeps "Jun" and "Jan" in names and reads "Oct. 21" as a date', () => {
    const text =
      '“We will keep talking,” Chinese Defense Minister Dong Jun said.\n' +
      '“Talks matter,” said Jan Egeland.\n' +
      'Mr. Trump’s Oct. 11 announcement surprised markets.\n“We like it,” Mr. Trump said.';
    expect(names(text)).toEqual(['Dong Jun', 'Jan Egeland', 'Trump']);
  });

  it('takes the name set off after an indefinite title that follows the verb', () => {
    const text =
      '“We oppose it,” said a spokesman for the Chinese embassy, Liu Pengyu.\n' +
      '“We oppose it too,” said a Chinese foreign ministry spokesman, Wang Wenbin.\n' +
      '“We oppose it as well,” said one US official.';
    expect(names(text)).toEqual(['Liu Pengyu', 'Wang Wenbin', null]);
  });
});

describe('attributeSpeakers: Chinese subjects from the clause start, 他 after a speaking sentence, 所谓', () => {
  const names = (text: string) => speakersOf(text).map((s) => s?.[0] ?? null);

  it('reads a long subject from its clause start, so 在 cuts it after the name', () => {
    expect(
      names('美国总统拜登17日在加利福尼亚州对记者谈到气球事件时称，此事「令人尴尬」。'),
    ).toEqual(['拜登']);
  });

  it('refers 他 to the person who opened the sentence before by speaking', () => {
    const chinese: SpeakerResolver = {
      ...resolver,
      resolve: (name) =>
        ({ 王毅: PEOPLE['wang yi'], 布林肯: PEOPLE['blinken'] })[name] ?? resolver.resolve(name),
    };
    const text =
      '王毅同布林肯举行会谈。王毅指出，必须「扭转螺旋式下滑势头」。他说，布林肯此访“正值关键节点”。';
    const quotes = scanQuotes(text).filter((q) => q.depth === 0);
    expect(attributeSpeakers(text, quotes, chinese).map((s) => s?.name ?? null)).toEqual([
      'Wang Yi',
      'Wang Yi',
    ]);
  });

  it('gives no speaker to a term after "so-called" or 所谓', () => {
    const text =
      '汪文斌表示：“我们希望美方相向而行。”他同时称，美方应当停止炒作所谓“中国威胁论”。\n' +
      'Wang Yi rejected the so-called “China threat” narrative.';
    expect(names(text)).toEqual(['汪文斌', null, null]);
  });
});

describe('attributeSpeakers: German pronouns after the verb, affiliations, titles without a side', () => {
  const names = (text: string) => speakersOf(text).map((s) => s?.[0] ?? null);

  it('reads "sie" as a pronoun and "nannte er" as a verb with its subject after it', () => {
    const text =
      'Die Sprecherin Hua Chunying äußerte sich knapp. „Dialog ist besser“, schrieb sie. ' +
      'Sie fügte hinzu, die USA müssten „ihre Worte in Taten umsetzen“.\n' +
      'Auch Joe Biden bemühte sich. Den Ballon-Zwischenfall nannte er „eher peinlich als beabsichtigt“.';
    expect(names(text)).toEqual(['Hua Chunying', 'Hua Chunying', 'Joe Biden']);
  });

  it('looks back over a whole affiliation for the person who works there', () => {
    const text =
      'Matthias Brenner vom Kieler Institut für Sicherheitspolitik warnt vor Optimismus. ' +
      '„Solange die Militärs nicht reden, bleibt jede Begegnung ein Risiko“, erklärte er.';
    expect(names(text)).toEqual(['Matthias Brenner']);
  });

  it('gives a title without a side to the KB holder the text names, not to the other side', () => {
    const text =
      'US-Außenminister Antony Blinken traf seinen Amtskollegen Qin Gang. ' +
      '„Die Beziehungen sind auf dem tiefsten Stand“, sagte Qin. ' +
      '»Die Taiwan-Frage ist der Kern«, erklärte der Außenminister.';
    // As the KB's roles do: the foreign minister of the corpus is Qin Gang.
    const german: SpeakerResolver = {
      ...resolver,
      resolveTitle: (title) =>
        /^der außenminister$/i.test(title) ? PEOPLE['qin gang']! : resolver.resolveTitle!(title),
    };
    const quotes = scanQuotes(text).filter((q) => q.depth === 0);
    expect(attributeSpeakers(text, quotes, german).map((s) => s?.name ?? null)).toEqual([
      'Qin Gang',
      'Qin Gang',
    ]);
  });
});

describe('attributeSpeakers: "in the words of", "as X put it", groups, documents, introduced quotes', () => {
  const names = (text: string) => speakersOf(text).map((s) => s?.[0] ?? null);

  it('gives "in the words of X" and "As X put it" to X', () => {
    const text =
      'Relations had sunk, in the words of foreign minister Qin Gang, to “their lowest point.”\n' +
      'As George Magnus of Oxford put it at the time, “the Chinese economy is in poor shape.”\n' +
      'To Washington, in the words of one former official, Kenji Holloway, “progress means guardrails.”';
    expect(names(text)).toEqual(['Qin Gang', 'George Magnus', 'Kenji Holloway']);
  });

  it('leaves words a group says unnamed, not given to the person quoted before', () => {
    const text =
      'Qin told Blinken that Taiwan was “the core of China’s core interests.” Chinese diplomats ' +
      'still describe arms sales as “playing with fire and courting disaster.”';
    expect(names(text)).toEqual(['Qin Gang', null]);
  });

  it('gives "The White House readout says …" to the White House', () => {
    expect(
      names('The White House readout says the two leaders “welcomed the resumption of talks.”'),
    ).toEqual(['White House']);
  });

  it('keeps a quote introduced by "and added," with its sentence, not the next sentence', () => {
    const text =
      'Xi Jinping met Blinken. He said the two sides had “made progress” and added, “This is ' +
      'very good.” Drew Thompson of the Lee Kuan Yew School cautioned that definitions differ.';
    expect(names(text)).toEqual(['Xi Jinping', 'Xi Jinping']);
  });

  it('takes the agent of "shared by X" as whom a later "he" refers to', () => {
    const text =
      '“Beijing wants time,” Mara Ellison said.\n' +
      'That view is shared by Bertrand Lacombe, a former diplomat. “We went from no dialogue to ' +
      'dialogue without results,” he said.';
    expect(names(text)).toEqual(['Mara Ellison', 'Bertrand Lacombe']);
  });

  it('does not take a participle opening the sentence for a name, nor its object for the subject', () => {
    const text =
      'Xi Jinping spoke last.\nMeeting Blinken in the Great Hall, he said the talks had “made progress on specific issues.”';
    expect(names(text)).toEqual(['Xi Jinping']);
  });

  it('reads "a reporter shouted" as someone unnamed', () => {
    const text =
      '“We are back to direct communications,” Biden said.\n' +
      '“Mr. President, will you call him?” a reporter shouted from the back of the room.';
    expect(names(text)).toEqual(['Joe Biden', null]);
  });
});

describe('attributeSpeakers: attribution lines, possessed verdicts, names across the page', () => {
  const names = (text: string) => speakersOf(text).map((s) => s?.[0] ?? null);

  it('takes the dash line after a quotation for its speaker', () => {
    const text =
      '“The channels are open. What moves through them is grievance.”\n' +
      '— Harriet Long, senior fellow, Easterly Institute\n' +
      '“I hope this visit lets you make more positive contributions.”\n— Xi Jinping to Antony Blinken';
    expect(names(text)).toEqual(['Harriet Long', 'Xi Jinping']);
  });

  it('gives "His verdict, in the transcript:" and "media summarized his message:" to "his"', () => {
    const text =
      'Xi Jinping received Blinken. His verdict, in the official transcript:\n“That is very good.”\n' +
      'The next morning Wang Yi was blunter. Chinese state media summarized his message:\n' +
      '“We have to stop the downward spiral.”';
    expect(names(text)).toEqual(['Xi Jinping', 'Wang Yi']);
  });

  it('takes the clause’s subject, not the name after "with", before an appositive', () => {
    const text =
      '“We want clarity,” Blinken said.\n' +
      'A senior official travelling with Blinken, speaking on condition of anonymity, said the ' +
      'meeting had been “substantive and business-like.”';
    expect(names(text)).toEqual(['Antony Blinken', null]);
  });

  it('finds a surname’s full name anywhere on the page, never across a line break', () => {
    const text =
      '7:15 p.m. ET\nJake Sullivan and Wang Yi\n' +
      'Sullivan went first. “Competition must not veer into conflict,” he said.';
    expect(names(text)).toEqual(['Jake Sullivan']);
  });

  it('never takes the subject of a sentence inside the previous quotation', () => {
    const text =
      'Qin Gang put it bluntly.\n“Relations are at their lowest ebb since ties were established.”\n' +
      '“The Taiwan question sits at the heart of our interests.”';
    expect(names(text)[1]).not.toBe('Relations');
  });
});

describe('attributeSpeakers: bullets, attribution in the tail, French possessives, attributive names', () => {
  const names = (text: string) => speakersOf(text).map((s) => s?.[0] ?? null);

  it('reads "-- Name, role" and "-- an official" bullet attributions', () => {
    const text =
      '"I think it was more embarrassing than anything." -- Joe Biden, on the balloon\n' +
      'Henry Wang: "This visit lays the groundwork."\n' +
      '"A return visit is now on the table." -- a State Department official';
    expect(names(text)).toEqual(['Joe Biden', 'Henry Wang', null]);
  });

  it('gives "…,” as he put it" to whom "he" refers', () => {
    const text =
      'Wang Yi spoke in Beijing.\nDoes Wang Yi still want to “reverse the downward spiral,” as he put it?';
    expect(names(text)).toEqual(['Wang Yi']);
  });

  it('reads "Sa réponse … :" as the words of whom the sentence is about', () => {
    const text =
      'Joe Biden n’a pas esquivé. Sa réponse, reprise en boucle :\n« Eh bien, oui. C’est un dictateur. »';
    expect(names(text)).toEqual(['Joe Biden']);
  });

  it('does not take "the Biden administration" for Biden as the subject "she" refers to', () => {
    const text =
      'Rosalind Acheson led the American side in two rounds of talks. We spoke to her days after ' +
      'the Biden administration raised tariffs. She thinks the relationship has found “a floor, ' +
      'not a direction.”';
    expect(names(text)).toEqual(['Rosalind Acheson']);
  });
});

describe('attributeSpeakers: full names from the page, not from sentence openers', () => {
  it('does not take a word the text also writes in lower case for a given name', () => {
    const text =
      'Because Google changed its rules, sellers left. It is because of this.\n' +
      '“We follow the law,” Google said.';
    const speakers = speakersOf(text).map((s) => s?.[0] ?? null);
    expect(speakers).not.toContain('Because Google');
  });
});

describe('attributeSpeakers: verbs of opinion', () => {
  it('reads "she thinks" as her view, but not a place that "believes" inside someone’s words', () => {
    const text =
      'Qin told Blinken, according to CCTV, that Beijing believes relations are “at their lowest point.”\n' +
      'Mara Ellison led the talks. She thinks the relationship has found “a floor, not a direction.”';
    expect(speakersOf(text).map((s) => s?.[0] ?? null)).toEqual(['Qin Gang', 'Mara Ellison']);
  });
});

describe('tokensWithin', () => {
  const text = 'Blinken met Wang.\nThe U.S. envoy -- a veteran — said Mr. Qin’s aides agreed.';

  it('takes the tokens of a window from those of the whole text', () => {
    const all = tokenize(text, 0, text.length);
    const from = text.indexOf('The');
    const to = text.indexOf(' said');
    expect(tokensWithin(all, from, to)).toEqual(tokenize(text, from, to));
    // The window's first token starts no line of its own.
    expect(tokensWithin(all, from, to)![0]!.line).toBe(false);
  });

  it('gives up where the window would read a token differently', () => {
    const all = tokenize(text, 0, text.length);
    // A word cut in two, an abbreviation's full stop past the end, a dash at the start.
    expect(tokensWithin(all, text.indexOf('inken'), text.length)).toBeNull();
    expect(tokensWithin(all, 0, text.indexOf('. envoy'))).toBeNull();
    expect(tokensWithin(all, text.indexOf('-- a'), text.length)).toBeNull();
  });

  it('never differs from reading the window again', () => {
    const char = fc.constantFrom(...'ab AB.-\n’s,—U'.split(''));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 40 }), fc.nat(), fc.nat(), (chars, a, b) => {
        const s = chars.join('');
        const from = a % (s.length + 1);
        const to = from + (b % (s.length - from + 1));
        const within = tokensWithin(tokenize(s, 0, s.length), from, to);
        if (within !== null) expect(within).toEqual(tokenize(s, from, to));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('tokenize', () => {
  it('marks the tokens that start a new line, and only those', () => {
    const text = '\nBlinken met\nWang Yi.\n\n“Talks,” he said';
    const starts = tokenize(text, 0, text.length)
      .filter((t) => t.line)
      .map((t) => t.text);
    expect(starts).toEqual(['Wang', 'Talks']);
  });
});
