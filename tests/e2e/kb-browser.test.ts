/**
 * The settings page's knowledge base as a reader explores it, in Chromium and Firefox: every
 * entity under its kind, the whole timeline, the disagreements, every statement with each
 * outlet's wording, a search for "tariff" that finds what the KB says about trade, and an item
 * opening the card the page shows, focus moving into it and back; axe-core on the page, light
 * and (in Chromium, which can emulate it) dark.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect } from 'vitest';
import type { KnowledgeBase } from '../../lib/kb/types';
import {
  BROWSERS,
  callBackground,
  sessionForFile,
  waitFor,
  type ExtensionSession,
  axeViolations,
} from './harness';

/** The shown panel's items as text, and which tab is selected. */
const panelOf = (page: Page) =>
  page.evaluate(() => {
    const panel = document.querySelector('[role="tabpanel"]')!;
    const tab = document.getElementById(panel.getAttribute('aria-labelledby')!)!;
    return {
      tab: tab.id,
      selected: tab.getAttribute('aria-selected'),
      items: [...panel.querySelectorAll(':scope > ul > li, :scope > ol > li')].map(
        (li) => li.textContent ?? '',
      ),
    };
  });

const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    return e ? `${e.tagName.toLowerCase()}:${e.textContent ?? ''}` : null;
  });

const buttonNamed = async (page: Page, name: string, within = '') => {
  const [button] = await page.$$(
    `xpath/.${within}//button[normalize-space()="${name}" or @aria-label="${name}"]`,
  );
  if (!button) throw new Error(`no button "${name}"`);
  return button;
};

