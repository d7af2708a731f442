import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readmeExample, runReadmeExample } from '../src/readme-example';

const kit = fileURLToPath(new URL('..', import.meta.url));
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A made-up package `@fake/pkg` (inside this one, so it resolves like a workspace package): its README's example, and `src/index.ts`. */
function fakePackage(example: string | undefined, index = 'export function double(x: number): number {\n  return 2 * x;\n}\n'): string {
  mkdirSync(join(kit, '.readme-example'), { recursive: true });
  const dir = mkdtempSync(join(kit, '.readme-example', 'pkg-'));
  made.push(dir);
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@fake/pkg', type: 'module' }));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../../../tsconfig.app.json', include: ['src'] }));
  writeFileSync(join(dir, 'src', 'index.ts'), index);
  const readme =
    example === undefined
      ? '# @fake/pkg\n\nNo example.\n'
      : `# @fake/pkg\n\n## Example\n\n${example}\n\n## API\n\n\`\`\`ts\nnot: code\n\`\`\`\n`;
  writeFileSync(join(dir, 'README.md'), readme);
  return dir;
}

const GOOD =
  "```ts\nimport { readFileSync } from 'node:fs';\nimport { double } from '@fake/pkg';\n\nconsole.log(double(21), readFileSync('input.txt', 'utf8'));\n```";

describe('runReadmeExample', () => {
  it("runs the example against the package's src, in a folder with the given files, and records console.log", async () => {
    const { logs } = await runReadmeExample({ packageDir: fakePackage(GOOD), files: { 'input.txt': 'hello' } });
    expect(logs).toEqual([[42, 'hello']]);
  });

  it("resolves a subpath of the package's name to its src folder", async () => {
    const dir = fakePackage(
      "```ts\nimport { double } from '@fake/pkg';\nimport { half } from '@fake/pkg/extra';\n\nconsole.log(half(double(3)));\n```",
    );
    mkdirSync(join(dir, 'src', 'extra'));
    writeFileSync(join(dir, 'src', 'extra', 'index.ts'), 'export const half = (x: number): number => x / 2;\n');
    const { logs } = await runReadmeExample({ packageDir: dir });
    expect(logs).toEqual([[3]]);
  });

  it('fails when the README has no example section, or no ts block in it', async () => {
    await expect(runReadmeExample({ packageDir: fakePackage(undefined) })).rejects.toThrow(/no "## Example" section/);
    await expect(runReadmeExample({ packageDir: fakePackage('```sh\nlab --help\n```') })).rejects.toThrow(/has no ```ts block/);
  });

  it('fails when the example is empty: blank, comments and imports only', async () => {
    for (const body of ['', '// nothing to see', "import {\n  double,\n} from '@fake/pkg';\n/* a note */"]) {
      await expect(runReadmeExample({ packageDir: fakePackage(`\`\`\`ts\n${body}\n\`\`\``) }), JSON.stringify(body)).rejects.toThrow(
        /the example is empty/,
      );
    }
  });

  it('fails when the example does not compile, naming the README line', async () => {
    const dir = fakePackage("```ts\nimport { double } from '@fake/pkg';\n\nconst s: string = double(1);\nconsole.log(s);\n```");
    await expect(runReadmeExample({ packageDir: dir })).rejects.toThrow(/README\.md:8: Type 'number' is not assignable to type 'string'/);
  });

  it('fails when the example throws', async () => {
    const dir = fakePackage(
      "```ts\nimport { double } from '@fake/pkg';\n\nif (double(1) === 2) throw new Error('the example broke');\n```",
    );
    await expect(runReadmeExample({ packageDir: dir })).rejects.toThrow('the example broke');
  });

  it('fails when the package breaks what the example uses', async () => {
    await expect(runReadmeExample({ packageDir: fakePackage(GOOD, 'export const triple = (x: number) => 3 * x;\n') })).rejects.toThrow(
      /has no exported member named 'double'|has no exported member 'double'/,
    );
  });
});

describe('readmeExample', () => {
  it('finds the first block of the asked language, and the README line it starts on', () => {
    const dir = fakePackage('Some words.\n\n```sh\nlab train --config run.yaml\n```');
    expect(readmeExample(join(dir, 'README.md'), 'sh')).toEqual({ code: 'lab train --config run.yaml\n', line: 8 });
  });
});
