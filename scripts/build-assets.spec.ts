import { readdirSync, readFileSync } from 'node:fs';
import { join, matchesGlob, relative } from 'node:path';

/**
 * `nest build` compiles the TypeScript and copies only the assets nest-cli.json names; the
 * tests run from the sources, so a template or client script left out of that list would
 * pass every test and then stop `npm start` (a controller reads its script at import time).
 */
const ROOT = join(import.meta.dirname, '..');
const SOURCES = join(ROOT, 'src');

const config = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8')) as {
  compilerOptions: { assets: Array<{ include: string }> };
};
const globs = config.compilerOptions.assets.map((asset) => asset.include);

const runtimeFiles = readdirSync(SOURCES, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && !entry.name.endsWith('.ts'))
  .map((entry) => relative(SOURCES, join(entry.parentPath, entry.name)));

describe('the build copies every file the app reads at run time', () => {
  it('finds templates, client scripts and the stylesheet among the sources', () => {
    expect(runtimeFiles.some((file) => file.endsWith('.eta'))).toBe(true);
    expect(runtimeFiles.some((file) => file.endsWith('.client.js'))).toBe(true);
  });

  it.each(runtimeFiles)('%s is an asset of the build', (file) => {
    expect(globs.some((glob) => matchesGlob(file, glob))).toBe(true);
  });
});
