import { describe, expect, it } from 'vitest';
import {
  asTopicLexicon,
  classifyTopic as classify,
  TOPIC_LEXICON,
  type TopicOptions,
} from '../../lib/classify/topic';
import { readText } from '../../lib/doc/text';

/** The topic verdict on a headline and body paragraphs, read as the pipeline reads a page. */
const classifyTopic = (input: { headline: string; paragraphs: string[] }, options?: TopicOptions) =>
  classify({ headline: input.headline, text: readText(input.paragraphs.join('\n')) }, options);

const US_CHINA = {
  headline: 'Blinken meets Xi in Beijing as US and China try to steady ties',
  paragraphs: [
    'US Secretary of State Antony Blinken met Chinese President Xi Jinping in Beijing on Monday, the highest-level visit by an American official in years.',
    'The two sides agreed to stabilise relations between Washington and Beijing, which have been strained by tariffs, export controls and a dispute over Taiwan.',
    'China’s foreign ministry said the talks were candid. The State Department said Blinken raised human rights.',
    'Analysts said the meeting would not end the rivalry between the United States and China.',
  ],
};

describe('classifyTopic', () => {
  it('finds an article about US–China relations relevant, with readable reasons', () => {
    const verdict = classifyTopic(US_CHINA);
    expect(verdict.relevant).toBe(true);
    expect(verdict.score).toBeGreaterThan(0.9);
    expect(verdict.reasons[0]).toMatch(/^\d+ mentions of China and \d+ of the United States$/);
    expect(verdict.features['head.both']).toBe(1);
    expect(verdict.features['lead.both']).toBe(1);
  });

  it('needs both sides named: relations of one side with no other are not the topic', () => {
    const verdict = classifyTopic({
      headline: 'Blinken holds talks in Ottawa on trade and tariffs',
      paragraphs: US_CHINA.paragraphs.map((p) =>
        p.replace(/Beijing|China’s|Chinese|China|Xi Jinping/g, 'Ottawa'),
      ),
    });
    expect(verdict.relevant).toBe(false);
    expect(verdict.reasons).toContain('only the United States is named');
  });

  it('is not fooled by China alone, the US alone, or China with another power', () => {
    const chinaOnly = classifyTopic({
      headline: 'China’s factory output slows as property slump deepens',
      paragraphs: [
        'Chinese factory output grew more slowly than expected in May, official data showed, as a slump in the property market weighed on demand.',
        'Beijing has cut interest rates twice this year. Economists expect more support from the People’s Bank of China.',
        'Retail sales in China rose 3 percent, below forecasts, the statistics bureau said.',
      ],
    });
    expect(chinaOnly.relevant).toBe(false);
    expect(chinaOnly.reasons).toContain('only China is named');

    const usOnly = classifyTopic({
      headline: 'Congress passes stopgap budget hours before shutdown',
      paragraphs: [
        'The US Congress passed a stopgap spending bill on Saturday, averting a government shutdown hours before the deadline.',
        'President Biden signed the measure, the White House said. Republicans in the House were divided.',
        'The bill funds the federal government in Washington until mid-November.',
      ],
    });
    expect(usOnly.relevant).toBe(false);

    const euChina = classifyTopic({
      headline: 'EU opens probe into Chinese electric car subsidies',
      paragraphs: [
        'The European Union opened an investigation into Chinese subsidies for electric cars, the European Commission said in Brussels.',
        'Beijing warned that the EU probe would harm trade relations between China and Europe. EU officials said the inquiry was fair.',
        'Chinese carmakers have increased exports to Europe sharply. The EU and China will hold talks next month, Brussels said.',
        'A US official said Washington was watching.',
      ],
    });
    expect(euChina.relevant).toBe(false);
  });

  it('does not count Washington sports teams or the South China Sea as the two governments', () => {
    const sports = classifyTopic({
      headline: 'Washington Wizards beat Beijing Ducks in exhibition game',
      paragraphs: [
        'The Washington Wizards beat the Beijing Ducks 110-98 in a preseason exhibition game on Tuesday.',
        'The Wizards led from the start. The Beijing Ducks played without their star guard.',
        'Fans filled the arena, and the teams will meet again next year.',
      ],
    });
    expect(sports.relevant).toBe(false);
  });

  it('reads German, French and Chinese articles', () => {
    expect(
      classifyTopic({
        headline: 'Blinken trifft Xi: USA und China wollen Beziehungen stabilisieren',
        paragraphs: [
          'US-Außenminister Antony Blinken ist in Peking mit Chinas Staatschef Xi Jinping zusammengetroffen.',
          'Die Beziehungen zwischen den USA und China sind so schlecht wie lange nicht. Die Gespräche seien offen gewesen, hieß es aus Washington.',
          'China und die USA wollen im Gespräch bleiben, sagte Blinken.',
        ],
      }).relevant,
    ).toBe(true);
    expect(
      classifyTopic({
        headline: '布林肯访华 中美关系能否回暖',
        paragraphs: [
          '美国国务卿布林肯18日抵达北京，开始对中国进行为期两天的访问。',
          '中方表示，希望美方采取务实态度。中美双方在会谈中就双边关系交换了意见。',
          '习近平会见了布林肯。美国和中国同意保持沟通。',
        ],
      }).relevant,
    ).toBe(true);
  });

  it('has no article text to judge in an empty body', () => {
    expect(classifyTopic({ headline: '', paragraphs: [] })).toEqual({
      relevant: false,
      score: 0,
      reasons: ['no article text'],
      features: {},
    });
  });

  it('checks a lexicon read from a matcher index', () => {
    expect(asTopicLexicon(JSON.parse(JSON.stringify(TOPIC_LEXICON)))).toEqual(TOPIC_LEXICON);
    expect(asTopicLexicon({})).toBeNull();
    expect(asTopicLexicon({ ...TOPIC_LEXICON, us: ['ok', 3] })).toBeNull();
    expect(asTopicLexicon(null)).toBeNull();
    const custom = { ...TOPIC_LEXICON, us: ['Freedonia'], pair: [] };
    expect(classifyTopic(US_CHINA, { lexicon: custom }).relevant).toBe(false);
  });
});
