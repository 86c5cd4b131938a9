/**
 * The day a page says it was published: its article metadata, its JSON-LD, or the first
 * machine-readable date of its markup. Quote linking weighs a statement's date against it.
 */
const META_KEYS = [
  'article:published_time',
  'datePublished',
  'date',
  'pubdate',
  'publishdate',
  'DC.date.issued',
  'dcterms.created',
  'parsely-pub-date',
  'sailthru.date',
];

const DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** YYYY-MM-DD from an ISO date or date-time, or null. */
export function isoDay(value: string | null | undefined): string | null {
  const m = DAY.exec((value ?? '').trim());
  if (!m) return null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function fromJsonLd(doc: Document): string | null {
  const scripts = doc.getElementsByTagName('script');
  for (let i = 0; i < scripts.length; i++) {
    const script = scripts[i]!;
    if ((script.getAttribute('type') ?? '').trim().toLowerCase() !== 'application/ld+json')
      continue;
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const found = findDate(data, 0);
    if (found) return found;
  }
  return null;
}

function findDate(value: unknown, depth: number): string | null {
  if (depth > 5 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findDate(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  const own = typeof record['datePublished'] === 'string' ? isoDay(record['datePublished']) : null;
  if (own) return own;
  return findDate(record['@graph'], depth + 1);
}

export function publishedDay(doc: Document): string | null {
  const metas = doc.getElementsByTagName('meta');
  for (let i = 0; i < metas.length; i++) {
    const meta = metas[i]!;
    const key =
      meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop');
    if (key && META_KEYS.includes(key)) {
      const day = isoDay(meta.getAttribute('content'));
      if (day) return day;
    }
  }
  const ld = fromJsonLd(doc);
  if (ld) return ld;
  const times = doc.getElementsByTagName('time');
  for (let i = 0; i < times.length; i++) {
    const day = isoDay(times[i]!.getAttribute('datetime'));
    if (day) return day;
  }
  return null;
}
