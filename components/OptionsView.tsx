import { useState } from 'preact/hooks';
import { shownVariants, type EntityCardData, type QuoteCardData } from '../lib/page/cards';
import { compareWordings } from '../lib/page/wording';
import { formatCorpusSource, formatPageSource, type Clipping } from '../lib/page/clippings';
import { ENTITY_KINDS } from '../lib/page/highlighter';
import { KIND_SETTING } from '../lib/page/mentions';
import type { Settings, SiteChoice, SiteEntry } from '../lib/protocol';
import { EntityCard } from './cards/EntityCard';
import { QuoteCard } from './cards/QuoteCard';
import type { KbBrowse } from '../lib/kb/browse';
import { useT } from './i18n';
import { KbBrowser, type KbHit, type KbTarget } from './KbBrowser';
import { Switch } from './Switch';

export type KbCard =
  { type: 'entity'; data: EntityCardData } | { type: 'quote'; data: QuoteCardData };

/** A line under a section: what the last action did, or why it failed. */
export interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

export interface OptionsViewProps {
  settings: Settings | null;
  sites: SiteEntry[];
  clippings: Clipping[];
  /** The whole KB arranged for reading; null while it loads. */
  kbBrowse: KbBrowse | null;
  kbResults: { query: string; hits: KbHit[] } | null;
  kbCard: KbCard | null;
  sitesNotice?: Notice | null;
  clippingsNotice?: Notice | null;
  kbNotice?: Notice | null;
  onSettings: (change: Partial<Settings>) => void;
  onSite: (host: string, choice: SiteChoice | null) => void;
  onSearch: (query: string) => void;
  onOpen: (target: KbTarget) => void;
  onCloseCard: () => void;
  onSaveQuote: (data: QuoteCardData) => void;
  onRemoveClipping: (id: string) => void;
  onExport: (format: 'markdown' | 'json') => void;
  onImport: (file: File) => void;
}

function NoticeLine({ notice, testId }: { notice: Notice | null | undefined; testId: string }) {
  return (
    <p
      role={notice?.kind === 'error' ? 'alert' : 'status'}
      class={`notice ${notice?.kind ?? ''}`}
      data-testid={testId}
    >
      {notice?.text ?? ''}
    </p>
  );
}

