// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EntityCard } from '../../components/cards/EntityCard';
import { QuoteCard } from '../../components/cards/QuoteCard';
import { SpeakerCard } from '../../components/cards/SpeakerCard';
import { I18n } from '../../components/i18n';
import { KbBrowser, type KbBrowserProps } from '../../components/KbBrowser';
import { OptionsView, type OptionsViewProps } from '../../components/OptionsView';
import { browseKb, type KbBrowse } from '../../lib/kb/browse';
import { PopupView } from '../../components/PopupView';
import type { Translate } from '../../lib/i18n';
import type { Entity, Quote, Source, TimelineEvent } from '../../lib/kb/types';
import { shownVariants, type EntityCardData, type QuoteCardData } from '../../lib/page/cards';
import { compareWordings } from '../../lib/page/wording';
import { DEFAULT_SETTINGS } from '../../lib/page/prefs';
import type { PageState, Prefs } from '../../lib/protocol';

/** Renders keys with their substitutions, so tests see which words a view asked for. */
const t: Translate = (key, substitutions) =>
  substitutions === undefined || substitutions.length === 0
    ? key
    : `${key}(${[substitutions].flat().join('|')})`;

const sources: Source[] = [
  {
    id: 'reuters',
    outlet: 'Reuters',
    title: 'Blinken meets Xi',
    date: '2023-06-19',
    language: 'en',
    file: 'a',
  },
  {
    id: 'zeit',
    outlet: 'Die Zeit',
    title: 'Blinken bei Xi',
    date: '2023-06-20',
    language: 'de',
    file: 'b',
  },
];
const blinken: Entity = {
  id: 'antony-blinken',
  name: 'Antony Blinken',
  type: 'person',
  aliases: ['Blinken'],
  role: 'US Secretary of State',
  description: 'Visited Beijing in June 2023.',
  facts: [{ text: 'Met Xi Jinping in Beijing.', sources: ['zeit', 'reuters'] }],
  mentions: { reuters: 4 },
};
const quote: Quote = {
  id: 'progress',
  speaker: 'antony-blinken',
  date: '2023-06-19',
  occasion: 'press conference in Beijing',
  variants: [
    { source: 'reuters', text: 'We have made progress on some specific issues' },
    { source: 'zeit', text: 'We made progress on a number of specific issues' },
  ],
};
const timeline: TimelineEvent[] = [
  { id: 'balloon', date: '2023-02', title: 'Balloon shot down', sources: ['reuters'] },
  {
    id: 'visit',
    date: '2023-06-18',
    title: 'Blinken in Beijing',
    sources: ['reuters'],
    entity: 'beijing-visit',
  },
  { id: 'bali', date: '2022-11-14', title: 'Bali G20 meeting', sources: ['reuters'] },
];

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.replaceChildren(root);
});
afterEach(() => render(null, root));

const show = (node: preact.ComponentChildren) =>
  act(() => render(<I18n.Provider value={t}>{node}</I18n.Provider>, root));
const text = () => root.textContent ?? '';
const button = (label: string) =>
  [...root.querySelectorAll('button')].find(
    (b) => b.textContent === label || b.getAttribute('aria-label') === label,
  )!;

