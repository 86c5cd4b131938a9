import { describe, expect, it } from 'vitest';
import { createClient, dispatch, envelope, parseMessage, toBackground } from '../../lib/protocol';
import type { BackgroundResults, Handlers, PageState } from '../../lib/protocol';
import { callerKind } from '../../lib/sender';

const state: PageState = {
  url: 'https://example.org/a',
  phase: 'gated-out',
  gate: { passed: false, chars: 12, reason: '0 paragraphs of article length' },
  quotes: [],
  entityCount: 0,
};

describe('parseMessage', () => {
  it.each([
    ['null', null, 'not a message'],
    ['a string', 'page/report', 'not a message'],
    ['a foreign envelope', { method: 'page/report', params: state }, 'not a Bilateral message'],
    ['an unknown method', envelope('tabs/close', {}), 'unknown method tabs/close'],
    ['a prototype key', envelope('toString', {}), 'unknown method toString'],
  ])('refuses %s', (_, raw, error) => {
    expect(parseMessage(toBackground, raw, 'content')).toEqual({ ok: false, error });
  });

  it('refuses parameters of the wrong shape, naming the field', () => {
    const result = parseMessage(toBackground, envelope('tab/state', { tabId: 'one' }), 'extension');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^tab\/state: tabId: /);
  });

  it('refuses a method from the wrong kind of caller', () => {
    const result = parseMessage(toBackground, envelope('tab/state', { tabId: 3 }), 'content');
    expect(result).toEqual({
      ok: false,
      error: 'tab/state is not accepted from a content context',
    });
  });

  it('gives the whole knowledge base to extension pages only', () => {
    expect(parseMessage(toBackground, envelope('kb/browse', null), 'extension').ok).toBe(true);
    expect(parseMessage(toBackground, envelope('kb/browse', null), 'content')).toEqual({
      ok: false,
      error: 'kb/browse is not accepted from a content context',
    });
  });

  it('accepts a well-formed message', () => {
    const result = parseMessage(toBackground, envelope('page/report', state), 'content');
    expect(result).toEqual({ ok: true, value: { method: 'page/report', params: state } });
  });
});

describe('dispatch and createClient', () => {
  // Two methods are enough to exercise the round trip; the rest of the map is others' business.
  const spec = {
    'page/report': toBackground['page/report'],
    'tab/state': toBackground['tab/state'],
  };
  type Results = Pick<BackgroundResults, keyof typeof spec>;
  const handlers: Handlers<typeof spec, Results, null> = {
    'page/report': () => null,
    'tab/state': ({ tabId }) => {
      if (tabId === 13) throw new Error('tab 13 is gone');
      return { ...state, url: `https://example.org/${tabId}` };
    },
  };
  const call = createClient<typeof spec, Results>((message) =>
    dispatch(spec, handlers, message, 'extension', null),
  );

  it('round-trips a typed call', async () => {
    const answer = await call('tab/state', { tabId: 4 });
    expect(answer.ok && answer.value?.url).toBe('https://example.org/4');
  });

  it('turns a throwing handler into a failed result', async () => {
    expect(await call('tab/state', { tabId: 13 })).toEqual({ ok: false, error: 'tab 13 is gone' });
  });

  it('turns a broken transport into a failed result', async () => {
    const broken = createClient<typeof toBackground, BackgroundResults>(() =>
      Promise.reject(new Error('Receiving end does not exist.')),
    );
    expect(await broken('tab/state', { tabId: 1 })).toEqual({
      ok: false,
      error: 'tab/state: Receiving end does not exist.',
    });
  });
});

describe('callerKind', () => {
  const id = 'ext-id';
  const origin = 'chrome-extension://ext-id/';
  it('tells content scripts from extension pages and refuses strangers', () => {
    expect(callerKind({ id, url: 'https://news.example/', tab: { id: 2 } }, id, origin)).toBe(
      'content',
    );
    expect(callerKind({ id, url: `${origin}popup.html`, tab: { id: 2 } }, id, origin)).toBe(
      'extension',
    );
    expect(callerKind({ id: 'other', url: 'https://x/', tab: { id: 2 } }, id, origin)).toBeNull();
    expect(callerKind({ id, url: 'https://x/' }, id, origin)).toBeNull();
  });
});
