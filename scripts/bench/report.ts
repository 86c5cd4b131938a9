/** The bench's human outputs: the table on stdout and the SVG chart of time against text size. */
import type { BudgetResult, PageResult } from './result';

const ms = (value: number | null, digits = 2) => (value === null ? '–' : value.toFixed(digits));
const times = (value: number | null) => (value === null ? '–' : `${value.toFixed(2)}×`);

function cut(text: string, width: number): string {
  return text.length <= width ? text : `…${text.slice(text.length - width + 1)}`;
}

/** Readable page names: benchmark folders are long hashes, 12 characters tell them apart. */
export function shortName(name: string): string {
  return name.replace(/^article-extraction-benchmark\/([0-9a-f]{12})[0-9a-f]+$/, 'aeb/$1');
}

const COLUMNS: [string, number][] = [
  ['page', 30],
  ['chars', 9],
  ['act', 3],
  ['floor', 8],
  ['gate', 7],
  ['g/f', 6],
  ['code', 6],
  ['read', 7],
  ['analyse', 8],
  ['hl', 7],
  ['main', 7],
  ['first', 6],
  ['total', 8],
  ['t/f', 7],
  ['task', 7],
  ['heap kB', 8],
  ['mark.js', 9],
  ['readab.', 8],
];

export function table(pages: readonly PageResult[]): string {
  const row = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(COLUMNS[i]![1]) : cell.padStart(COLUMNS[i]![1])))
      .join(' ');
  const lines = [row(COLUMNS.map(([title]) => title))];
  for (const p of pages) {
    const mark =
      p.markjsMs === null
        ? '–'
        : `${p.markjs?.capped ? '~' : ''}${p.markjsMs.toFixed(p.markjsMs >= 100 ? 0 : 1)}`;
    lines.push(
      row([
        cut(shortName(p.name), COLUMNS[0]![1]),
        String(p.chars),
        p.active === null ? '?' : p.active ? 'yes' : p.usChina ? 'NO!' : 'no',
        ms(p.floorMs),
        ms(p.gateMs, 3),
        times(p.ratios.gate),
        ms(p.codeMs),
        ms(p.readMs),
        ms(p.analysisMs),
        ms(p.highlightMs),
        ms(p.mainThreadMs),
        ms(p.firstHighlightMs, 0),
        ms(p.totalMs),
        times(p.ratios.total),
        ms(p.longestTaskMs, 1),
        p.heapBytes === null ? '–' : (p.heapBytes / 1000).toFixed(0),
        mark,
        ms(p.readabilityMs, 1),
      ]),
    );
  }
  return lines.join('\n');
}