describe('EntityCard', () => {
  const data: EntityCardData = {
    entity: blinken,
    sources,
    quotes: [quote],
    discrepancies: [
      {
        id: 'length',
        subject: 'How long the meeting lasted',
        claims: [
          { value: '35 minutes', sources: ['reuters'] },
          { value: 'half an hour', sources: ['zeit'] },
        ],
        entities: ['antony-blinken'],
      },
    ],
    timeline,
  };

  it('shows name, role, description, cited facts, quotes and disagreements', () => {
    show(<EntityCard data={data} onClose={() => {}} />);
    expect(root.querySelector('h2')!.textContent).toBe('Antony Blinken');
    expect(text()).toContain('US Secretary of State');
    expect(text()).toContain('Visited Beijing in June 2023.');
    const fact = root.querySelector('.facts li')!.textContent!;
    // Sources in date order, each with outlet and date.
    expect(fact).toBe(
      'Met Xi Jinping in Beijing. (asOf(2023-06-20)) Reuters, 2023-06-19; Die Zeit, 2023-06-20',
    );
    expect(text()).toContain('quotesBy(Antony Blinken)');
    expect(root.querySelector('.quotes q')!.textContent).toBe(quote.variants[0]!.text);
    expect(text()).toContain('How long the meeting lasted');
    expect(text()).toContain('35 minutes Reuters, 2023-06-19');
    expect(root.querySelector('[role=dialog]')!.getAttribute('aria-labelledby')).toBe(
      root.querySelector('h2')!.id,
    );
    // A person has no timeline.
    expect(root.querySelector('.timeline')).toBeNull();
  });

  it('dates the role, the description and each fact by their sources', () => {
    show(<EntityCard data={data} onClose={() => {}} />);
    // Blinken is named in the Reuters report (2023-06-19); his fact cites Die Zeit (2023-06-20).
    expect(root.querySelector('.card-sub')!.textContent).toBe(
      'roleAsOf(US Secretary of State|2023-06-20)',
    );
    expect(root.querySelector('.description')!.textContent).toBe(
      'Visited Beijing in June 2023. (asOf(2023-06-20))',
    );
    expect(root.querySelector('.facts .as-of')!.textContent).toBe('(asOf(2023-06-20)) ');
    // A page of the same days, or one that gives no date, gets no warning.
    show(<EntityCard data={data} pageDate="2023-06-19" onClose={() => {}} />);
    expect(root.querySelector('[data-testid=later-page]')).toBeNull();
    show(<EntityCard data={data} pageDate={null} onClose={() => {}} />);
    expect(root.querySelector('[data-testid=later-page]')).toBeNull();
  });

  it('says plainly when the page is dated after the card’s sources', () => {
    show(<EntityCard data={data} pageDate="2025-03-04" onClose={() => {}} />);
    const note = root.querySelector('[data-testid=later-page]')!;
    expect(note.getAttribute('role')).toBe('note');
    expect(note.textContent).toBe('pageLaterThanKb(2025-03-04|2023-06-20)');
    // Before everything else the card says.
    expect(
      note.compareDocumentPosition(root.querySelector('.description')!) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  /** A disagreement that is only one source's misspelling of the name. */
  const misspelt = (name: string): EntityCardData['discrepancies'][number] => ({
    id: 'spelling',
    subject: 'The spelling of his name',
    claims: [
      { value: 'Antony Blinken', sources: ['reuters'] },
      { value: name, sources: ['zeit'], error: 'a misspelt name' },
    ],
  });

  it('shows disagreements of substance first and folds the errors in a source’s text', () => {
    const withErrors: EntityCardData = {
      ...data,
      discrepancies: [misspelt('Anthony Blinken'), ...data.discrepancies],
    };
    show(<EntityCard data={withErrors} onClose={() => {}} />);
    const shown = [...root.querySelectorAll('[data-testid=disagreement] > p')].map(
      (p) => p.textContent,
    );
    expect(shown).toEqual(['How long the meeting lasted']);
    const folded = root.querySelector<HTMLDetailsElement>('[data-testid=source-errors]')!;
    expect(folded.open).toBe(false);
    expect(folded.querySelector('summary')!.textContent).toBe('sourceErrors(1)');
    // The error goes with what the other sources print.
    expect([...folded.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Antony Blinken Reuters, 2023-06-19',
      'Anthony Blinken Die Zeit, 2023-06-20 (sourceErrorKind(a misspelt name))',
    ]);
    expect(
      root.querySelector('[data-testid=disagreement]')!.compareDocumentPosition(folded) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('says so when the sources differ only by errors', () => {
    show(
      <EntityCard
        data={{
          ...data,
          discrepancies: [misspelt('Blingen')],
        }}
        onClose={() => {}}
      />,
    );
    expect(text()).toContain('noSubstantiveDisagreements');
    expect(root.querySelector('[data-testid=disagreement]')).toBeNull();
    expect(root.querySelector('[data-testid=source-errors]')).not.toBeNull();
  });

  it('steps to the next and previous mention on the page and closes', () => {
    const onStep = vi.fn();
    const onClose = vi.fn();
    show(
      <EntityCard data={data} place={{ index: 1, count: 3 }} onStep={onStep} onClose={onClose} />,
    );
    expect(text()).toContain('placeOnPage(2|3)');
    act(() => button('next').click());
    act(() => button('previous').click());
    expect(onStep.mock.calls).toEqual([[1], [-1]]);
    act(() => button('close').click());
    expect(onClose).toHaveBeenCalledTimes(1);
    act(() => {
      root
        .querySelector('[role=dialog]')!
        .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('places an event on the corpus timeline in date order', () => {
    const event: Entity = {
      ...blinken,
      id: 'beijing-visit',
      name: 'Blinken’s Beijing visit',
      type: 'event',
      facts: [],
    };
    show(
      <EntityCard
        data={{ ...data, entity: event, quotes: [], discrepancies: [] }}
        onClose={() => {}}
      />,
    );
    const rows = [...root.querySelectorAll('.timeline li')].map((li) => li.textContent);
    expect(rows).toEqual([
      '2022-11-14 Bali G20 meeting',
      '2023-02 Balloon shot down',
      '2023-06-18 Blinken in Beijing',
    ]);
    expect(root.querySelector('.timeline [aria-current=true]')!.textContent).toContain(
      'Blinken in Beijing',
    );
    expect(text()).toContain('kind_event');
  });

  it('moves focus into the card when asked', () => {
    show(<EntityCard data={data} autoFocus onClose={() => {}} />);
    expect(document.activeElement).toBe(root.querySelector('h2'));
  });
});

describe('QuoteCard', () => {
  const data: QuoteCardData = { quote, speaker: blinken, sources };
  const page = {
    text: 'We have made progress',
    speaker: 'Blinken',
    speakerId: 'antony-blinken',
    context: 'He said it.',
    confidence: 0.87,
    evidence: {
      speaker: 'same' as const,
      date: '2023-06-19',
      published: 'days' as const,
      event: false,
      shared: ['progress'],
    },
  };

  it('sets the wordings side by side with the differences marked', () => {
    const segments = compareWordings(shownVariants(data).map((v) => v.text));
    show(
      <QuoteCard
        page={page}
        data={data}
        segments={segments}
        saved={false}
        onSave={() => {}}
        onClose={() => {}}
      />,
    );
    expect(root.querySelector('h2')!.textContent).toBe('Antony Blinken');
    expect(text()).toContain('press conference in Beijing, 2023-06-19');
    const columns = [...root.querySelectorAll('.wording')];
    expect(columns.map((c) => c.querySelector('figcaption')!.textContent)).toEqual([
      'Reuters, 2023-06-19',
      'Die Zeit, 2023-06-20',
    ]);
    expect(columns[1]!.getAttribute('lang')).toBe('de');
    expect([...columns[1]!.querySelectorAll('mark')].map((m) => m.textContent)).toEqual([
      'a number of',
    ]);
    expect([...columns[0]!.querySelectorAll('mark')].map((m) => m.textContent)).toEqual([
      'have',
      'some',
    ]);
    expect(text()).toContain('carriedBy(Reuters, Die Zeit)');
    expect(text()).toContain('linkConfidence(87)');
    expect(text()).toContain('linkWhy');
    expect([...root.querySelectorAll('.evidence li')].map((li) => li.textContent)).toEqual([
      'evidenceShared(progress)',
      'evidenceSpeakerSame',
      'evidencePublishedDays',
    ]);
  });

  it('opens its speaker’s card when asked, and offers it only where a card can open', () => {
    const onOpenSpeaker = vi.fn();
    show(
      <QuoteCard
        page={page}
        data={data}
        saved={false}
        onSave={() => {}}
        onOpenSpeaker={onOpenSpeaker}
        onClose={() => {}}
      />,
    );
    act(() => button('aboutSpeaker(Antony Blinken)').click());
    expect(onOpenSpeaker).toHaveBeenCalledWith('antony-blinken');
    show(<QuoteCard page={page} data={data} saved={false} onSave={() => {}} onClose={() => {}} />);
    expect(root.querySelector('.speaker-card')).toBeNull();
    // A speaker the knowledge base does not know has no card to open.
    show(
      <QuoteCard
        page={{ ...page, speaker: 'Ruth Okafor', speakerId: null }}
        data={null}
        saved={false}
        onSave={() => {}}
        onOpenSpeaker={onOpenSpeaker}
        onClose={() => {}}
      />,
    );
    expect(root.querySelector('.speaker-card')).toBeNull();
  });

  it('says "probably" of a link it is not sure of, and what speaks against it', () => {
    const unsure = {
      ...page,
      confidence: 0.62,
      evidence: { ...page.evidence, speaker: 'other' as const, published: 'unknown' as const },
    };
    show(
      <QuoteCard page={unsure} data={data} saved={false} onSave={() => {}} onClose={() => {}} />,
    );
    expect(text()).toContain('linkProbable');
    expect(text()).not.toContain('linkWhy');
    expect([...root.querySelectorAll('.evidence li')].map((li) => li.textContent)).toEqual([
      'evidenceShared(progress)',
      'evidenceSpeakerOther',
    ]);
  });

  it('shows the wordings unmarked when no comparison came', () => {
    show(<QuoteCard page={page} data={data} saved={false} onSave={() => {}} onClose={() => {}} />);
    expect(root.querySelectorAll('.wording')).toHaveLength(2);
    expect(root.querySelector('mark')).toBeNull();
  });

  it('shows speaker and context only for a quote the corpus lacks, and saves', () => {
    const onSave = vi.fn();
    show(
      <QuoteCard
        page={{ ...page, confidence: null, evidence: null }}
        data={null}
        saved={false}
        onSave={onSave}
        onClose={() => {}}
      />,
    );
    expect(root.querySelector('h2')!.textContent).toBe('Blinken');
    expect(text()).toContain('notInCorpus');
    expect(text()).toContain('He said it.');
    expect(root.querySelector('.wording')).toBeNull();
    expect(text()).not.toContain('linkConfidence');
    act(() => button('saveClipping').click());
    expect(onSave).toHaveBeenCalledTimes(1);
  });

  it('says when it was saved and when saving failed', () => {
    show(<QuoteCard page={page} data={data} saved onSave={() => {}} onClose={() => {}} />);
    expect(button('saved').disabled).toBe(true);
    expect(root.querySelector('[role=status]')!.textContent).toBe('savedToClippings');
    show(
      <QuoteCard
        page={page}
        data={data}
        saved={false}
        saveError="disk full"
        onSave={() => {}}
        onClose={() => {}}
      />,
    );
    expect(root.querySelector('[role=status]')!.textContent).toBe('saveFailed(disk full)');
  });
});

describe('SpeakerCard', () => {
  const data = {
    name: 'Maria Castell',
    role: 'a senior fellow at the Pacific Trade Forum',
    quotes: [
      { index: 1, text: 'Tariffs alone will not bring the factories home', drawn: true },
      { index: 4, text: 'Neither capital wants to blink', drawn: false },
    ],
  };

  it('says what the page says of an unknown speaker, and opens their highlighted quotes', () => {
    const onOpenQuote = vi.fn();
    show(<SpeakerCard data={data} onOpenQuote={onOpenQuote} onClose={() => {}} autoFocus />);
    const card = root.querySelector('[data-card=speaker]')!;
    expect(card.getAttribute('role')).toBe('dialog');
    expect(card.querySelector('h2')!.textContent).toBe('Maria Castell');
    expect(card.querySelector('.card-kind')!.textContent).toBe('kind_speaker');
    expect(text()).toContain('speakerNotInKb(Maria Castell)');
    expect(card.querySelector('.speaker-role')!.textContent).toBe(
      'a senior fellow at the Pacific Trade Forum',
    );
    expect(text()).toContain('speakerQuotesOnPage(2)');
    const buttons = [...card.querySelectorAll('.quotes button')];
    expect(buttons.map((b) => b.textContent)).toEqual([
      'Tariffs alone will not bring the factories home',
    ]);
    act(() => (buttons[0] as HTMLButtonElement).click());
    expect(onOpenQuote).toHaveBeenCalledWith(1);
    expect(document.activeElement).toBe(card.querySelector('h2'));
  });

  it('says so when the page gives no role', () => {
    show(<SpeakerCard data={{ ...data, role: null }} onClose={() => {}} />);
    expect(root.querySelector('.speaker-role')!.textContent).toBe('speakerNoRoleOnPage');
    expect(root.querySelector('.card-sub')).toBeNull();
  });

  it('is reached from the quote card of a speaker the knowledge base does not know', () => {
    const onOpenPageSpeaker = vi.fn();
    const onOpenSpeaker = vi.fn();
    const page = {
      text: 'Tariffs alone will not bring the factories home',
      speaker: 'Maria Castell',
      speakerId: null,
      context: '',
      confidence: null,
      evidence: null,
    };
    show(
      <QuoteCard
        page={page}
        data={null}
        saved={false}
        onSave={() => {}}
        onOpenSpeaker={onOpenSpeaker}
        onOpenPageSpeaker={onOpenPageSpeaker}
        onClose={() => {}}
      />,
    );
    act(() => button('aboutSpeaker(Maria Castell)').click());
    expect(onOpenPageSpeaker).toHaveBeenCalledWith('Maria Castell');
    expect(onOpenSpeaker).not.toHaveBeenCalled();
    // No speaker named: no way in.
    show(
      <QuoteCard
        page={{ ...page, speaker: null }}
        data={null}
        saved={false}
        onSave={() => {}}
        onOpenPageSpeaker={onOpenPageSpeaker}
        onClose={() => {}}
      />,
    );
    expect(root.querySelector('.speaker-card')).toBeNull();
  });
});

describe('PopupView', () => {
  const state: PageState = {
    url: 'http://127.0.0.1/a.html',
    phase: 'active',
    gate: { passed: true, chars: 5000, reason: '9 paragraphs' },
    news: true,
    topic: { relevant: true, score: 0.93, reasons: ['12 mentions of China'] },
    quotes: [{ index: 4, text: 'We have made progress', speaker: 'Antony Blinken' }],
    quoteCount: 6,
    entityCount: 9,
  };
  const prefs: Prefs = {
    host: '127.0.0.1',
    site: null,
    settings: { ...DEFAULT_SETTINGS, entities: false },
  };

  it('shows the verdict, score, reasons, counts and key quotes', () => {
    const onReveal = vi.fn();
    show(<PopupView state={state} prefs={prefs} onReveal={onReveal} />);
    expect(root.querySelector('[data-phase]')!.getAttribute('data-phase')).toBe('active');
    expect(text()).toContain('topicScore(93)');
    expect(text()).toContain('12 mentions of China');
    expect(text()).toContain('counts(1|6|9)');
    act(() => root.querySelector<HTMLButtonElement>('.quote-button')!.click());
    expect(onReveal).toHaveBeenCalledWith(4);
  });

  it('puts the switches right after the verdict, then the key quotes, the legend and the reasons', () => {
    show(<PopupView state={state} prefs={prefs} />);
    const order = [
      '[data-phase]',
      '.switches',
      '[data-testid=key-quotes]',
      '[data-testid=legend]',
      '[data-testid=topic]',
    ].map((selector) => root.querySelector(selector)!);
    for (let i = 1; i < order.length; i++) {
      expect(
        order[i - 1]!.compareDocumentPosition(order[i]!) & Node.DOCUMENT_POSITION_FOLLOWING,
      ).toBeTruthy();
    }
  });

  it('reports each switch as a change', () => {
    const onChange = vi.fn();
    show(<PopupView state={state} prefs={prefs} onChange={onChange} />);
    const page = root.querySelector<HTMLInputElement>('#switch-page')!;
    expect(page.checked).toBe(true);
    expect(root.querySelector<HTMLInputElement>('#switch-entities')!.checked).toBe(false);
    act(() => page.click());
    act(() => root.querySelector<HTMLInputElement>('#switch-global')!.click());
    act(() => root.querySelector<HTMLInputElement>('#switch-entities')!.click());
    const select = root.querySelector<HTMLSelectElement>('[data-testid=site-choice]')!;
    act(() => {
      select.value = 'never';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(onChange.mock.calls.map((c) => c[0])).toEqual([
      { kind: 'page', on: false },
      { kind: 'settings', change: { enabled: false } },
      { kind: 'settings', change: { entities: true } },
      { kind: 'site', choice: 'never' },
    ]);
  });

  it('switches first or all mentions, countries and capitals, and click-only cards', () => {
    const onChange = vi.fn();
    show(<PopupView state={state} prefs={prefs} onChange={onChange} />);
    for (const id of ['#switch-all-mentions', '#switch-countries', '#switch-click-only']) {
      const input = root.querySelector<HTMLInputElement>(id)!;
      expect(input.checked).toBe(false);
      act(() => input.click());
    }
    expect(onChange.mock.calls.map((c) => c[0])).toEqual([
      { kind: 'settings', change: { allMentions: true } },
      { kind: 'settings', change: { countries: true } },
      { kind: 'settings', change: { clickOnly: true } },
    ]);
  });

  it('has a legend of every highlight, named in words and drawn as the page draws it', () => {
    show(<PopupView state={state} prefs={prefs} />);
    const legend = root.querySelector('[data-testid=legend]')!;
    expect(legend.closest('section')!.getAttribute('aria-labelledby')).toBe('legend-heading');
    expect(root.querySelector('#legend-heading')!.textContent).toBe('legendHeading');
    const items = [...legend.querySelectorAll('li')];
    expect(items.map((li) => li.textContent)).toEqual([
      'kind_quote: legend_quote',
      'kind_person: legend_person',
      'kind_organization: legend_organization',
      'kind_place: legend_place',
      'kind_event: legend_event',
      'kind_concept: legend_concept',
    ]);
    const place = items[3]!.querySelector<HTMLElement>('.legend-sample')!;
    expect(place.className).toBe('legend-sample legend-dotted');
    expect(place.style.getPropertyValue('--light')).toBe('#8a4fbf');
    expect(place.style.getPropertyValue('--dark')).toBe('#c9a2f2');
    // The switches come first, the legend after them.
    expect(
      root.querySelector('.switches')!.compareDocumentPosition(legend) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('shows the five key quotes that rank highest, in page order, and folds the rest', () => {
    const onReveal = vi.fn();
    const quotes = [0.5, 0.9, 0.6, 0.95, 0.7, 0.55, 0.8, 0.65].map((score, i) => ({
      index: i * 2,
      text: `quote ${i}`,
      speaker: null,
      score,
    }));
    show(<PopupView state={{ ...state, quotes }} prefs={prefs} onReveal={onReveal} />);
    const shown = [...root.querySelectorAll('[data-testid=key-quotes] q')].map(
      (q) => q.textContent,
    );
    expect(shown).toEqual(['quote 1', 'quote 3', 'quote 4', 'quote 6', 'quote 7']);
    expect(root.querySelector('[data-testid=key-quotes-note]')!.textContent).toBe(
      'keyQuotesTop(5|8)',
    );
    const more = root.querySelector<HTMLDetailsElement>('[data-testid=more-quotes]')!;
    expect(more.tagName).toBe('DETAILS');
    expect(more.open).toBe(false);
    expect(more.querySelector('summary')!.textContent).toBe('moreKeyQuotes(3)');
    expect([...more.querySelectorAll('q')].map((q) => q.textContent)).toEqual([
      'quote 0',
      'quote 2',
      'quote 5',
    ]);
    act(() => more.querySelector<HTMLButtonElement>('.quote-button')!.click());
    expect(onReveal).toHaveBeenCalledWith(0);
  });

  it('folds nothing when there are five key quotes or fewer', () => {
    show(<PopupView state={state} prefs={prefs} />);
    expect(root.querySelector('[data-testid=more-quotes]')).toBeNull();
    expect(root.querySelector('[data-testid=key-quotes-note]')).toBeNull();
  });

  it('says how long the page switch lasts', () => {
    show(<PopupView state={state} prefs={prefs} />);
    const page = root.querySelector<HTMLInputElement>('#switch-page')!;
    expect(root.querySelector(`#${page.getAttribute('aria-describedby')}`)!.textContent).toBe(
      'pageSwitchHint',
    );
  });

  it('offers to read a quiet page anyway instead of a page switch that does nothing', () => {
    const onChange = vi.fn();
    const quiet: PageState = {
      ...state,
      phase: 'quiet',
      topic: { relevant: false, score: 0.1, reasons: [] },
      quotes: [],
    };
    show(<PopupView state={quiet} prefs={prefs} onChange={onChange} />);
    expect(root.querySelector('#switch-page')).toBeNull();
    const button = root.querySelector<HTMLButtonElement>('[data-testid=read-anyway]')!;
    expect(button.textContent).toBe('readAnyway');
    expect(root.querySelector(`#${button.getAttribute('aria-describedby')}`)!.textContent).toBe(
      'readAnywayHint',
    );
    act(() => button.click());
    expect(onChange).toHaveBeenCalledWith({ kind: 'page', on: true });
    // A page the work budget left unread is not offered: reading it would be refused again.
    show(
      <PopupView
        state={{
          ...quiet,
          news: undefined,
          topic: undefined,
          budget: 'more than 200000 text nodes',
        }}
        prefs={prefs}
      />,
    );
    expect(root.querySelector('[data-testid=read-anyway]')).toBeNull();
  });

  it('explains a page without an article in words, not counts', () => {
    show(
      <PopupView
        state={{
          ...state,
          phase: 'gated-out',
          gate: { passed: false, chars: 863, reason: '4 paragraphs of article length' },
          topic: undefined,
          quotes: [],
        }}
        prefs={prefs}
      />,
    );
    expect(root.querySelector('[data-testid=gate]')!.textContent).toBe('gateWhy');
    expect(text()).not.toContain('863');
    expect(root.querySelector<HTMLInputElement>('#switch-page')!.disabled).toBe(true);
  });

  it('says when the browser cannot draw highlights and offers no page switch', () => {
    show(
      <PopupView
        state={{ ...state, phase: 'unsupported', topic: undefined, quotes: [] }}
        prefs={prefs}
      />,
    );
    expect(text()).toContain('phaseUnsupported');
    expect(root.querySelector<HTMLInputElement>('#switch-page')!.disabled).toBe(true);
    expect(root.querySelector('.key-quotes')).toBeNull();
  });

  it('says when the work budget cut the reading short', () => {
    show(<PopupView state={{ ...state, budget: 'reading took 2000 ms' }} prefs={prefs} />);
    expect(root.querySelector('[data-testid=budget]')!.textContent).toBe(
      'budgetNote(reading took 2000 ms)',
    );
  });

  it('says when no content script answers', () => {
    show(<PopupView state={null} prefs={null} />);
    expect(text()).toContain('noContentScript');
  });
});

describe('OptionsView', () => {
  const base: OptionsViewProps = {
    settings: DEFAULT_SETTINGS,
    sites: [{ host: 'example.com', choice: 'never' }],
    clippings: [],
    kbBrowse: null,
    kbResults: null,
    kbCard: null,
    onSettings: vi.fn(),
    onSite: vi.fn(),
    onSearch: vi.fn(),
    onOpen: vi.fn(),
    onCloseCard: vi.fn(),
    onSaveQuote: vi.fn(),
    onRemoveClipping: vi.fn(),
    onExport: vi.fn(),
    onImport: vi.fn(),
  };

  it('switches each kind of name, countries and capitals, all mentions and click-only cards', () => {
    const onSettings = vi.fn();
    show(<OptionsView {...base} onSettings={onSettings} />);
    const kinds = root.querySelector('[data-testid=kinds]')!;
    expect(kinds.tagName).toBe('FIELDSET');
    expect(kinds.querySelector('legend')!.textContent).toBe('kindsHeading');
    for (const id of [
      '#opt-kind-person',
      '#opt-kind-organization',
      '#opt-kind-place',
      '#opt-kind-event',
      '#opt-kind-concept',
      '#opt-countries',
      '#opt-all-mentions',
      '#opt-click-only',
    ]) {
      act(() => root.querySelector<HTMLInputElement>(id)!.click());
    }
    expect(onSettings.mock.calls.map((c) => c[0])).toEqual([
      { people: false },
      { organizations: false },
      { places: false },
      { events: false },
      { concepts: false },
      { countries: true },
      { allMentions: true },
      { clickOnly: true },
    ]);
    const clickOnly = root.querySelector('#opt-click-only')!;
    expect(root.querySelector(`#${clickOnly.getAttribute('aria-describedby')}`)!.textContent).toBe(
      'clickOnlyHint',
    );
  });

  it('edits and removes a site and adds one', () => {
    const onSite = vi.fn();
    show(<OptionsView {...base} onSite={onSite} />);
    const select = root.querySelector<HTMLSelectElement>('[data-testid=sites] select')!;
    act(() => {
      select.value = 'always';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    act(() => button('removeSite(example.com)').click());
    const input = root.querySelector<HTMLInputElement>('.add-site input')!;
    act(() => {
      input.value = ' News.Example.org ';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => root.querySelector<HTMLFormElement>('.add-site')!.requestSubmit());
    expect(onSite.mock.calls).toEqual([
      ['example.com', 'always'],
      ['example.com', null],
      ['news.example.org', 'never'],
    ]);
  });

  it('searches the knowledge base and shows the chosen card', () => {
    const onSearch = vi.fn();
    const onOpen = vi.fn();
    const hit = {
      key: 'entity:antony-blinken',
      title: 'Antony Blinken',
      detail: 'Person',
      snippet: null,
      card: { type: 'entity' as const, id: 'antony-blinken' },
    };
    const results = { query: 'blinken', hits: [hit] };
    show(<OptionsView {...base} onSearch={onSearch} onOpen={onOpen} kbResults={results} />);
    const input = root.querySelector<HTMLInputElement>('[data-testid=kb-query]')!;
    act(() => {
      input.value = 'blinken';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => root.querySelector<HTMLFormElement>('form[role=search]')!.requestSubmit());
    expect(onSearch).toHaveBeenCalledWith('blinken');
    expect(root.querySelector('#kb-found-heading')!.textContent).toBe('kbResultsHeading(blinken)');
    act(() => button('Antony Blinken').click());
    expect(onOpen).toHaveBeenCalledWith({ type: 'entity', id: 'antony-blinken' });
    show(
      <OptionsView
        {...base}
        kbResults={results}
        kbCard={{
          type: 'entity',
          data: { entity: blinken, sources, quotes: [], discrepancies: [], timeline: [] },
        }}
      />,
    );
    expect(root.querySelector('.card h2')!.textContent).toBe('Antony Blinken');
    // Under the hit that opened it.
    expect(root.querySelector('[data-testid=kb-results] li .card')).not.toBeNull();
  });

  it('shows each clipping with its page’s citation and the corpus wordings apart', () => {
    const page = {
      url: 'https://daily.example/talks',
      title: 'Talks',
      outlet: 'The Daily',
      author: 'Jane Roe',
      published: '2023-06-20',
    };
    show(
      <OptionsView
        {...base}
        clippings={[
          {
            id: 'linked',
            text: 'We have made progress',
            speaker: 'Antony Blinken',
            quoteId: 'progress',
            page,
            corpus: [
              {
                source: 'reuters',
                outlet: 'Reuters',
                title: 'Blinken meets Xi',
                date: '2023-06-19',
                text: 'We made progress',
              },
              { source: 'zeit', outlet: 'Die Zeit', title: '', date: '2023-06-20', text: null },
            ],
            savedAt: '2026-11-22T22:00:00.000Z',
          },
          {
            id: 'unlinked',
            text: 'A line the corpus lacks',
            speaker: null,
            quoteId: null,
            page: { ...page, author: null },
            corpus: [],
            savedAt: '2026-11-22T22:00:00.000Z',
          },
        ]}
      />,
    );
    const [linked, unlinked] = [...root.querySelectorAll('[data-testid=clipping]')];
    expect(linked!.querySelector('blockquote')!.textContent).toBe('We have made progress');
    expect(linked!.querySelector('[data-testid=clip-page]')!.textContent).toBe(
      'clippingFromPage: Jane Roe, “Talks”, The Daily, 2023-06-20, https://daily.example/talks',
    );
    expect(linked!.querySelector('[data-testid=clip-page] a')!.getAttribute('href')).toBe(page.url);
    const corpus = linked!.querySelector('[data-testid=clip-corpus]')!;
    expect(corpus.querySelector('ul')!.getAttribute('aria-labelledby')).toBe(
      corpus.querySelector('p')!.id,
    );
    expect([...corpus.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Reuters, “Blinken meets Xi”, 2023-06-19: We made progress',
      'Die Zeit, 2023-06-20: clippingWordingNotKept',
    ]);
    expect(unlinked!.querySelector('[data-testid=clip-page]')!.textContent).toBe(
      'clippingFromPage: “Talks”, The Daily, 2023-06-20, https://daily.example/talks',
    );
    expect(unlinked!.querySelector('[data-testid=clip-corpus]')).toBeNull();
  });

  it('shows an import error as an alert', () => {
    show(
      <OptionsView
        {...base}
        clippingsNotice={{ kind: 'error', text: 'importFailed(not a JSON file)' }}
      />,
    );
    expect(root.querySelector('[role=alert]')!.textContent).toBe('importFailed(not a JSON file)');
    expect(button('exportJson').disabled).toBe(true);
  });
});

describe('KbBrowser', () => {
  const browse: KbBrowse = browseKb({
    sources,
    entities: [
      blinken,
      { ...blinken, id: 'beijing', name: 'Beijing', type: 'place', role: 'Capital of China' },
      {
        ...blinken,
        id: 'talks',
        name: 'The talks',
        type: 'event',
        role: 'Sunday talks',
        date: '2023-06-18',
      },
    ],
    quotes: [
      {
        id: 'q1',
        speaker: 'antony-blinken',
        date: '2023-06-19',
        variants: [
          { source: 'zeit', text: 'Wir wollen reden' },
          { source: 'reuters', text: 'We want to talk' },
        ],
      },
    ],
    events: [
      {
        id: 'talks-held',
        date: '2023-06-18',
        title: 'Talks held',
        sources: ['reuters'],
        entity: 'talks',
        entities: ['antony-blinken'],
        excerpts: [{ source: 'reuters', text: 'talks on Sunday' }],
      },
    ],
    discrepancies: [
      {
        id: 'length',
        subject: 'How long the talks lasted',
        claims: [
          { value: 'Seven hours', sources: ['reuters'] },
          { value: 'Five hours', sources: ['zeit'] },
        ],
        entities: ['talks', 'antony-blinken'],
      },
    ],
  });
  const card = (onClose: () => void) => (
    <EntityCard
      data={{ entity: blinken, sources, quotes: [], discrepancies: [], timeline: [] }}
      autoFocus
      onClose={onClose}
    />
  );
  const base: KbBrowserProps = {
    browse,
    results: null,
    card: null,
    onSearch: vi.fn(),
    onOpen: vi.fn(),
    onCloseCard: vi.fn(),
  };
  const tabs = () => [...root.querySelectorAll<HTMLElement>('[role=tab]')];
  const selected = () => root.querySelector('[role=tab][aria-selected=true]')!.id;

  it('has a tab per kind, the timeline, disagreements and statements, moved through by keys', () => {
    show(<KbBrowser {...base} />);
    expect(root.querySelector('[role=tablist]')!.getAttribute('aria-label')).toBe('kbSections');
    expect(tabs().map((tab) => tab.textContent)).toEqual([
      'kinds_person (1)',
      'kinds_organization (0)',
      'kinds_place (1)',
      'kinds_event (1)',
      'kinds_concept (0)',
      'kbTimeline (1)',
      'kbDisagreements (1)',
      'kbStatements (1)',
    ]);
    expect(tabs().map((tab) => tab.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1, -1]);
    const panel = root.querySelector('[role=tabpanel]')!;
    expect(panel.getAttribute('aria-labelledby')).toBe('kb-tab-person');
    expect(panel.textContent).toContain('Antony Blinken');
    const key = (k: string) =>
      act(() => {
        document.activeElement!.dispatchEvent(
          new KeyboardEvent('keydown', { key: k, bubbles: true }),
        );
      });
    act(() => tabs()[0]!.focus());
    key('ArrowRight');
    key('ArrowRight');
    expect(selected()).toBe('kb-tab-place');
    expect(document.activeElement!.id).toBe('kb-tab-place');
    expect(root.querySelector('[role=tabpanel]')!.textContent).toContain('Capital of China');
    key('End');
    expect(selected()).toBe('kb-tab-statements');
    key('ArrowRight');
    expect(selected()).toBe('kb-tab-person');
    key('ArrowLeft');
    expect(selected()).toBe('kb-tab-statements');
  });

  it('shows the timeline, a disagreement and a statement with its wordings', () => {
    const onOpen = vi.fn();
    show(<KbBrowser {...base} onOpen={onOpen} />);
    act(() => root.querySelector<HTMLElement>('#kb-tab-timeline')!.click());
    const entry = root.querySelector('[data-testid=kb-timeline-item]')!;
    expect(entry.querySelector('time')!.getAttribute('datetime')).toBe('2023-06-18');
    expect(entry.textContent).toContain('talks on Sunday');
    act(() => button('Talks held').click());
    expect(onOpen).toHaveBeenLastCalledWith({ type: 'entity', id: 'talks' });

    act(() => root.querySelector<HTMLElement>('#kb-tab-disagreements')!.click());
    const disagreement = root.querySelector('[data-testid=kb-disagreement]')!;
    expect(disagreement.querySelector('h3')!.textContent).toBe('How long the talks lasted');
    expect(disagreement.textContent).toContain('kbSubstance');
    expect(disagreement.textContent).toContain('Seven hours (Reuters)');
    expect(disagreement.textContent).toContain('Five hours (Die Zeit)');

    act(() => root.querySelector<HTMLElement>('#kb-tab-statements')!.click());
    const statement = root.querySelector('[data-testid=kb-statement]')!;
    expect([...statement.querySelectorAll('.kb-words li')].map((li) => li.textContent)).toEqual([
      'We want to talk — Reuters, 2023-06-19',
      'Wir wollen reden — Die Zeit, 2023-06-20',
    ]);
    act(() => button('kbOpenStatement(Antony Blinken)').click());
    expect(onOpen).toHaveBeenLastCalledWith({ type: 'quote', id: 'q1' });
  });

  it('opens a card under its item, focus inside, and gives focus back when it closes', () => {
    const onCloseCard = vi.fn();
    const onOpen = vi.fn();
    show(<KbBrowser {...base} onOpen={onOpen} />);
    const item = button('Antony Blinken');
    act(() => item.focus());
    act(() => item.click());
    expect(onOpen).toHaveBeenCalledWith({ type: 'entity', id: 'antony-blinken' });
    show(
      <KbBrowser {...base} onOpen={onOpen} card={card(onCloseCard)} onCloseCard={onCloseCard} />,
    );
    const opened = root.querySelector('[data-testid=kb-kind-person] li .card')!;
    expect(opened.getAttribute('role')).toBe('dialog');
    expect(document.activeElement).toBe(opened.querySelector('h2'));
    expect(item.getAttribute('aria-expanded')).toBe('true');
    act(() => {
      opened.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(onCloseCard).toHaveBeenCalled();
    show(<KbBrowser {...base} onOpen={onOpen} />);
    expect(root.querySelector('.card')).toBeNull();
    expect(document.activeElement).toBe(item);
    // Closed by a new search, the card leaves focus where the reader is.
    act(() => item.click());
    show(<KbBrowser {...base} onOpen={onOpen} card={card(onCloseCard)} />);
    const input = root.querySelector<HTMLInputElement>('[data-testid=kb-query]')!;
    act(() => input.focus());
    show(<KbBrowser {...base} onOpen={onOpen} />);
    expect(document.activeElement).toBe(input);
  });

  it('lists search hits with the words that matched', () => {
    const onOpen = vi.fn();
    show(
      <KbBrowser
        {...base}
        onOpen={onOpen}
        results={{
          query: 'tariff',
          hits: [
            {
              key: 'entity:us-china-relations',
              title: 'US–China relations',
              detail: 'Idea',
              snippet: 'Strained by trade',
              card: { type: 'entity', id: 'us-china-relations' },
            },
          ],
        }}
      />,
    );
    const hit = root.querySelector('[data-testid=kb-results] li')!;
    expect(hit.querySelector('.kb-snippet q')!.textContent).toBe('Strained by trade');
    expect(hit.textContent).toContain('Idea');
    act(() => button('US–China relations').click());
    expect(onOpen).toHaveBeenCalledWith({ type: 'entity', id: 'us-china-relations' });
  });
});
