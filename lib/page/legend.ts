/**
 * What each highlight looks like, for the popup's legend: the same colours and line styles as
 * entrypoints/content/highlights.css, which a unit test keeps equal to this list. Colours are
 * also named in words, so the legend reads the same to a screen reader and to a reader who does
 * not tell the colours apart.
 */
import type { HighlightKind } from './highlighter';

export type LineStyle = 'solid' | 'dashed' | 'dotted' | 'double' | 'wavy';

export interface LegendEntry {
  kind: HighlightKind;
  /** A background tint (key quotes) or an underline of this style. */
  mark: 'tint' | LineStyle;
  /** The colour on light pages and on dark ones, as highlights.css writes it. */
  light: string;
  dark: string;
}

export const LEGEND: readonly LegendEntry[] = [
  {
    kind: 'quote',
    mark: 'tint',
    light: 'rgba(255, 196, 0, 0.38)',
    dark: 'rgba(255, 200, 40, 0.28)',
  },
  { kind: 'person', mark: 'solid', light: '#1f5fbf', dark: '#7fb2ff' },
  { kind: 'organization', mark: 'dashed', light: '#0f7b6c', dark: '#5fd3bd' },
  { kind: 'place', mark: 'dotted', light: '#8a4fbf', dark: '#c9a2f2' },
  { kind: 'event', mark: 'double', light: '#b3541e', dark: '#ffa36b' },
  { kind: 'concept', mark: 'wavy', light: '#6b6f76', dark: '#b4b9c1' },
];
