import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import {
  BROWSE_KINDS,
  type DisagreementRow,
  type EntityRef,
  type KbBrowse,
  type StatementRow,
  type TimelineRow,
  type Wording,
} from '../lib/kb/browse';
import type { EntityType } from '../lib/kb/types';
import { useT } from './i18n';

/** What an item opens: the card of an entity or of a statement (a quote cluster). */
export interface KbTarget {
  type: 'entity' | 'quote';
  id: string;
}

export interface KbHit {
  key: string;
  title: string;
  /** What kind of item, in words. */
  detail: string;
  /** The KB's words that matched, when they are not the title. */
  snippet: string | null;
  card: KbTarget | null;
}

export type KbSection = EntityType | 'timeline' | 'disagreements' | 'statements';
export const KB_SECTIONS: readonly KbSection[] = [
  ...BROWSE_KINDS,
  'timeline',
  'disagreements',
  'statements',
];

export interface KbBrowserProps {
  browse: KbBrowse | null;
  /** Null before any search; the query is what was searched. */
  results: { query: string; hits: KbHit[] } | null;
  /** The open card, rendered under the item that opened it. */
  card: ComponentChildren | null;
  onSearch: (query: string) => void;
  onOpen: (target: KbTarget) => void;
  onCloseCard: () => void;
}

function Words({ wordings }: { wordings: readonly Wording[] }) {
  return (
    <ul class="kb-words small">
      {wordings.map((w, i) => (
        <li key={i}>
          <q>{w.text}</q> <span class="muted">— </span>
          <span class="outlet">{w.source.outlet}</span>,{' '}
          <time dateTime={w.source.date}>{w.source.date}</time>
        </li>
      ))}
    </ul>
  );
}

/**
 * The settings page's knowledge base: a search over all of it, and every entity by kind, the
 * timeline, the disagreements and the statements as tabs. Each item opens the card the page
 * shows for it, under the item; closing the card gives focus back to what opened it.
 */
