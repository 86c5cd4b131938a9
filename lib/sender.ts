/**
 * Who sent a runtime message. Only Bilateral's own contexts are trusted; web pages never reach
 * the background (there is no `externally_connectable`), but the check does not rely on that.
 */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

export type CallerKind = 'content' | 'extension';

export function callerKind(
  sender: SenderInfo,
  extensionId: string,
  extensionOrigin: string,
): CallerKind | null {
  if (sender.id !== extensionId) return null;
  if (sender.url?.startsWith(extensionOrigin)) return 'extension';
  if (sender.tab?.id !== undefined) return 'content';
  return null;
}
