/**
 * A page the knowledge base knows little of, in Chromium and Firefox: an analyst's quotations
 * the corpus does not hold, by a speaker it does not know, on a page dated after the corpus.
 * What a reader saves from it cites the page; what the cards say of it comes from the page.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect } from 'vitest';
import type { Clipping } from '../../lib/page/clippings';
import {
  BROWSERS,
  fixtureServerForFile,
  sessionForFile,
  waitFor,
  type ExtensionSession,
  axeViolations,
  callBackground,
} from './harness';

const PAGE = 'pages/voices-article.html';
/** The open card: its kind, title and text; null when none is open. */
const cardIn = (page: Page) =>
  page.evaluate(() => {
    const card = document.querySelector('bilateral-cards')?.shadowRoot?.querySelector('.card');
    if (!card || !card.querySelector('h2')) return null;
    return {
      kind: card.getAttribute('data-card'),
      title: card.querySelector('h2')!.textContent,
      text: card.textContent ?? '',
      role: card.querySelector('.speaker-role')?.textContent ?? null,
      subtitle: card.querySelector('.card-sub')?.textContent ?? null,
      later: card.querySelector('[data-testid="later-page"]')?.textContent ?? null,
      asOf: [...card.querySelectorAll('.as-of')].map((e) => e.textContent),
      quotes: [...card.querySelectorAll('.quotes q')].map((q) => q.textContent),
      focused:
        document.activeElement?.tagName.toLowerCase() === 'bilateral-cards'
          ? (document.activeElement.shadowRoot?.activeElement?.tagName ?? null)
          : null,
    };
  });

/** Clicks the middle of the first line of the highlight of `name` holding `wanted`. */
async function clickOn(page: Page, name: string, wanted: string) {
  const point = await page.evaluate(
    (highlight, words) => {
      const range = [...(CSS.highlights.get(highlight) ?? [])].find((r) =>
        r.toString().includes(words),
      ) as Range | undefined;
      if (!range) throw new Error(`no ${highlight} range with "${words}"`);
      range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      const box = range.getClientRects()[0]!;
      return { x: box.left + Math.min(box.width / 2, 20), y: box.top + box.height / 2 };
    },
    name,
    wanted,
  );
  await page.mouse.click(point.x, point.y);
}

/** Clicks the button in the open card whose text starts with `label`. */
const pressInCard = (page: Page, label: string) =>
  page.evaluate((wanted) => {
    const root = document.querySelector('bilateral-cards')!.shadowRoot!;
    const button = [...root.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith(wanted),
    );
    if (!button) throw new Error(`no button "${wanted}" in the card`);
    button.click();
  }, label);

