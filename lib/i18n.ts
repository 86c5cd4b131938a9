/** UI strings come from the `_locales` folders; this is the typed key set views ask for. */
import type en from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;
export type Translate = (key: MessageKey, substitutions?: string | string[]) => string;
