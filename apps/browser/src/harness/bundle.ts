import { build } from 'esbuild';

/**
 * Bundles a browser entry and everything it imports (the @lab packages through their published
 * `exports`, i.e. their built dist) into one ES module, as an app's bundler would.
 * @returns the module's source
 */
export async function bundlePage(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // Optional dependencies the pages never load (dynamic imports: expression schedules' mathjs, the
    // MNIST digits' data); an app's bundler would put them in chunks of their own.
    external: ['mathjs', 'mnist'],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error(`bundlePage: esbuild wrote nothing for ${entry}`);
  return output.text;
}