describe.each(BROWSERS)('%s: a page beyond the knowledge base', (name) => {
  let session: ExtensionSession;
  let page: Page;

  const server = fixtureServerForFile();
  const { test } = sessionForFile(name, {
    ready: async (launched) => {
      session = launched;
      page = await session.openPage(server.url(PAGE));
      await waitFor(
        () => page.evaluate(() => (CSS.highlights.get('bilateral-quote')?.size ?? 0) > 0),
        { what: 'the quotes to be highlighted' },
      );
    },
  });

  test('a quotation the corpus does not hold is saved with the page’s citation', async () => {
    await page.bringToFront();
    await clickOn(page, 'bilateral-quote', 'Tariffs alone');
    await waitFor(async () => (await cardIn(page))?.text.includes('Save to clippings'), {
      what: 'the quote card',
    });
    await pressInCard(page, 'Save to clippings');
    await waitFor(async () => (await cardIn(page))?.text.includes('Saved to your clippings'), {
      what: 'the saved message',
    });
    const [saved] = await callBackground<Clipping[]>(session, 'clip/list', null);
    expect(saved).toMatchObject({
      text: 'Tariffs alone will not bring the factories home',
      speaker: 'Maria Castell',
      quoteId: null,
      corpus: [],
    });
    expect(saved!.page).toEqual({
      url: server.url(PAGE),
      title: 'Tariff talks: what the US and China still disagree on',
      outlet: 'Harbour Ledger',
      author: 'Ruth Okafor',
      published: '2025-03-04',
    });
    await page.keyboard.press('Escape');

    const options = await session.openExtensionPage('options.html', '[data-testid="clip-page"]');
    expect(await options.$eval('[data-testid="clip-page"]', (e) => e.textContent)).toBe(
      `From the page: Ruth Okafor, “Tariff talks: what the US and China still disagree on”, Harbour Ledger, 2025-03-04, ${server.url(PAGE)}`,
    );
    expect(await options.$('[data-testid="clip-corpus"]')).toBeNull();
    await options.close();
  });

  test('a speaker the knowledge base does not know opens a card of what this page says of them', async () => {
    await page.bringToFront();
    await clickOn(page, 'bilateral-quote', 'Tariffs alone');
    await waitFor(async () => (await cardIn(page))?.text.includes('About Maria Castell'), {
      what: 'the quote card with its speaker',
    });
    await pressInCard(page, 'About Maria Castell');
    const card = await waitFor(
      async () => {
        const c = await cardIn(page);
        return c?.kind === 'speaker' ? c : null;
      },
      { what: 'the speaker’s card' },
    );
    expect(card.title).toBe('Maria Castell');
    expect(card.focused).toBe('H2');
    expect(card.text).toContain('The knowledge base does not know Maria Castell');
    expect(card.role).toBe('a senior fellow at the Pacific Trade Forum in Singapore');
    expect(card.quotes).toEqual([
      'Tariffs alone will not bring the factories home',
      'Neither capital wants to be the first to blink, and both know that the costs fall on their own consumers',
    ]);
    expect(await axeViolations(page, [['bilateral-cards', '.card']])).toEqual([]);
    // Each of their highlighted quotations is a way back to its own card.
    await pressInCard(page, 'Neither capital');
    await waitFor(
      async () => {
        const c = await cardIn(page);
        return c?.kind === 'quote' && c.text.includes('the first to blink') ? c : null;
      },
      { what: 'the card of their other quotation' },
    );
    await page.keyboard.press('Escape');
    await waitFor(async () => (await cardIn(page)) === null, { what: 'the card to close' });
  });

  test('facts say when they held, and a card on a page dated after its sources says so', async () => {
    await page.bringToFront();
    await clickOn(page, 'bilateral-person', 'Antony Blinken');
    const card = await waitFor(
      async () => {
        const c = await cardIn(page);
        return c?.kind === 'person' ? c : null;
      },
      { what: 'Blinken’s card' },
    );
    expect(card.title).toBe('Antony Blinken');
    expect(card.subtitle).toBe('US Secretary of State (as of 2023-06-19)');
    expect(card.later).toBe(
      'This page is dated 2025-03-04, after this card’s sources (the latest from 2023-06-19). What the card says was true then; roles, ages and descriptions may have changed since.',
    );
    // The description and every fact, the age among them, carry their date.
    expect(card.text).toContain('Aged 61 at the time of the visit. (as of 2023-06-19)');
    expect(card.asOf.length).toBeGreaterThan(3);
    expect(await axeViolations(page, [['bilateral-cards', '.card']])).toEqual([]);
    await page.keyboard.press('Escape');

    // A page of the corpus's own days gets the dates, not the warning.
    const article = await session.openPage(server.url('pages/us-china-article.html'));
    await waitFor(
      () => article.evaluate(() => (CSS.highlights.get('bilateral-person')?.size ?? 0) > 0),
      { what: 'the article’s names' },
    );
    await clickOn(article, 'bilateral-person', 'Antony Blinken');
    const same = await waitFor(
      async () => {
        const c = await cardIn(article);
        return c?.kind === 'person' ? c : null;
      },
      { what: 'Blinken’s card on the article' },
    );
    expect(same.subtitle).toBe('US Secretary of State (as of 2023-06-19)');
    expect(same.later).toBeNull();
    await article.close();
  });

  test('where the sources disagree: substance first, errors in a source’s text folded away', async () => {
    const article = await session.openPage(server.url('pages/us-china-article.html'));
    await waitFor(
      () => article.evaluate(() => (CSS.highlights.get('bilateral-person')?.size ?? 0) > 0),
      { what: 'the article’s names' },
    );
    await clickOn(article, 'bilateral-person', 'Antony Blinken');
    await waitFor(async () => (await cardIn(article))?.kind === 'person', {
      what: 'Blinken’s card',
    });
    const sections = await article.evaluate(() => {
      const card = document.querySelector('bilateral-cards')!.shadowRoot!.querySelector('.card')!;
      const folded = card.querySelector<HTMLDetailsElement>('[data-testid="source-errors"]')!;
      return {
        substance: [...card.querySelectorAll('[data-testid="disagreement"] > p')].map(
          (p) => p.textContent,
        ),
        summary: folded.querySelector('summary')!.textContent,
        open: folded.open,
        // Folded: the errors take no room until asked for.
        errorsHidden: [...folded.querySelectorAll('li')].every((li) => !li.checkVisibility()),
        errors: [...folded.querySelectorAll('li.source-error')].map((li) => li.textContent),
      };
    });
    expect(sections.substance).toEqual(
      expect.arrayContaining([
        "How long Blinken's Sunday talks with Qin Gang lasted",
        'Whose February 2023 trip to Beijing was cancelled over the balloon',
      ]),
    );
    expect(sections.substance).not.toContain(
      "The spelling of the US secretary of state's first name and surname",
    );
    expect(sections.open).toBe(false);
    expect(sections.errorsHidden).toBe(true);
    expect(sections.summary).toMatch(/^Errors in a source’s text \(\d+\)$/);
    expect(sections.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Blingen English wire report, 2023-06-19 \(an error in the source’s text: a misspelt name\)$/,
        ),
      ]),
    );
    // Opened by keyboard, the errors are there to read.
    await article.evaluate(() =>
      document
        .querySelector('bilateral-cards')!
        .shadowRoot!.querySelector<HTMLElement>('[data-testid="source-errors"] summary')!
        .focus(),
    );
    await article.keyboard.press('Enter');
    await waitFor(
      () =>
        article.evaluate(
          () =>
            document
              .querySelector('bilateral-cards')!
              .shadowRoot!.querySelector<HTMLDetailsElement>('[data-testid="source-errors"]')!
              .open || null,
        ),
      { what: 'the errors to unfold' },
    );
    expect(await axeViolations(article, [['bilateral-cards', '.card']])).toEqual([]);
    await article.close();
  });
});
