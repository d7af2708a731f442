import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The part of esbuild's API this test uses (esbuild's own types are not resolvable from here). */
interface Esbuild {
  build(options: Record<string, unknown>): Promise<{
    errors: unknown[];
    metafile: { inputs: Record<string, { imports: { path: string; external?: boolean }[] }> };
    outputFiles: { text: string }[];
  }>;
}

// esbuild is not a dependency of this package; tsup depends on it, so resolve it through tsup.
const requireHere = createRequire(import.meta.url);
const esbuild = createRequire(requireHere.resolve('tsup'))('esbuild') as Esbuild;
const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('browser bundle', () => {
  it('bundles src/index.ts for platform=browser from src/ alone: no Node built-in, no mathjs', async () => {
    const result = await esbuild.build({
      absWorkingDir: packageDir,
      entryPoints: ['src/index.ts'],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'browser',
      format: 'esm',
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => !path.startsWith('src/'))).toEqual([]);
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(imports.filter((path) => path.startsWith('node:') || !path.startsWith('src/'))).toEqual([]);
    expect(result.outputFiles[0].text).not.toMatch(/\bnode:|\brequire\(|\bprocess\.|\bBuffer\b/);
  });
});