describe.each(BROWSERS)('%s: the knowledge base on the settings page', (name) => {
  let session: ExtensionSession;
  let kb: KnowledgeBase;
  const { test } = sessionForFile(name, {
    ready: async (launched) => {
      session = launched;
      kb = await waitFor(() => callBackground<KnowledgeBase>(session, 'kb/browse', null), {
        what: 'the knowledge base',
      });
    },
  });
  const open = async () => {
    const page = await session.openExtensionPage('options.html', '[role="tablist"]');
    await page.setViewport({ width: 900, height: 1200 });
    return page;
  };

  test('lists every entity by kind, the whole timeline, every disagreement and statement', async () => {
    const page = await open();
    const tabs = await page.$$eval('[role="tab"]', (all) =>
      all.map((tab) => [tab.id, tab.textContent]),
    );
    const count = (type: string) => kb.entities.filter((e) => e.type === type).length;
    expect(tabs).toEqual([
      ['kb-tab-person', `People (${count('person')})`],
      ['kb-tab-organization', `Organisations (${count('organization')})`],
      ['kb-tab-place', `Places (${count('place')})`],
      ['kb-tab-event', `Events (${count('event')})`],
      ['kb-tab-concept', `Ideas (${count('concept')})`],
      ['kb-tab-timeline', `Timeline (${kb.events.length})`],
      ['kb-tab-disagreements', `Disagreements (${kb.discrepancies.length})`],
      ['kb-tab-statements', `Statements (${kb.quotes.length})`],
    ]);
    let panel = await panelOf(page);
    expect(panel.tab).toBe('kb-tab-person');
    expect(panel.items).toHaveLength(count('person'));
    expect(panel.items.some((item) => item.startsWith('Antony Blinken'))).toBe(true);

    // The tabs by keyboard: arrows move along them, the panel follows.
    await page.focus('#kb-tab-person');
    await page.keyboard.press('ArrowRight');
    panel = await panelOf(page);
    expect(panel).toMatchObject({ tab: 'kb-tab-organization', selected: 'true' });
    expect(panel.items).toHaveLength(count('organization'));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('kb-tab-organization');
    for (const kind of ['place', 'event', 'concept']) {
      await page.keyboard.press('ArrowRight');
      panel = await panelOf(page);
      expect(panel.tab).toBe(`kb-tab-${kind}`);
      expect(panel.items).toHaveLength(count(kind));
    }

    await page.keyboard.press('ArrowRight');
    panel = await panelOf(page);
    expect(panel.tab).toBe('kb-tab-timeline');
    expect(panel.items).toHaveLength(kb.events.length);
    expect(panel.items[0]).toContain('1949');
    expect(panel.items[0]).toContain('China and Taiwan split at the end of the civil war');

    await page.keyboard.press('ArrowRight');
    panel = await panelOf(page);
    expect(panel.tab).toBe('kb-tab-disagreements');
    expect(panel.items).toHaveLength(kb.discrepancies.length);
    const length = panel.items.find((item) => item.startsWith("How long Blinken's Sunday talks"));
    expect(length).toContain('The sources differ on what happened');
    expect(length).toContain('Seven and a half hours (Blick, dpa, Bloomberg)');
    expect(length).toContain('More than five hours');
    expect(panel.items.some((item) => item.includes('Error in a source’s text:'))).toBe(true);

    await page.keyboard.press('End');
    panel = await panelOf(page);
    expect(panel.tab).toBe('kb-tab-statements');
    expect(panel.items).toHaveLength(kb.quotes.length);
    const spiral = kb.quotes.find((q) => q.variants.some((v) => /downward spiral/.test(v.text)))!;
    const shown = await page.$$eval('[data-testid="kb-statement"]', (items) =>
      items.map((item) => [...item.querySelectorAll('.kb-words q')].map((q) => q.textContent)),
    );
    const wordings = shown.find((texts) => texts.some((t) => /downward spiral/.test(t ?? '')));
    expect([...wordings!].sort()).toEqual(spiral.variants.map((v) => v.text).sort());
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  test('"tariff" finds what the knowledge base says about trade', async () => {
    const page = await open();
    await page.type('[data-testid="kb-query"]', 'tariff');
    await page.keyboard.press('Enter');
    await waitFor(() => page.$('[data-testid="kb-results"] li'), { what: 'search results' });
    const hits = await page.$$eval('[data-testid="kb-results"] li', (items) =>
      items.map((li) => li.textContent ?? ''),
    );
    const controls = hits.find((hit) => hit.startsWith('Export controls on advanced chips'));
    expect(controls).toContain('imposed export controls');
    const relations = hits.find((hit) => hit.includes('Strained by trade'));
    expect(relations).toBeDefined();
    expect(await page.$eval('#kb-found-heading', (h) => h.textContent)).toBe('Found for “tariff”');
    await page.close();
  });

  test('an item opens its card, focus moves in and comes back when it closes', async () => {
    const page = await open();
    // A statement's card: the quote card the page shows, with each outlet's wording.
    await page.click('#kb-tab-statements');
    const statement = await page.$('[data-testid="kb-statement"] button');
    await statement!.focus();
    await page.keyboard.press('Enter');
    await waitFor(() => page.$('[data-testid="kb-statement"] .card h2'), { what: 'a quote card' });
    const card = await page.$eval('[data-testid="kb-statement"] .card', (c) => ({
      kind: c.getAttribute('data-card'),
      role: c.getAttribute('role'),
      wordings: c.querySelectorAll('.wording').length,
    }));
    expect(card).toMatchObject({ kind: 'quote', role: 'dialog' });
    expect(card.wordings).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    await page.keyboard.press('Escape');
    await waitFor(async () => ((await page.$('.card')) ? null : true), { what: 'the card closed' });
    expect(
      await page.evaluate(
        () => document.activeElement?.closest('[data-testid="kb-statement"]') !== null,
      ),
    ).toBe(true);

    // A disagreement opens the card of what it is about, which lists it.
    await page.click('#kb-tab-disagreements');
    const talks = await page.$$('[data-testid="kb-disagreement"]');
    const lengthItem = await Promise.all(
      talks.map((item) => item.evaluate((li) => li.querySelector('h3')!.textContent)),
    );
    const at = lengthItem.indexOf("How long Blinken's Sunday talks with Qin Gang lasted");
    expect(at).toBeGreaterThanOrEqual(0);
    const button = await buttonNamed(
      page,
      'Blinken–Qin talks',
      `//li[@data-testid="kb-disagreement"][${at + 1}]`,
    );
    await button.click();
    await waitFor(() => page.$('[data-testid="kb-disagreement"] .card h2'), {
      what: 'an entity card',
    });
    expect(await page.$eval('[data-testid="kb-disagreement"] .card h2', (h) => h.textContent)).toBe(
      'Blinken–Qin talks',
    );
    expect(
      await page.$eval('[data-testid="kb-disagreement"] .card', (c) => c.textContent),
    ).toContain('More than five hours');
    await (await buttonNamed(page, 'Close', '//*[contains(@class,"card")]')).click();
    await waitFor(async () => ((await page.$('.card')) ? null : true), { what: 'the card closed' });

    // A person: the entity card, in the light and (Chromium) dark scheme, axe-clean.
    await page.click('#kb-tab-person');
    await (await buttonNamed(page, 'Antony Blinken')).click();
    await waitFor(() => page.$('[data-testid="kb-kind-person"] .card h2'), { what: 'a card' });
    expect(await page.$eval('.card h2', (h) => h.textContent)).toBe('Antony Blinken');
    expect(await focused(page)).toBe('h2:Antony Blinken');
    expect(await axeViolations(page)).toEqual([]);
    if (name === 'chromium') {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      expect(await axeViolations(page)).toEqual([]);
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    }
    await page.keyboard.press('Escape');
    await waitFor(async () => ((await page.$('.card')) ? null : true), { what: 'the card closed' });
    expect(await focused(page)).toBe('button:Antony Blinken');
    await page.close();
  });
});
