/**
 * Renders the one drawn icon, assets/icon.svg, to the PNG sizes the manifests ask for. WXT
 * calls this from a build hook (see wxt.config.ts), so every build, zip and dev run has the
 * icons without PNGs in the repository.
 */
import { Resvg } from '@resvg/resvg-js';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Toolbar (16, 32), extensions page (48), Firefox add-ons manager (96), Chrome Web Store (128). */
export const ICON_SIZES = [16, 32, 48, 96, 128] as const;
export type IconSize = (typeof ICON_SIZES)[number];

/** Where each size lands inside the built extension. */
export const iconPath = (size: IconSize) => `icon/${size}.png`;

export function manifestIcons(sizes: readonly IconSize[] = ICON_SIZES): Record<string, string> {
  return Object.fromEntries(sizes.map((size) => [String(size), iconPath(size)]));
}

/**
 * Writes `<outDir>/icon/<size>.png` for every size and returns the paths relative to outDir.
 * A broken SVG stops the build with the file named.
 */
export async function renderIcons(svgFile: string, outDir: string): Promise<string[]> {
  const svg = await readFile(svgFile);
  const written: string[] = [];
  for (const size of ICON_SIZES) {
    let png: Buffer;
    try {
      png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
    } catch (error) {
      throw new Error(`${svgFile}: cannot render at ${size}px: ${String(error)}`, { cause: error });
    }
    const relative = iconPath(size);
    await mkdir(path.dirname(path.join(outDir, relative)), { recursive: true });
    await writeFile(path.join(outDir, relative), png);
    written.push(relative);
  }
  return written;
}
