/**
 * "Where the sources disagree", sorted for a reader: disagreements of substance (how long the
 * talks lasted, what the balloon was) first, and apart from them the errors in a source's text
 * (a misspelt name, the wrong office, a republisher's date line), which the knowledge base marks
 * claim by claim (`Claim.error`). A disagreement keeps its substance when two or more of its
 * claims are not errors; one whose only dissent is an error is an error, not a disagreement.
 */
import type { Claim, Discrepancy } from '../kb/types';

export interface SubstantiveDisagreement {
  discrepancy: Discrepancy;
  /** The claims that disagree in substance, in the knowledge base's order. */
  claims: Claim[];
}

export interface SourceErrors {
  discrepancy: Discrepancy;
  /** The claims that are errors in a source's text. */
  errors: Claim[];
  /** What the other sources print, when the disagreement is nothing but these errors. */
  correct: Claim[];
}

export function sortDisagreements(discrepancies: readonly Discrepancy[]): {
  substance: SubstantiveDisagreement[];
  errors: SourceErrors[];
} {
  const substance: SubstantiveDisagreement[] = [];
  const errors: SourceErrors[] = [];
  for (const discrepancy of discrepancies) {
    const sound = discrepancy.claims.filter((claim) => !claim.error);
    const wrong = discrepancy.claims.filter((claim) => claim.error);
    const ofSubstance = sound.length >= 2;
    if (ofSubstance) substance.push({ discrepancy, claims: sound });
    if (wrong.length > 0)
      errors.push({ discrepancy, errors: wrong, correct: ofSubstance ? [] : sound });
  }
  return { substance, errors };
}