export function KbBrowser(props: KbBrowserProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [section, setSection] = useState<KbSection>('person');
  /** The item whose card is open (its key), and the element to give focus back to. */
  const [openedBy, setOpenedBy] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({});
  const cardOpen = props.card !== null;
  const wasOpen = useRef(false);

  // A layout effect: focus returns as the card goes, not a frame later.
  useLayoutEffect(() => {
    // The card went away (closed by its button or Esc): focus returns to the item.
    if (wasOpen.current && !cardOpen) {
      // Only when focus went with the card: a new search closes it too, and must keep focus.
      const at = document.activeElement;
      if (!at || at === document.body || !at.isConnected) opener.current?.focus();
      setOpenedBy(null);
    }
    wasOpen.current = cardOpen;
  }, [cardOpen]);

  const open = (key: string, target: KbTarget, event: Event) => {
    opener.current = event.currentTarget as HTMLElement;
    setOpenedBy(key);
    props.onOpen(target);
  };
  const cardAt = (key: string) =>
    openedBy === key && props.card ? <div class="kb-card">{props.card}</div> : null;
  // A plain function, not a component: a component made in render would be a new type each
  // render, remounting the button that has focus (and that focus must return to).
  const openButton = (
    itemKey: string,
    target: KbTarget,
    children: ComponentChildren,
    label?: string,
  ) => (
    <button
      type="button"
      class="link"
      aria-label={label}
      aria-expanded={openedBy === itemKey && cardOpen}
      onClick={(event) => open(itemKey, target, event)}
    >
      {children}
    </button>
  );
  const entityButtons = (prefix: string, refs: readonly EntityRef[]) =>
    refs.map((ref, i) => (
      <span key={ref.id}>
        {i > 0 ? ', ' : ''}
        {openButton(`${prefix}:${ref.id}`, { type: 'entity', id: ref.id }, ref.name)}
      </span>
    ));

  const label = (s: KbSection) =>
    s === 'timeline'
      ? t('kbTimeline')
      : s === 'disagreements'
        ? t('kbDisagreements')
        : s === 'statements'
          ? t('kbStatements')
          : t(`kinds_${s}` as const);
  const count = (s: KbSection, b: KbBrowse) =>
    s === 'timeline'
      ? b.timeline.length
      : s === 'disagreements'
        ? b.disagreements.length
        : s === 'statements'
          ? b.statements.length
          : b.kinds[s].length;

  const choose = (next: KbSection) => {
    setSection(next);
    tabs.current[next]?.focus();
  };
  const onTabKey = (event: KeyboardEvent) => {
    const at = KB_SECTIONS.indexOf(section);
    const to =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? (at + 1) % KB_SECTIONS.length
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? (at - 1 + KB_SECTIONS.length) % KB_SECTIONS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? KB_SECTIONS.length - 1
              : -1;
    if (to < 0) return;
    event.preventDefault();
    choose(KB_SECTIONS[to]!);
  };

  const timelineItem = (row: TimelineRow) => (
    <li key={row.id} data-testid="kb-timeline-item">
      <div>
        <time dateTime={/^\d{4}(-\d{2}){0,2}$/.test(row.date) ? row.date : undefined}>
          {row.date}
        </time>{' '}
        {row.entity ? (
          openButton(`timeline:${row.id}`, { type: 'entity', id: row.entity.id }, row.title)
        ) : (
          <span>{row.title}</span>
        )}
      </div>
      {row.involves.length > 0 ? (
        <p class="small">
          <span class="muted">{t('kbOpenCardOf')}: </span>
          {entityButtons(`timeline:${row.id}`, row.involves)}
        </p>
      ) : null}
      {row.excerpts.length > 0 ? (
        <details class="small">
          <summary>{t('kbSourcesWords')}</summary>
          <Words wordings={row.excerpts} />
        </details>
      ) : null}
      {cardAt(`timeline:${row.id}`)}
      {row.involves.map((ref) => cardAt(`timeline:${row.id}:${ref.id}`))}
    </li>
  );

  const disagreementItem = (row: DisagreementRow) => (
    <li key={row.id} data-testid="kb-disagreement">
      <h3 class="kb-subject">{row.subject}</h3>
      <p class="small muted">{row.substance ? t('kbSubstance') : t('kbOnlyErrors')}</p>
      <ul class="kb-claims">
        {row.claims.map((claim, i) => (
          <li key={i} class={claim.error ? 'kb-claim-error' : undefined}>
            <strong>{claim.value}</strong>{' '}
            <span class="small">({claim.sources.map((s) => s.outlet).join(', ')})</span>
            {claim.error ? <p class="small muted">{t('kbSourceError', claim.error)}</p> : null}
            {claim.excerpts.length > 0 ? <Words wordings={claim.excerpts} /> : null}
          </li>
        ))}
      </ul>
      {row.about.length > 0 ? (
        <p class="small">
          <span class="muted">{t('kbOpenCardOf')}: </span>
          {entityButtons(`disagreement:${row.id}`, row.about)}
        </p>
      ) : null}
      {row.about.map((ref) => cardAt(`disagreement:${row.id}:${ref.id}`))}
    </li>
  );

  const statementItem = (row: StatementRow) => {
    const speaker = row.speaker ?? t('kbNoSpeaker');
    return (
      <li key={row.id} data-testid="kb-statement">
        <div>
          {openButton(
            `statement:${row.id}`,
            { type: 'quote', id: row.id },
            speaker,
            t('kbOpenStatement', speaker),
          )}{' '}
          <time class="muted small" dateTime={row.date}>
            {row.date}
          </time>
          {row.occasion ? <span class="muted small"> · {row.occasion}</span> : null}
        </div>
        <Words wordings={row.wordings} />
        {cardAt(`statement:${row.id}`)}
      </li>
    );
  };

  const panel = (b: KbBrowse) => {
    if (section === 'timeline') {
      return <ol class="kb-list kb-timeline">{b.timeline.map(timelineItem)}</ol>;
    }
    if (section === 'disagreements') {
      return <ul class="kb-list">{b.disagreements.map(disagreementItem)}</ul>;
    }
    if (section === 'statements') {
      return <ul class="kb-list">{b.statements.map(statementItem)}</ul>;
    }
    return (
      <ul class="kb-list" data-testid={`kb-kind-${section}`}>
        {b.kinds[section].map((row) => (
          <li key={row.id}>
            <div>
              {openButton(`entity:${row.id}`, { type: 'entity', id: row.id }, row.name)}
              {row.date ? (
                <span class="muted small">
                  {' '}
                  · <time>{row.date}</time>
                </span>
              ) : null}
            </div>
            {row.role ? <p class="small muted">{row.role}</p> : null}
            {cardAt(`entity:${row.id}`)}
          </li>
        ))}
      </ul>
    );
  };

  return (
    <div class="kb-browser">
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          props.onSearch(query.trim());
        }}
      >
        <label>
          <span>{t('kbSearch')}</span>
          <input
            type="search"
            value={query}
            data-testid="kb-query"
            onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <button type="submit">{t('search')}</button>
      </form>
      {props.results ? (
        <div class="kb-found" role="region" aria-labelledby="kb-found-heading">
          <h3 id="kb-found-heading">{t('kbResultsHeading', props.results.query)}</h3>
          {props.results.hits.length === 0 ? (
            <p class="muted">{t('noResults')}</p>
          ) : (
            <ul class="kb-results" data-testid="kb-results">
              {props.results.hits.map((hit) => (
                <li key={hit.key}>
                  <div>
                    {hit.card ? (
                      openButton(`hit:${hit.key}`, hit.card, hit.title)
                    ) : (
                      <span>{hit.title}</span>
                    )}{' '}
                    <span class="muted small">{hit.detail}</span>
                  </div>
                  {hit.snippet ? (
                    <p class="small kb-snippet">
                      <q>{hit.snippet}</q>
                    </p>
                  ) : null}
                  {cardAt(`hit:${hit.key}`)}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      {/* A card opened by no item here (there is none to put it under) comes first. */}
      {props.card && openedBy === null ? <div class="kb-card">{props.card}</div> : null}
      {props.browse ? (
        <>
          <div class="kb-tabs" role="tablist" aria-label={t('kbSections')}>
            {KB_SECTIONS.map((s) => (
              <button
                key={s}
                type="button"
                role="tab"
                id={`kb-tab-${s}`}
                aria-selected={section === s}
                aria-controls="kb-panel"
                tabIndex={section === s ? 0 : -1}
                ref={(el) => {
                  tabs.current[s] = el;
                }}
                onClick={() => choose(s)}
                onKeyDown={onTabKey}
              >
                {label(s)} <span class="count">({count(s, props.browse!)})</span>
              </button>
            ))}
          </div>
          <div
            class="kb-panel"
            id="kb-panel"
            role="tabpanel"
            aria-labelledby={`kb-tab-${section}`}
            tabIndex={0}
            data-testid="kb-panel"
          >
            {panel(props.browse)}
          </div>
        </>
      ) : (
        <p class="muted">{props.browse === null ? t('loading') : null}</p>
      )}
    </div>
  );
}
