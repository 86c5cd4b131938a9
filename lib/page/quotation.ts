/**
 * A quotation as a reader is shown it and saves it (cards, popup, clippings): without the
 * comma, semicolon or colon the article's own sentence put inside the marks ("…Cold War," she
 * said). The speaker's own full stop, question or exclamation mark stays.
 */
export function quotationAsShown(text: string): string {
  return text.replace(/[\s,;:\uff0c\uff1b\uff1a\u3001]+$/u, '');
}
