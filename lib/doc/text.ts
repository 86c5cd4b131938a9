/** The text layer of the document model: one tokenization, paragraphs and sentences. */
import { paragraphsOf, sentencesOf } from './sentences';
import { isWord, tokenize } from './tokens';
import type { DocText } from './types';

export function readText(text: string): DocText {
  const tokens = tokenize(text);
  const paragraphs = paragraphsOf(text, tokens);
  const sentences = sentencesOf(text, tokens, paragraphs);
  const sentenceOfToken = new Int32Array(tokens.length).fill(-1);
  sentences.forEach((s, i) => sentenceOfToken.fill(i, s.from, s.to));
  return { text, tokens, words: tokens.filter(isWord), paragraphs, sentences, sentenceOfToken };
}
