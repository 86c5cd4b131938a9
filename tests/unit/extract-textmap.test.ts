import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { gate } from '../../lib/dom/gate';
import { buildTextMap, positionAt, rangeFor, textMapOfParagraphs } from '../../lib/dom/textmap';

const doc = (html: string) => new JSDOM(html).window.document;

describe('text maps', () => {
  it('maps chosen paragraphs with one newline between them and line breaks inside nodes as spaces', () => {
    const d = doc('<p id="a">One\nline <b>bold</b> end</p><p id="b">Two</p>');
    const a = d.getElementById('a')!;
    const b = d.getElementById('b')!;
    const nodes = (el: Element) =>
      Array.from(el.childNodes).flatMap((n) =>
        n.nodeType === 3 ? [n as Text] : (Array.from(n.childNodes) as Text[]),
      );
    const map = textMapOfParagraphs([nodes(a), nodes(b)]);
    expect(map.text).toBe('One line bold end\nTwo');
    expect(map.starts).toEqual([0, 9, 13, 18]);
    const range = rangeFor(map, 9, 13)!;
    expect(range.toString()).toBe('bold');
    const position = positionAt(map, 18, 'start')!;
    expect(position.node).toBe(b.firstChild);
    expect(position.offset).toBe(0);
  });

  it('gives buildTextMap the same flattening, so "\\n" only ever marks a block', () => {
    const map = buildTextMap([doc('<div>a\nb<p>c</p></div>').body]);
    expect(map.text).toBe('a b\nc');
  });

  it('stops at maxChars', () => {
    const d = doc('<p>aaaa</p><p>bbbb</p><p>cccc</p>');
    const paragraphs = Array.from(d.querySelectorAll('p')).map((p) => [p.firstChild as Text]);
    expect(textMapOfParagraphs(paragraphs, { maxChars: 5 }).text).toBe('aaaa\nbbbb');
  });
});

describe('gate', () => {
  const long = (n: number) =>
    Array.from(
      { length: n },
      (_, i) =>
        `<p>Paragraph ${i} of an article that is long enough to count as real text here.</p>`,
    ).join('');

  it('passes a page with several article-length paragraphs and stops one without', () => {
    expect(gate(doc(`<body>${long(10)}</body>`)).passed).toBe(true);
    expect(gate(doc(`<body>${long(2)}</body>`))).toMatchObject({ passed: false });
    expect(gate(doc(`<body><nav>${long(10)}</nav></body>`)).passed).toBe(false);
  });

  it('counts CMS paragraph blocks, <br>-broken text and CJK text', () => {
    const divs = Array.from(
      { length: 14 },
      (_, i) =>
        `<div class="zn-body__paragraph">Paragraph ${i} of an article that is long enough to count here.</div>`,
    ).join('');
    expect(gate(doc(`<body>${divs}</body>`)).passed).toBe(true);
    const zh = Array.from(
      { length: 6 },
      () =>
        '<p>美国国务卿布林肯18日抵达北京，开始对中国进行为期两天的访问，双方就中美关系交换了意见。</p>',
    ).join('');
    expect(gate(doc(`<body>${zh}</body>`)).passed).toBe(true);
    // An old table layout: the whole story in one <font>, paragraphs set apart by <br><br> on
    // one source line, one of them in a <b> with a break of its own.
    const piece = (i: number) =>
      `Paragraph ${i} of an old-layout story, long enough to count as article text here, and more.`;
    const font = `<table><tr><td><font>${piece(1)}<br><br>${piece(2)}<br><br><b>${piece(3)}<br>${piece(4)}</b><br><br>${piece(5)}<br><br>${piece(6)}<br><br>${piece(7)}<br><br>${piece(8)}</font></td></tr></table>`;
    const result = gate(doc(`<body>${font}</body>`));
    expect(result).toMatchObject({ passed: true });
    expect(result.reason).toMatch(/^\d+ paragraphs/);
    expect(Number(result.reason.split(' ')[0])).toBeGreaterThanOrEqual(3);
    expect(gate(doc(`<body><font>${piece(1)}<br><br>${piece(2)}</font></body>`)).passed).toBe(
      false,
    );
  });
});
