import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

/** Where a README's example is: its code, and the README line its first line is on. */
export interface ReadmeCode {
  readonly code: string;
  /** 1-based line of the README that holds the code's first line. */
  readonly line: number;
}

/**
 * The first ```` ```<lang> ```` block of a README's `## Example` section (or another `## ` section), up
 * to the next `## `.
 * @param readmePath - the README file
 * @param lang - the block's language tag; default `ts`
 * @param section - the section's heading; default `Example`
 * @throws Error when the README has no such section, the section no such block, or the block
 *   holds nothing but blank lines, comments and imports: an example that shows nothing
 */
export function readmeExample(readmePath: string, lang = 'ts', section = 'Example'): ReadmeCode {
  const text = readFileSync(readmePath, 'utf8');
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trimEnd() === `## ${section}`);
  if (start < 0) throw new Error(`${readmePath}: no "## ${section}" section`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  const body = lines.slice(start + 1, end < 0 ? lines.length : end);
  const open = body.findIndex((line) => line.trim() === `\`\`\`${lang}`);
  if (open < 0) throw new Error(`${readmePath}: its "## ${section}" section has no \`\`\`${lang} block`);
  const close = body.findIndex((line, i) => i > open && line.trim() === '```');
  if (close < 0) throw new Error(`${readmePath}: the example's \`\`\`${lang} block is not closed`);
  const code = body.slice(open + 1, close).join('\n');
  const comment = lang === 'sh' ? /(^|\s)#.*$/ : /(^|\s)\/\/.*$/;
  const statements = code
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*import\b[\s\S]*?['"][^'"\n]+['"];?[ \t]*$/gm, '')
    .split('\n')
    .map((line) => line.replace(comment, '').trim())
    .filter((line) => line !== '');
  if (statements.length === 0) throw new Error(`${readmePath}: the example is empty (nothing but comments and imports)`);
  return { code: `${code}\n`, line: start + 1 + open + 2 };
}

/** Options of {@link runReadmeExample}. */
export interface RunReadmeExampleOptions {
  /** The package's folder: its README.md, package.json (the name the example imports) and src/index.ts. */
  readonly packageDir: string;
  /** Files to create in the folder the example runs in (path relative to it → contents). */
  readonly files?: Readonly<Record<string, string | Uint8Array>>;
  /** The README section whose first ```` ```ts ```` block to run; default `Example`. */
  readonly section?: string;
}

/** What {@link runReadmeExample} saw. */
export interface ReadmeExampleRun {
  /** The arguments of every `console.log` call of the example, in order. */
  readonly logs: readonly (readonly unknown[])[];
  /** The folder the example ran in (its working directory), with what it wrote. */
  readonly cwd: string;
}

/** Type-checks a file with the package's tsconfig (its strictness, its types), the example alone as root. */
function typecheck(file: string, packageDir: string, readme: ReadmeCode, readmePath: string): void {
  const configPath = join(packageDir, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, packageDir);
  const program = ts.createProgram([file], { ...parsed.options, noEmit: true, allowImportingTsExtensions: true });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || d.file.fileName === file)
    .map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
      if (d.file === undefined || d.start === undefined) return message;
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${relative(process.cwd(), readmePath)}:${readme.line + line}: ${message}`;
    });
  if (problems.length > 0) throw new Error(`the README's example does not compile:\n${problems.join('\n')}`);
}

/**
 * Runs a package README's example as its users would write it: takes the `## Example` section's
 * first ```` ```ts ```` block ({@link readmeExample}), type-checks it with the package's tsconfig,
 * then runs it (an ES module, top-level `await` allowed) in a fresh folder holding `files`, with
 * `console.log` recorded. The package's own name resolves to its `src/index.ts` (a subpath
 * `<name>/node` to `src/node/index.ts` or `src/node.ts`), so the example runs against the code under
 * test; every other import resolves as usual.
 * @returns every `console.log` call and the folder it ran in
 * @throws Error when the example is missing or empty, does not compile (naming the README line),
 *   or throws when it runs (its error)
 */
export async function runReadmeExample(options: RunReadmeExampleOptions): Promise<ReadmeExampleRun> {
  const { packageDir } = options;
  const readmePath = join(packageDir, 'README.md');
  const readme = readmeExample(readmePath, 'ts', options.section);
  const { name } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { name: string };
  const quoted = (path: string) => `'${path.replaceAll('\\', '/')}'`;
  // '<name>' → src/index.ts, a subpath '<name>/node' → src/node/index.ts (or src/node.ts) when there is one.
  const code = readme.code.replace(/from '([^']+)'/g, (whole, specifier: string) => {
    if (specifier !== name && !specifier.startsWith(`${name}/`)) return whole;
    const sub = specifier.slice(name.length + 1);
    const candidates = sub === '' ? [join('src', 'index.ts')] : [join('src', sub, 'index.ts'), join('src', `${sub}.ts`)];
    const found = candidates.map((path) => join(packageDir, path)).find((path) => existsSync(path));
    return found === undefined ? whole : `from ${quoted(found)}`;
  });

  // Inside the package, so that its node_modules resolve the example's other imports.
  const scratch = join(packageDir, '.readme-example');
  mkdirSync(scratch, { recursive: true });
  const file = join(mkdtempSync(join(scratch, 'run-')), 'example.ts');
  writeFileSync(file, code);
  const cwd = mkdtempSync(join(tmpdir(), 'lab-readme-'));
  for (const [path, contents] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(cwd, path)), { recursive: true });
    writeFileSync(join(cwd, path), contents);
  }
  const logs: unknown[][] = [];
  const log = console.log;
  const before = process.cwd();
  try {
    typecheck(file, packageDir, readme, readmePath);
    console.log = (...args: unknown[]) => {
      logs.push(args);
    };
    process.chdir(cwd);
    await import(/* @vite-ignore */ pathToFileURL(file).href);
  } finally {
    console.log = log;
    process.chdir(before);
    rmSync(dirname(file), { recursive: true, force: true });
  }
  return { logs, cwd };
}