export function budgetLines(budgets: readonly BudgetResult[]): string {
  return budgets
    .map((b) => `${b.pass === null ? 'N/A ' : b.pass ? 'PASS' : 'FAIL'}  ${b.rule}: ${b.measured}`)
    .join('\n');
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

interface Series {
  label: string;
  color: string;
  points: { x: number; y: number; hollow: boolean; name: string }[];
}

/**
 * Time against text size on log–log axes: our pipeline (everything that ran on the page), the
 * bare text pass, and mark.js (hollow where the run hit its time cap and the time is an
 * estimate from the keywords it finished).
 */
export function chartSvg(pages: readonly PageResult[], caption: string): string {
  const width = 800;
  const height = 500;
  const margin = { left: 70, right: 50, top: 40, bottom: 76 };
  const series: Series[] = [
    {
      label: 'mark.js, same names and quotes',
      color: '#c0392b',
      points: pages
        .filter((p) => p.markjsMs !== null && p.markjsMs > 0)
        .map((p) => ({
          x: p.chars,
          y: p.markjsMs!,
          hollow: Boolean(p.markjs?.capped),
          name: p.name,
        })),
    },
    {
      label: 'Bilateral: gate, code and index load, annotate, highlight',
      color: '#1f5fbf',
      points: pages
        .filter((p) => p.totalMs !== null && p.totalMs > 0)
        .map((p) => ({ x: p.chars, y: p.totalMs!, hollow: !p.active, name: p.name })),
    },
    {
      label: 'floor: bare text pass',
      color: '#6b6f76',
      points: pages
        .filter((p) => p.floorMs > 0)
        .map((p) => ({ x: p.chars, y: p.floorMs, hollow: false, name: p.name })),
    },
  ];
  const all = series.flatMap((s) => s.points).filter((p) => p.x > 0);
  const decade = (v: number, up: boolean) =>
    10 ** (up ? Math.ceil(Math.log10(v)) : Math.floor(Math.log10(v)));
  const xMin = decade(Math.min(...all.map((p) => p.x), 1000), false);
  const xMax = decade(Math.max(...all.map((p) => p.x), 10000), true);
  const yMin = decade(Math.min(...all.map((p) => p.y), 0.1), false);
  const yMax = decade(Math.max(...all.map((p) => p.y), 100), true);
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const sx = (x: number) =>
    margin.left +
    ((Math.log10(x) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))) * plotW;
  const sy = (y: number) =>
    margin.top +
    plotH -
    ((Math.log10(y) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * plotH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="t d" font-family="system-ui, sans-serif" font-size="12">`,
    `<title id="t">Bilateral bench: time against text size</title>`,
    `<desc id="d">${escapeXml(caption)}</desc>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin.left}" y="22" font-size="14" font-weight="600" fill="#222">Time per page against visible text (log–log)</text>`,
  ];
  const label = (v: number) => (v >= 1 ? String(v) : v.toPrecision(1));
  for (let v = xMin; v <= xMax * 1.0001; v *= 10) {
    const x = sx(v).toFixed(1);
    out.push(
      `<line x1="${x}" y1="${margin.top}" x2="${x}" y2="${margin.top + plotH}" stroke="#e3e3e3"/>`,
    );
    out.push(
      `<text x="${x}" y="${margin.top + plotH + 16}" text-anchor="middle" fill="#444">${v.toLocaleString('en-US')}</text>`,
    );
  }
  for (let v = yMin; v <= yMax * 1.0001; v *= 10) {
    const y = sy(v).toFixed(1);
    out.push(
      `<line x1="${margin.left}" y1="${y}" x2="${margin.left + plotW}" y2="${y}" stroke="#e3e3e3"/>`,
    );
    out.push(
      `<text x="${margin.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle" fill="#444">${label(v)}</text>`,
    );
  }
  out.push(
    `<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
  );
  out.push(
    `<text x="${margin.left + plotW / 2}" y="${margin.top + plotH + 36}" text-anchor="middle" fill="#222">characters of visible text</text>`,
  );
  out.push(
    `<text transform="translate(18 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle" fill="#222">milliseconds (median)</text>`,
  );
  for (const s of series) {
    out.push(`<g fill="${s.color}" stroke="${s.color}">`);
    for (const p of s.points) {
      out.push(
        `<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="2.6"${p.hollow ? ' fill="none"' : ''} stroke-width="1"><title>${escapeXml(`${p.name}: ${p.y.toFixed(2)} ms, ${p.x} chars`)}</title></circle>`,
      );
    }
    out.push('</g>');
  }
  series.forEach((s, i) => {
    const y = margin.top + 14 + i * 16;
    const x = margin.left + 10;
    out.push(`<circle cx="${x}" cy="${y}" r="4" fill="${s.color}"/>`);
    out.push(
      `<text x="${x + 10}" y="${y}" dominant-baseline="middle" fill="#222">${escapeXml(s.label)}</text>`,
    );
  });
  out.push(
    `<text x="${margin.left}" y="${height - 20}" fill="#666" font-size="10">Hollow: mark.js stopped at its time cap (time estimated from the keywords it finished); Bilateral on a page it leaves alone.</text>`,
    `<text x="${margin.left}" y="${height - 6}" fill="#666" font-size="10">${escapeXml(caption)}</text>`,
  );
  out.push('</svg>');
  return out.join('\n') + '\n';
}
