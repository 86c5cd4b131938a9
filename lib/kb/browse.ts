/**
 * The knowledge base arranged for reading it whole (the settings page's browser): entities by
 * kind, A to Z; the timeline as dated; the disagreements of substance before those that are only
 * errors in a source's text; every statement with each outlet's wording, earliest first. Names
 * and outlets are resolved here so the view only lays them out.
 */
import type { Discrepancy, Entity, EntityType, KnowledgeBase, Source } from './types';

export const BROWSE_KINDS: readonly EntityType[] = [
  'person',
  'organization',
  'place',
  'event',
  'concept',
];

export interface EntityRow {
  id: string;
  name: string;
  role: string;
  /** An event's date, as the KB gives it. */
  date: string | null;
}

export interface SourceRef {
  id: string;
  outlet: string;
  date: string;
}

export interface Wording {
  text: string;
  source: SourceRef;
}

export interface EntityRef {
  id: string;
  name: string;
}

export interface TimelineRow {
  id: string;
  date: string;
  title: string;
  /** The entity whose card tells this entry, when the KB has one. */
  entity: EntityRef | null;
  /** Other entities it involves. */
  involves: EntityRef[];
  /** The words of each source that date it. */
  excerpts: Wording[];
}

export interface ClaimRow {
  value: string;
  /** Set when the claim is an error in a source's text: which error, in words. */
  error: string | null;
  sources: SourceRef[];
  excerpts: Wording[];
}

export interface DisagreementRow {
  id: string;
  subject: string;
  /** Two or more claims are not errors: the sources differ on what happened. */
  substance: boolean;
  claims: ClaimRow[];
  /** The entities it concerns; the first one's card lists it. */
  about: EntityRef[];
}

export interface StatementRow {
  id: string;
  date: string;
  /** The speaker the KB knows, else the name a source gives, else null. */
  speaker: string | null;
  speakerId: string | null;
  occasion: string | null;
  wordings: Wording[];
}

export interface KbBrowse {
  kinds: Record<EntityType, EntityRow[]>;
  timeline: TimelineRow[];
  disagreements: DisagreementRow[];
  statements: StatementRow[];
}

const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });

export function browseKb(kb: KnowledgeBase): KbBrowse {
  const sources = new Map(kb.sources.map((s) => [s.id, s]));
  const entities = new Map(kb.entities.map((e) => [e.id, e]));
  const sourceRef = (id: string): SourceRef => {
    const source: Source | undefined = sources.get(id);
    return { id, outlet: source?.outlet ?? id, date: source?.date ?? '' };
  };
  const entityRef = (id: string): EntityRef | null => {
    const entity: Entity | undefined = entities.get(id);
    return entity ? { id, name: entity.name } : null;
  };
  const refs = (ids: readonly string[]) =>
    ids.map(entityRef).filter((r): r is EntityRef => r !== null);
  const wordings = (excerpts: readonly { source: string; text: string }[] | undefined) =>
    (excerpts ?? []).map((x) => ({ text: x.text, source: sourceRef(x.source) }));

  const kinds = Object.fromEntries(BROWSE_KINDS.map((k) => [k, [] as EntityRow[]])) as Record<
    EntityType,
    EntityRow[]
  >;
  for (const e of kb.entities) {
    kinds[e.type].push({ id: e.id, name: e.name, role: e.role, date: e.date ?? null });
  }
  for (const kind of BROWSE_KINDS) kinds[kind].sort(byName);

  const timeline = [...kb.events]
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))
    .map((event): TimelineRow => {
      const entity = event.entity ? entityRef(event.entity) : null;
      return {
        id: event.id,
        date: event.date,
        title: event.title,
        entity,
        involves: refs((event.entities ?? []).filter((id) => id !== event.entity)),
        excerpts: wordings(event.excerpts),
      };
    });

  const disagreementRow = (d: Discrepancy): DisagreementRow => ({
    id: d.id,
    subject: d.subject,
    substance: d.claims.filter((c) => !c.error).length >= 2,
    claims: d.claims.map((c) => ({
      value: c.value,
      error: c.error ?? null,
      sources: c.sources.map(sourceRef),
      excerpts: wordings(c.excerpts),
    })),
    about: refs(d.entities ?? []),
  });
  const rows = kb.discrepancies.map(disagreementRow);
  // Substance first, as on the cards; the KB's order within each.
  const disagreements = [...rows.filter((r) => r.substance), ...rows.filter((r) => !r.substance)];

  const statements = [...kb.quotes]
    .map((q): StatementRow => {
      const speaker = q.speaker ? entities.get(q.speaker) : undefined;
      return {
        id: q.id,
        date: q.date,
        speaker: speaker?.name ?? q.speakerName ?? null,
        speakerId: speaker ? speaker.id : null,
        occasion: q.occasion ?? null,
        wordings: q.variants
          .map((v) => ({ text: v.text, source: sourceRef(v.source) }))
          .sort((a, b) => a.source.date.localeCompare(b.source.date)),
      };
    })
    .sort(
      (a, b) =>
        a.date.localeCompare(b.date) ||
        (a.speaker ?? '').localeCompare(b.speaker ?? '') ||
        a.id.localeCompare(b.id),
    );

  return { kinds, timeline, disagreements, statements };
}
