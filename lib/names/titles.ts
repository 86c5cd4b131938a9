/**
 * Titles as order-free words in one language: "China's foreign minister", "der chinesische
 * Außenminister" and "le ministre chinois des Affaires étrangères" all read as "china foreign
 * minister", so a page's title can be compared with a role the page or the knowledge base gives.
 */
import { phraseKey } from '../doc/tokens';

/** Title words in other spellings and languages → one English word (or two, space-separated). */
const ADJECTIVES: Record<string, string> = {
  chinese: 'china',
  american: 'us',
  america: 'us',
  defense: 'defence',
  spokesman: 'spokesperson',
  spokeswoman: 'spokesperson',
  chinesische: 'china',
  chinesischen: 'china',
  chinesischer: 'china',
  chinas: 'china',
  amerikanische: 'us',
  amerikanischen: 'us',
  chinois: 'china',
  chinoise: 'china',
  americain: 'us',
  americaine: 'us',
  aussenminister: 'foreign minister',
  verteidigungsminister: 'defence minister',
  prasident: 'president',
  staatschef: 'president',
  sprecher: 'spokesperson',
  sprecherin: 'spokesperson',
  'porte-parole': 'spokesperson',
  ministre: 'minister',
  etrangeres: 'foreign',
  affaires: '',
  secretaire: 'secretary',
  etat: 'state',
  dirigeant: 'leader',
};
const TITLE_FILLER = new Set(
  'the a an of to top senior his her its der die das des ein eine le la les l un une du de d s'.split(
    ' ',
  ),
);

/** Title words of a role or a page's title phrase, order-free ("China's foreign minister"). */
export function titleWords(text: string): string[] {
  const key = ` ${phraseKey(text)} `
    .replace(/ united states /g, ' us ')
    .replace(/ people s republic of china /g, ' china ');
  const words = key
    .replace(/ß/g, 'ss')
    .trim()
    .split(' ')
    .flatMap((w) => (Object.hasOwn(ADJECTIVES, w) ? ADJECTIVES[w]! : w).split(' '))
    .filter((w) => w && !TITLE_FILLER.has(w));
  return [...new Set(words)];
}