export function OptionsView(props: OptionsViewProps) {
  const t = useT();
  const { settings, sites, clippings } = props;
  const [newHost, setNewHost] = useState('');
  const [newChoice, setNewChoice] = useState<SiteChoice>('never');
  const quoteCard = props.kbCard?.type === 'quote' ? props.kbCard.data : null;
  const card =
    props.kbCard?.type === 'entity' ? (
      <EntityCard data={props.kbCard.data} autoFocus onClose={props.onCloseCard} />
    ) : props.kbCard?.type === 'quote' ? (
      <QuoteCard
        page={{
          text: props.kbCard.data.quote.variants[0]?.text ?? '',
          speaker: props.kbCard.data.speaker?.name ?? null,
          context: '',
          speakerId: null,
          confidence: null,
          evidence: null,
        }}
        data={props.kbCard.data}
        segments={compareWordings(shownVariants(props.kbCard.data).map((v) => v.text))}
        autoFocus
        saved={clippings.some((c) => c.quoteId === quoteCard?.quote.id)}
        onSave={() => {
          if (quoteCard) props.onSaveQuote(quoteCard);
        }}
        onClose={props.onCloseCard}
      />
    ) : null;
  return (
    <main class="options">
      <h1>{t('optionsHeading')}</h1>
      <p>{t('optionsIntro')}</p>

      <section aria-labelledby="defaults-heading">
        <h2 id="defaults-heading">{t('defaults')}</h2>
        {settings ? (
          <>
            <Switch
              id="opt-enabled"
              label={t('switchGlobal')}
              checked={settings.enabled}
              onChange={(enabled) => props.onSettings({ enabled })}
            />
            <Switch
              id="opt-quotes"
              label={t('switchQuotes')}
              checked={settings.quotes}
              onChange={(quotes) => props.onSettings({ quotes })}
            />
            <Switch
              id="opt-entities"
              label={t('switchEntities')}
              checked={settings.entities}
              onChange={(entities) => props.onSettings({ entities })}
            />
            <fieldset class="kinds" data-testid="kinds">
              <legend>{t('kindsHeading')}</legend>
              {ENTITY_KINDS.map((kind) => (
                <Switch
                  key={kind}
                  id={`opt-kind-${kind}`}
                  label={t(`kinds_${kind}` as const)}
                  checked={settings[KIND_SETTING[kind]]}
                  onChange={(on) => {
                    const change: Partial<Settings> = {};
                    change[KIND_SETTING[kind]] = on;
                    props.onSettings(change);
                  }}
                />
              ))}
              <Switch
                id="opt-countries"
                label={t('switchCountries')}
                checked={settings.countries}
                describedBy="mentions-hint"
                onChange={(countries) => props.onSettings({ countries })}
              />
            </fieldset>
            <Switch
              id="opt-all-mentions"
              label={t('switchAllMentions')}
              checked={settings.allMentions}
              describedBy="mentions-hint"
              onChange={(allMentions) => props.onSettings({ allMentions })}
            />
            <p class="muted small" id="mentions-hint">
              {t('mentionsHint')}
            </p>
            <Switch
              id="opt-click-only"
              label={t('switchClickOnly')}
              checked={settings.clickOnly}
              describedBy="click-only-hint"
              onChange={(clickOnly) => props.onSettings({ clickOnly })}
            />
            <p class="muted small" id="click-only-hint">
              {t('clickOnlyHint')}
            </p>
          </>
        ) : (
          <p class="muted">{t('loading')}</p>
        )}
      </section>

      <section aria-labelledby="sites-heading">
        <h2 id="sites-heading">{t('sites')}</h2>
        {sites.length === 0 ? <p class="muted">{t('noSites')}</p> : null}
        <ul class="sites" data-testid="sites">
          {sites.map((site) => (
            <li key={site.host}>
              <span class="host">{site.host}</span>
              <select
                aria-label={t('siteChoiceFor', site.host)}
                value={site.choice}
                onChange={(event) =>
                  props.onSite(
                    site.host,
                    (event.currentTarget as HTMLSelectElement).value as SiteChoice,
                  )
                }
              >
                <option value="always">{t('siteAlways')}</option>
                <option value="never">{t('siteNever')}</option>
              </select>
              <button
                type="button"
                onClick={() => props.onSite(site.host, null)}
                aria-label={t('removeSite', site.host)}
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
        <form
          class="add-site"
          onSubmit={(event) => {
            event.preventDefault();
            const host = newHost.trim().toLowerCase();
            if (host) {
              props.onSite(host, newChoice);
              setNewHost('');
            }
          }}
        >
          <label>
            <span>{t('addSite')}</span>
            <input
              type="text"
              value={newHost}
              placeholder="example.com"
              onInput={(event) => setNewHost((event.currentTarget as HTMLInputElement).value)}
            />
          </label>
          <select
            aria-label={t('siteChoice')}
            value={newChoice}
            onChange={(event) =>
              setNewChoice((event.currentTarget as HTMLSelectElement).value as SiteChoice)
            }
          >
            <option value="always">{t('siteAlways')}</option>
            <option value="never">{t('siteNever')}</option>
          </select>
          <button type="submit">{t('add')}</button>
        </form>
        <NoticeLine notice={props.sitesNotice} testId="sites-notice" />
      </section>

      <section aria-labelledby="kb-heading">
        <h2 id="kb-heading">{t('kbBrowser')}</h2>
        <NoticeLine notice={props.kbNotice} testId="kb-notice" />
        <KbBrowser
          browse={props.kbBrowse}
          results={props.kbResults}
          card={card}
          onSearch={props.onSearch}
          onOpen={props.onOpen}
          onCloseCard={props.onCloseCard}
        />
      </section>

      <section aria-labelledby="clippings-heading">
        <h2 id="clippings-heading">{t('clippings')}</h2>
        {clippings.length === 0 ? <p class="muted">{t('noClippings')}</p> : null}
        <ul class="clippings" data-testid="clippings">
          {clippings.map((clipping) => (
            <li key={clipping.id} data-testid="clipping">
              <blockquote>{clipping.text}</blockquote>
              {clipping.speaker ? <p class="small">— {clipping.speaker}</p> : null}
              {clipping.page ? (
                <p class="small clip-page" data-testid="clip-page">
                  {t('clippingFromPage')}: {formatPageSource(clipping.page)},{' '}
                  <a href={clipping.page.url} target="_blank" rel="noopener noreferrer">
                    {clipping.page.url}
                  </a>
                </p>
              ) : (
                <p class="small muted">
                  {clipping.corpus.length > 0 ? t('clippingFromKb') : t('clippingNoPage')}
                </p>
              )}
              {clipping.corpus.length > 0 ? (
                <div class="clip-corpus" data-testid="clip-corpus">
                  <p class="small" id={`clip-corpus-${clipping.id}`}>
                    {t('clippingInCorpus')}
                  </p>
                  <ul class="small" aria-labelledby={`clip-corpus-${clipping.id}`}>
                    {clipping.corpus.map((wording, i) => (
                      <li key={i}>
                        <span class="outlet">{formatCorpusSource(wording)}</span>:{' '}
                        {wording.text ? (
                          <q>{wording.text}</q>
                        ) : (
                          <span class="muted">{t('clippingWordingNotKept')}</span>
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <button
                type="button"
                onClick={() => props.onRemoveClipping(clipping.id)}
                aria-label={t('removeClipping', clipping.text.slice(0, 40))}
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
        <div class="actions">
          <button
            type="button"
            onClick={() => props.onExport('markdown')}
            disabled={clippings.length === 0}
          >
            {t('exportMarkdown')}
          </button>
          <button
            type="button"
            onClick={() => props.onExport('json')}
            disabled={clippings.length === 0}
          >
            {t('exportJson')}
          </button>
          <label class="file">
            <span>{t('importJson')}</span>
            <input
              type="file"
              accept="application/json,.json"
              data-testid="import-file"
              onChange={(event) => {
                const input = event.currentTarget as HTMLInputElement;
                const file = input.files?.[0];
                if (file) props.onImport(file);
                input.value = '';
              }}
            />
          </label>
        </div>
        <NoticeLine notice={props.clippingsNotice} testId="clippings-notice" />
      </section>
    </main>
  );
}
