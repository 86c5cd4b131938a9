/** Where ../shared/real-pages is: $BILATERAL_REAL_PAGES, else beside the repository. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

export function realPagesDir(): string {
  const dir = process.env.BILATERAL_REAL_PAGES ?? path.join(repoDir, '..', 'shared', 'real-pages');
  if (!existsSync(path.join(dir, 'index.json'))) {
    throw new Error(
      `real pages not found: ${dir}/index.json is missing. Set BILATERAL_REAL_PAGES to the ` +
        'real-pages folder (the one with index.json and article-extraction-benchmark/).',
    );
  }
  return dir;
}
