import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Source } from '../../lib/kb/types';
import type { PagePlace } from '../../lib/page/cards';
import { useT } from '../i18n';

export interface CardFrameProps {
  /** A stable id for aria-labelledby. */
  id: string;
  kind: string;
  title: string;
  subtitle?: string;
  onClose: () => void;
  /** Move focus into the card when it opens (keyboard and click); pointing leaves focus alone. */
  autoFocus?: boolean;
  children: ComponentChildren;
}

/** The frame every card shares: a labelled dialog with a close button. */
export function CardFrame({
  id,
  kind,
  title,
  subtitle,
  onClose,
  autoFocus,
  children,
}: CardFrameProps) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  // Layout effect: focus moves as the card appears, not a frame later.
  useLayoutEffect(() => {
    if (autoFocus) heading.current?.focus();
  }, [autoFocus, id]);
  return (
    <section
      class={`card card-${kind}`}
      role="dialog"
      aria-labelledby={`${id}-title`}
      data-card={kind}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <header class="card-head">
        <div>
          <p class="card-kind">{t(`kind_${kind}` as 'kind_quote')}</p>
          <h2 id={`${id}-title`} tabIndex={-1} ref={heading}>
            {title}
          </h2>
          {subtitle ? <p class="card-sub">{subtitle}</p> : null}
        </div>
        <button
          type="button"
          class="icon"
          aria-label={t('close')}
          title={t('close')}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <div class="card-body">{children}</div>
    </section>
  );
}

/** "Reuters, 2023-06-19" for each source. */
export function Cite({ sources }: { sources: readonly Source[] }) {
  if (sources.length === 0) return null;
  return (
    <span class="cite">
      {sources.map((source, i) => (
        <span key={source.id}>
          {i > 0 ? '; ' : ''}
          <span class="outlet">{source.outlet}</span>,{' '}
          <time dateTime={source.date}>{source.date}</time>
        </span>
      ))}
    </span>
  );
}

export interface PageStepProps {
  place: PagePlace;
  onStep: (direction: 1 | -1) => void;
}

/** "3 of 7 on this page" with previous/next. */
export function PageStep({ place, onStep }: PageStepProps) {
  const t = useT();
  return (
    <nav class="page-step" aria-label={t('onThisPage')}>
      <button type="button" onClick={() => onStep(-1)} disabled={place.count < 2}>
        {t('previous')}
      </button>
      <span aria-live="polite">
        {t('placeOnPage', [String(place.index + 1), String(place.count)])}
      </span>
      <button type="button" onClick={() => onStep(1)} disabled={place.count < 2}>
        {t('next')}
      </button>
    </nav>
  );
}

export function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="card-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}
