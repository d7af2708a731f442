import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * Every published library's main entry bundles for a browser: no import of a Node built-in, which a
 * browser cannot load (Node-only code lives behind a subpath such as `@lab/trainer/node`). The
 * entries are bundled as an app's bundler would, from their built `dist`, with the optional
 * dependencies that only dynamic imports load (mathjs, mnist) left out.
 */
const packagesDir = fileURLToPath(new URL('../../../packages/', import.meta.url));
const libraries = readdirSync(packagesDir)
  .map((folder) => JSON.parse(readFileSync(`${packagesDir}${folder}/package.json`, 'utf8')) as { name: string; private?: boolean })
  .filter((manifest) => !manifest.private)
  .map((manifest) => manifest.name);
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

const browserManifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  devDependencies?: Record<string, string>;
};

describe('the libraries bundle for a browser', () => {
  it('lists the libraries', () => {
    expect(libraries).toEqual(expect.arrayContaining(['@lab/tensor', '@lab/batchnorm', '@lab/trainer']));
  });

  // A devDependency makes turbo build the library before this test, and lets esbuild resolve it from here.
  it('has every library as a devDependency of @lab/browser', () => {
    const missing = libraries.filter((name) => browserManifest.devDependencies?.[name] === undefined);
    expect(missing, 'add these to apps/browser/package.json devDependencies as "workspace:*"').toEqual([]);
  });

  for (const name of libraries) {
    it(`${name}: its main entry imports no Node built-in`, async () => {
      const result = await build({
        stdin: { contents: `export * from '${name}';`, resolveDir: fileURLToPath(new URL('..', import.meta.url)) },
        bundle: true,
        format: 'esm',
        platform: 'browser',
        write: false,
        logLevel: 'silent',
        external: ['mathjs', 'mnist'],
      }).catch((error: { errors?: { text: string }[] }) => {
        throw new Error(`${name} does not bundle for a browser: ${error.errors?.map((e) => e.text).join('; ')}`);
      });
      const text = result.outputFiles[0]?.text ?? '';
      const imported = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"']+)["']/g)].map((match) => match[1]);
      expect(imported.filter((specifier) => builtins.has(specifier as string))).toEqual([]);
    });
  }
});
