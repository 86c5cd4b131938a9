/** The part of web-ext's programmatic API that scripts/lint-firefox.ts uses (it ships no types). */
declare module 'web-ext' {
  export interface LintMessage {
    _type: 'error' | 'warning' | 'notice';
    code: string;
    message: string;
    description?: string;
    file?: string;
    line?: number;
    column?: number;
  }
  export interface LintReport {
    count: number;
    summary: { errors: number; notices: number; warnings: number };
    errors: LintMessage[];
    warnings: LintMessage[];
    notices: LintMessage[];
  }
  export const cmd: {
    lint(
      params: { sourceDir: string; output?: 'json' | 'text' | 'none'; selfHosted?: boolean },
      options?: { shouldExitProgram?: boolean },
    ): Promise<LintReport>;
  };
}
