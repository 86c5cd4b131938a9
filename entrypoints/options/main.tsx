import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { I18n } from '../../components/i18n';
import type { KbHit, KbTarget } from '../../components/KbBrowser';
import { OptionsView, type KbCard, type Notice } from '../../components/OptionsView';
import { browseKb, type KbBrowse } from '../../lib/kb/browse';
import type { SearchHit } from '../../lib/kb/search';
import type { Translate } from '../../lib/i18n';
import type { QuoteCardData } from '../../lib/page/cards';
import {
  clippingOf,
  clippingsToJson,
  clippingsToMarkdown,
  parseClippingsFile,
  type Clipping,
} from '../../lib/page/clippings';
import {
  createClient,
  toBackground,
  type BackgroundResults,
  type Settings,
  type SiteEntry,
} from '../../lib/protocol';
import type { Result } from '../../lib/result';

const t: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions) || key;
const callBackground = createClient<typeof toBackground, BackgroundResults>((message) =>
  browser.runtime.sendMessage(message),
);

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const KINDS = new Set(['person', 'organization', 'place', 'event', 'concept']);

/** A search hit as the browser lists it: what kind of item, in words, and the card it opens. */
function hitOf(hit: SearchHit): KbHit {
  const detail =
    hit.kind === 'entity'
      ? hit.detail && KINDS.has(hit.detail)
        ? t(`kind_${hit.detail}` as 'kind_person')
        : ''
      : hit.kind === 'quote'
        ? t('kind_quote')
        : hit.kind === 'event'
          ? `${t('timeline')}${hit.detail ? `, ${hit.detail}` : ''}`
          : t('disagreements');
  return {
    key: `${hit.kind}:${hit.id}`,
    title: hit.title,
    detail,
    snippet: hit.snippet,
    card: hit.card ? { type: hit.card.kind, id: hit.card.id } : null,
  };
}

async function searchKb(text: string): Promise<Result<KbHit[]>> {
  const answer = await callBackground('kb/search', { text, limit: 30 });
  if (!answer.ok) return answer;
  return { ok: true, value: answer.value.map(hitOf) };
}

async function openKbCard(target: KbTarget): Promise<Result<KbCard>> {
  if (target.type === 'entity') {
    const answer = await callBackground('kb/entity', { id: target.id });
    if (!answer.ok) return answer;
    return answer.value
      ? { ok: true, value: { type: 'entity', data: answer.value } }
      : { ok: false, error: `the knowledge base has no entity ${target.id}` };
  }
  const answer = await callBackground('kb/quote', { id: target.id });
  if (!answer.ok) return answer;
  return answer.value
    ? { ok: true, value: { type: 'quote', data: answer.value } }
    : { ok: false, error: `the knowledge base has no quote ${target.id}` };
}

const failure = (error: string): Notice => ({ kind: 'error', text: t('requestFailed', error) });

function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [sites, setSites] = useState<SiteEntry[]>([]);
  const [clippings, setClippings] = useState<Clipping[]>([]);
  const [kbBrowse, setKbBrowse] = useState<KbBrowse | null>(null);
  const [kbResults, setKbResults] = useState<{ query: string; hits: KbHit[] } | null>(null);
  const [kbCard, setKbCard] = useState<KbCard | null>(null);
  const [sitesNotice, setSitesNotice] = useState<Notice | null>(null);
  const [clippingsNotice, setClippingsNotice] = useState<Notice | null>(null);
  const [kbNotice, setKbNotice] = useState<Notice | null>(null);

  const loadSettings = async () => {
    const answer = await callBackground('prefs/get', { host: '' });
    if (answer.ok) setSettings(answer.value.settings);
    else setSitesNotice(failure(answer.error));
  };
  const loadSites = async () => {
    const answer = await callBackground('site/list', null);
    if (answer.ok) setSites(answer.value);
    else setSitesNotice(failure(answer.error));
  };
  const loadClippings = async () => {
    const answer = await callBackground('clip/list', null);
    if (answer.ok) setClippings(answer.value);
    else setClippingsNotice(failure(answer.error));
  };

  const loadKb = async () => {
    const answer = await callBackground('kb/browse', null);
    if (answer.ok) setKbBrowse(browseKb(answer.value));
    else setKbNotice(failure(answer.error));
  };

  useEffect(() => {
    void loadKb();
    void loadSettings();
    void loadSites();
    void loadClippings();
  }, []);

  const report = (answer: Result<unknown>, set: (notice: Notice | null) => void) =>
    set(answer.ok ? null : failure(answer.error));

  return (
    <OptionsView
      settings={settings}
      sites={sites}
      clippings={clippings}
      kbBrowse={kbBrowse}
      kbResults={kbResults}
      kbCard={kbCard}
      sitesNotice={sitesNotice}
      clippingsNotice={clippingsNotice}
      kbNotice={kbNotice}
      onSettings={async (change) => {
        const answer = await callBackground('settings/set', change);
        if (answer.ok) setSettings(answer.value);
        report(answer, setSitesNotice);
      }}
      onSite={async (host, choice) => {
        report(await callBackground('site/set', { host, choice }), setSitesNotice);
        await loadSites();
      }}
      onSearch={async (query) => {
        setKbCard(null);
        if (!query) return setKbResults(null);
        const answer = await searchKb(query);
        if (answer.ok) setKbResults({ query, hits: answer.value });
        report(answer, setKbNotice);
      }}
      onOpen={async (target) => {
        const answer = await openKbCard(target);
        if (answer.ok) setKbCard(answer.value);
        report(answer, setKbNotice);
      }}
      onCloseCard={() => setKbCard(null)}
      onSaveQuote={async (data: QuoteCardData) => {
        const clipping = clippingOf({
          text: data.quote.variants[0]?.text ?? '',
          speaker: data.speaker?.name ?? data.quote.speakerName ?? null,
          quote: data.quote,
          sources: data.sources,
          page: null,
        });
        report(await callBackground('clip/save', clipping), setClippingsNotice);
        await loadClippings();
      }}
      onRemoveClipping={async (id) => {
        report(await callBackground('clip/remove', { id }), setClippingsNotice);
        await loadClippings();
      }}
      onExport={(format) => {
        const stamp = new Date().toISOString().slice(0, 10);
        if (format === 'json') {
          download(
            `bilateral-clippings-${stamp}.json`,
            'application/json',
            clippingsToJson(clippings),
          );
        } else {
          download(
            `bilateral-clippings-${stamp}.md`,
            'text/markdown',
            clippingsToMarkdown(clippings, {
              heading: t('clippings'),
              fromPage: t('clippingFromPage'),
              inCorpus: t('clippingInCorpus'),
              wordingNotKept: t('clippingWordingNotKept'),
              saved: t('clippingSaved'),
            }),
          );
        }
        setClippingsNotice({ kind: 'ok', text: t('exported', String(clippings.length)) });
      }}
      onImport={async (file) => {
        const parsed = parseClippingsFile(await file.text());
        if (!parsed.ok) {
          setClippingsNotice({ kind: 'error', text: t('importFailed', parsed.error) });
          return;
        }
        const answer = await callBackground('clip/import', { clippings: parsed.value });
        setClippingsNotice(
          answer.ok
            ? {
                kind: 'ok',
                text: t('importDone', [String(answer.value.added), String(answer.value.skipped)]),
              }
            : { kind: 'error', text: t('importFailed', answer.error) },
        );
        await loadClippings();
      }}
    />
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
render(
  <I18n.Provider value={t}>
    <Options />
  </I18n.Provider>,
  document.getElementById('app')!,
);
