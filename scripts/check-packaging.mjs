#!/usr/bin/env node
// Packaging check, run by the root `pnpm test` after the build. It releases every public package the
// way a release would, to a throwaway local registry, and installs them as a user would:
//
// 1. A local registry: Verdaccio in a child process (scripts/local-registry.mjs) on a free port of
//    127.0.0.1, with its storage and config in a scratch folder. Only the @lab scope is pointed at
//    it; every other dependency still comes from the real npm registry (through pnpm's store).
// 2. The release: a scratch copy of this workspace (with its built dist folders), `changeset version`
//    there, `pnpm install --offline`, then `pnpm publish -r` to the local registry.
// 3. Lint what was published: publint and attw (arethetypeswrong) on each published tarball.
// 4. A fresh project outside the workspace: `pnpm add` the targets from the registry, then an ESM
//    import, a CJS require, a strict `tsc --noEmit` over the public types (ESM and CJS), and
//    `pnpm exec lab --version`.
// 5. The README's recipes for installing before the packages are on the public registry: the
//    published tarballs, downloaded, with pnpm `overrides` for the @lab dependencies; and with npm.
//
// The registry and every child process stop when the check ends, however it ends (errors, Ctrl-C,
// SIGTERM; and the registry exits by itself when this process dies). The scratch folder is removed.
import { execFile, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
/** What a user installs, in this order of importance: the card's first line is `pnpm add @lab/batchnorm`. */
const TARGETS = ['@lab/batchnorm', '@lab/tensor', '@lab/trainer', '@lab/report', '@lab/cli'];
const started = performance.now();

class CheckError extends Error {}

// ---------------------------------------------------------------------------------------------
// Child processes, and stopping them whatever happens.

const children = new Set();
let scratch;

function cleanUp() {
  for (const child of children) child.kill('SIGTERM');
  children.clear();
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.on(signal, () => {
    process.stderr.write(`check-packaging: ${signal}: stopping the registry and removing the scratch folder\n`);
    cleanUp();
    process.exit(code);
  });
}

/** The environment for pnpm and node children: without the npm_* variables of the `pnpm test` that runs us. */
const childEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_config_|PNPM_SCRIPT_SRC_DIR$)/i.test(key)));

/** Runs a command; resolves with its stdout; rejects with one CheckError carrying its output. */
function run(command, args, cwd, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      command,
      args,
      { cwd, env: { ...childEnv, ...options.env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        children.delete(child);
        if (error === null) resolvePromise(stdout);
        else reject(new CheckError(`\`${command} ${args.join(' ')}\` failed in ${cwd}:\n${stdout}${stderr}`.trimEnd()));
      },
    );
    children.add(child);
  });
}

/** Runs a command that must fail; resolves with its exit code and stderr. */
function runFailing(command, args, cwd) {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(command, args, { cwd, env: childEnv, encoding: 'utf8' }, (error, stdout, stderr) => {
      children.delete(child);
      if (error === null)
        reject(new CheckError(`\`${command} ${args.join(' ')}\` succeeded in ${cwd}, expected it to fail:\n${stdout}${stderr}`));
      else resolvePromise({ code: error.code, stderr });
    });
    children.add(child);
  });
}

const ok = (message) => console.log(`ok   ${message} [${((performance.now() - started) / 1000).toFixed(1)} s]`);

// ---------------------------------------------------------------------------------------------
// 1. The local registry.

async function startRegistry(folder) {
  mkdirSync(folder);
  const config = join(folder, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(folder, 'storage'))}`,
      'auth:',
      `  htpasswd: { file: ${JSON.stringify(join(folder, 'htpasswd'))}, max_users: 1 }`,
      // No uplinks: the @lab scope lives here only; nothing else is asked of this registry.
      'uplinks: {}',
      'packages:',
      "  '@lab/*': { access: $all, publish: $authenticated, unpublish: $authenticated }",
      "  '**': { access: $all }",
      'log: { type: stdout, format: pretty, level: error }',
      'web: { enable: false }',
      '',
    ].join('\n'),
  );
  const child = fork(join(root, 'scripts/local-registry.mjs'), [config], {
    cwd: folder,
    env: { ...childEnv, NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  children.add(child);
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const port = await new Promise((resolvePromise, reject) => {
    child.once('message', (message) => resolvePromise(message.port));
    child.once('exit', (code) => reject(new CheckError(`the local registry exited with code ${code} before listening:\n${output}`)));
  });
  const url = `http://127.0.0.1:${port}/`;
  // One user, so that `pnpm publish` has a token (Verdaccio's htpasswd plugin creates it on first login).
  const password = randomBytes(12).toString('hex');
  const response = await fetch(`${url}-/user/org.couchdb.user:lab`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'lab', password }),
  });
  if (!response.ok) throw new CheckError(`the local registry refused to create a user: ${response.status} ${await response.text()}`);
  const { token } = await response.json();
  return {
    url,
    /** An .npmrc line that authenticates to this registry. */
    authLine: `//127.0.0.1:${port}/:_authToken=${token}`,
    stop: () => {
      child.kill('SIGTERM');
      children.delete(child);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 2. The release, in a scratch copy of the workspace.

/** The workspace's packages: every folder with a package.json under packages/ and apps/ (one level deep). */
function workspacePackages(base) {
  const found = [];
  for (const group of ['packages', 'apps']) {
    for (const folder of readdirSync(join(base, group))) {
      const manifestPath = join(base, group, folder, 'package.json');
      if (!existsSync(manifestPath)) continue;
      found.push({ dir: join(base, group, folder), manifest: JSON.parse(readFileSync(manifestPath, 'utf8')) });
    }
  }
  return found;
}

const SKIPPED = new Set(['node_modules', '.git', '.turbo', 'out', 'coverage']);

async function prepareRelease(folder, registry) {
  cpSync(root, folder, {
    recursive: true,
    filter: (source) =>
      !relative(root, source)
        .split(sep)
        .some((part) => SKIPPED.has(part)),
  });
  for (const { dir, manifest } of workspacePackages(folder)) {
    if (!manifest.private && !existsSync(join(dir, 'dist'))) {
      throw new CheckError(`${manifest.name} has no dist folder: build first (\`pnpm build\`)`);
    }
  }
  await run(bin('changeset'), ['version'], folder);
  // Links the workspace packages: pnpm publish reads their versions to replace workspace: ranges, in
  // devDependencies too (so not --prod). Every package is in pnpm's store since the workspace's own
  // install, hence --offline.
  await run('pnpm', ['install', '--offline', '--frozen-lockfile', '--ignore-scripts', '--reporter=silent'], folder);
  writeFileSync(join(folder, '.npmrc'), `${registry.authLine}\n`);
  await run('pnpm', ['publish', '-r', '--registry', registry.url, '--no-git-checks', '--reporter=silent'], folder);
  return workspacePackages(folder)
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ name: manifest.name, version: manifest.version, dir, manifest }));
}

/** Downloads a published tarball as a user would (its URL from the registry's metadata). */
async function download(registryUrl, name, version, into) {
  const metadata = await (await fetch(`${registryUrl}${name.replace('/', '%2f')}`)).json();
  const tarballUrl = metadata.versions?.[version]?.dist?.tarball;
  if (tarballUrl === undefined) throw new CheckError(`${name}@${version} is not on the local registry after publishing`);
  const bytes = Buffer.from(await (await fetch(tarballUrl)).arrayBuffer());
  const file = join(into, `${name.slice(1).replace('/', '-')}-${version}.tgz`);
  writeFileSync(file, bytes);
  return file;
}

// ---------------------------------------------------------------------------------------------
// 3. Lint what was published, in this process (publint and attw once each, not a process per package).

function isDual(manifest) {
  return JSON.stringify(manifest.exports ?? {}).includes('"require"');
}
function isImportable(manifest) {
  return manifest.exports !== undefined || manifest.main !== undefined;
}

async function lintAll(released) {
  const { publint } = await import('publint');
  const { formatMessage } = await import('publint/utils');
  const { checkPackage, createPackageFromTarballData } = await import('@arethetypeswrong/core');
  for (const pkg of released) {
    const tarball = readFileSync(pkg.tarball);
    // --strict: warnings count as errors; suggestions are printed and pass.
    const { messages, pkg: manifest } = await publint({
      pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.length) },
      strict: true,
    });
    const lines = messages.map((message) => `${message.type}: ${formatMessage(message, manifest, { color: false })}`);
    for (const line of lines.filter((line) => line.startsWith('suggestion'))) console.log(`     ${pkg.name}: publint ${line}`);
    const failures = lines.filter((line) => !line.startsWith('suggestion'));
    if (failures.length > 0) throw new CheckError(`${pkg.name}: publint --strict:\n  ${failures.join('\n  ')}`);
    let attw = '';
    if (isImportable(pkg.manifest)) {
      // An ESM-only package (its dependencies are ESM only) is not checked for require().
      const ignored = isDual(pkg.manifest) ? [] : ['node10', 'node16-cjs'];
      const analysis = await checkPackage(createPackageFromTarballData(new Uint8Array(tarball)));
      if (!analysis.types) throw new CheckError(`${pkg.name}: attw: the package ships no types`);
      const problems = analysis.problems.filter((problem) => !('resolutionKind' in problem) || !ignored.includes(problem.resolutionKind));
      if (problems.length > 0) {
        const describe = (problem) =>
          [problem.kind, problem.entrypoint, problem.resolutionKind, problem.fileName].filter((part) => part !== undefined).join(' ');
        throw new CheckError(`${pkg.name}: attw (arethetypeswrong) found problems:\n  ${problems.map(describe).join('\n  ')}`);
      }
      attw = isDual(pkg.manifest) ? ' and attw' : ' and attw (ESM only)';
    }
    ok(`${pkg.name}@${pkg.version}: publint${attw} clean on the published tarball`);
  }
}

// ---------------------------------------------------------------------------------------------
// 4 and 5. Consumers outside the workspace.

/** Two examples standardized by hand: each column of x has mean 2 and 4, biased std 1 and 2. */
const BATCHNORM_SMOKE = `
const x = tensor([[1, 2], [3, 6]]);
const { out } = batchnormForward(x, tensor([1, 1]), tensor([0, 0]), { mode: 'train', eps: 0 });
const want = [-1, -1, 1, 1];
if (!out.data.every((v, i) => Math.abs(v - want[i]) < 1e-12)) throw new Error('batchnormForward gave ' + out.data);
`;
/** 0.3 · 0.5^⌊epoch / 10⌋ at epoch 25 is 0.075, closed form and as an expression (which loads mathjs on demand). */
const TRAINER_SMOKE = `
const step = createSchedule({ kind: 'step', learningRate: 0.3, dropFactor: 0.5, epochsPerDrop: 10 });
const expression = await loadSchedule({ kind: 'expression', expression: '0.3 * 0.5 ^ floor(epoch / 10)' });
for (const s of [step, expression]) if (s.learningRate(25, 25) !== 0.075) throw new Error(s.describe() + ' gave ' + s.learningRate(25, 25));
`;

function writeSmokeFiles(consumer, installed) {
  const has = (name) => installed.some((pkg) => pkg.name === name);
  const esm = [];
  const cjs = [];
  const types = [];
  if (has('@lab/batchnorm') && has('@lab/tensor')) {
    esm.push(`import { batchnormForward } from '@lab/batchnorm';\nimport { tensor } from '@lab/tensor';\n${BATCHNORM_SMOKE}`);
    cjs.push(`{\nconst { batchnormForward } = require('@lab/batchnorm');\nconst { tensor } = require('@lab/tensor');\n${BATCHNORM_SMOKE}}`);
    types.push(`import { type BatchnormParam, batchnormForward } from '@lab/batchnorm';
import { type Tensor, tensor } from '@lab/tensor';
const param: BatchnormParam = { mode: 'train', eps: 1e-5, momentum: 0.9 };
const out: Tensor = batchnormForward(tensor([[1, 2], [3, 6]]), tensor([1, 1]), tensor([0, 0]), param).out;
export const shape: readonly number[] = out.shape;`);
  }
  if (has('@lab/trainer')) {
    esm.push(`import { createSchedule, loadSchedule } from '@lab/trainer';\n${TRAINER_SMOKE}`);
    cjs.push(
      `(async () => {\nconst { createSchedule, loadSchedule } = require('@lab/trainer');\n${TRAINER_SMOKE}})().catch((error) => { console.error(error); process.exit(1); });`,
    );
    types.push(`import { type Schedule, type ScheduleSpec, createSchedule } from '@lab/trainer';
const spec: ScheduleSpec = { kind: 'exponential', learningRate: 0.1, decayRate: 0.9 };
export const schedule: Schedule = createSchedule(spec);`);
  }
  // Every other importable package: its entry loads and exports something.
  for (const pkg of installed) {
    if (!isImportable(pkg.manifest) || ['@lab/batchnorm', '@lab/tensor', '@lab/trainer'].includes(pkg.name)) continue;
    const id = pkg.name.replace(/\W/g, '_');
    esm.push(`import * as ${id} from '${pkg.name}';\nif (Object.keys(${id}).length === 0) throw new Error('${pkg.name}: no exports');`);
    if (isDual(pkg.manifest)) cjs.push(`if (Object.keys(require('${pkg.name}')).length === 0) throw new Error('${pkg.name}: no exports');`);
    types.push(`import * as ${id} from '${pkg.name}';\nexport const ${id}Exports: number = Object.keys(${id}).length;`);
  }
  writeFileSync(join(consumer, 'esm.mjs'), `${esm.join('\n')}\n`);
  writeFileSync(join(consumer, 'cjs.cjs'), `${cjs.join('\n')}\n`);
  // The same file checked twice: as ESM (the `import` conditions' .d.ts) and as CommonJS (`require`'s .d.cts).
  const typed = `${types.join('\n')}\n`;
  writeFileSync(join(consumer, 'types.mts'), typed);
  writeFileSync(join(consumer, 'types.cts'), installed.every((pkg) => !isImportable(pkg.manifest) || isDual(pkg.manifest)) ? typed : '');
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        types: [],
        skipLibCheck: false,
      },
      files: ['types.mts', 'types.cts'],
    }),
  );
}

/**
 * The checks run in a consumer project once the packages are installed. `full`: also the types, a
 * `lab train` + `lab report` round, `lab sweep --queue` without its optional peers and `renderReport`;
 * otherwise `lab report` of the record that `fromRecord` names, which must give its report.md again.
 */
async function useInstalled(consumer, installed, how, { full, fromRecord }) {
  for (const pkg of installed) {
    const manifest = JSON.parse(readFileSync(join(consumer, 'node_modules', pkg.name, 'package.json'), 'utf8'));
    if (manifest.version !== pkg.version)
      throw new CheckError(`${how}: ${pkg.name} is ${manifest.version}, not the released ${pkg.version}`);
  }
  writeSmokeFiles(consumer, installed);
  await run('node', ['esm.mjs'], consumer);
  await run('node', ['cjs.cjs'], consumer);
  const names = installed.map((pkg) => pkg.name).join(', ');
  ok(`${how}: ${names} work via ESM import and CJS require (dual packages)`);
  if (full) {
    await run(bin('tsc'), ['-p', 'tsconfig.json'], consumer);
    ok(`${how}: strict tsc --noEmit over their public types (ESM and CJS resolution)`);
  }
  const cli = installed.find((pkg) => pkg.name === '@lab/cli');
  if (cli === undefined) return;
  const version = (await run('pnpm', ['exec', 'lab', '--version'], consumer)).trim();
  if (version !== cli.version) throw new CheckError(`${how}: \`pnpm exec lab --version\` printed ${version}, expected ${cli.version}`);
  ok(`${how}: pnpm exec lab --version prints ${version}`);
  if (!full) {
    // The packed CLI renders a report from a run record (one written by the registry's consumer).
    mkdirSync(join(consumer, 'run'));
    cpSync(join(fromRecord, 'run.json'), join(consumer, 'run', 'run.json'));
    await run('pnpm', ['exec', 'lab', 'report', 'run/run.json', '--out', 'again'], consumer);
    if (readFileSync(join(consumer, 'again', 'report.md'), 'utf8') !== readFileSync(join(fromRecord, 'report.md'), 'utf8')) {
      throw new CheckError(`${how}: lab report rendered another report.md from the same record`);
    }
    ok(`${how}: pnpm exec lab report run.json renders the same report.md`);
    return;
  }
  // A real run: the bundled experiments' report kinds, the lazily loaded renderer, the figures.
  writeFileSync(
    join(consumer, 'tiny.yaml'),
    'name: tiny\ndataset: { kind: builtin, name: moons, n: 60 }\nmodel: { layerSizes: [2, 4, 1] }\noptimizer: { kind: adam, learningRate: 0.01 }\ntraining: { numIterations: 50, costEvery: 10 }\n',
  );
  await run('pnpm', ['exec', 'lab', 'train', '--config', 'tiny.yaml', '--out', 'run', '--quiet'], consumer);
  await run('pnpm', ['exec', 'lab', 'report', 'run/run.json', '--out', 'again'], consumer);
  const written = readFileSync(join(consumer, 'run', 'report.md'), 'utf8');
  if (readFileSync(join(consumer, 'again', 'report.md'), 'utf8') !== written) {
    throw new CheckError(`${how}: lab report re-rendered run/run.json into a different report.md`);
  }
  const figures = readdirSync(join(consumer, 'again')).filter((file) => file.endsWith('.svg'));
  if (figures.length === 0) throw new CheckError(`${how}: lab report wrote no figure`);
  ok(`${how}: pnpm exec lab train, then lab report run.json: the same report.md, ${figures.length} figures`);
  // The one-off way, without installing: pnpm dlx, with its cache (where dlx keeps what it installs)
  // in the scratch folder, so that it never runs a @lab/cli of the same version from an earlier check.
  writeFileSync(join(consumer, '.npmrc'), `${readFileSync(join(consumer, '.npmrc'), 'utf8')}cache-dir=${join(scratch, 'dlx-cache')}\n`);
  await run('pnpm', ['dlx', '@lab/cli', 'report', 'run/run.json', '--out', 'dlx'], consumer);
  if (readFileSync(join(consumer, 'dlx', 'report.md'), 'utf8') !== written) {
    throw new CheckError(`${how}: pnpm dlx @lab/cli report rendered another report.md`);
  }
  ok(`${how}: pnpm dlx @lab/cli report run.json renders the same report.md`);
  // bullmq and ioredis are optional peers: without them, --queue is one line that says what to install.
  writeFileSync(
    join(consumer, 'sweep.yaml'),
    'name: s\nbase:\n  dataset: { kind: builtin, name: moons, n: 60 }\n  model: { layerSizes: [2, 4, 1] }\n  optimizer: { kind: adam, learningRate: 0.01 }\n  training: { numIterations: 10 }\nparameters:\n  regularization.l2: [0, 0.1]\nmetric: { name: testAccuracy, goal: maximize }\n',
  );
  const queued = await runFailing(
    'pnpm',
    ['exec', 'lab', 'sweep', '--config', 'sweep.yaml', '--queue', 'redis://127.0.0.1:1', '--out', 'swept'],
    consumer,
  );
  if (!/^lab: .*--queue needs .*bullmq and ioredis: pnpm add bullmq ioredis\n$/.test(queued.stderr)) {
    throw new CheckError(`${how}: lab sweep --queue without bullmq printed:\n${queued.stderr}`);
  }
  ok(`${how}: lab sweep --queue without bullmq/ioredis: ${queued.stderr.trim()}`);
  if (installed.some((pkg) => pkg.name === '@lab/report')) {
    // @lab/report as a library: the same markdown from the record, in memory.
    writeFileSync(
      join(consumer, 'report.mjs'),
      `import { readFileSync } from 'node:fs';
import { loadRunRecord, renderReport } from '@lab/report';
const { markdown, figures } = await renderReport(await loadRunRecord('run/run.json'));
if (markdown !== readFileSync('run/report.md', 'utf8')) throw new Error('renderReport gave another report.md');
if (figures.length !== ${figures.length}) throw new Error('renderReport gave ' + figures.length + ' figures');
`,
    );
    await run('node', ['report.mjs'], consumer);
    ok(`${how}: @lab/report's renderReport gives the same report from the record`);
  }
}

function newProject(folder, npmrc) {
  mkdirSync(folder);
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'lab-consumer', version: '1.0.0', private: true }));
  writeFileSync(join(folder, '.npmrc'), npmrc);
}

async function installFromRegistry(folder, registry, installed) {
  newProject(folder, `@lab:registry=${registry.url}\n`);
  await run('pnpm', ['add', '--prefer-offline', '--reporter=silent', ...installed.map((pkg) => pkg.name)], folder);
  ok(`pnpm add ${installed.map((pkg) => pkg.name).join(' ')} from the local registry`);
  await useInstalled(folder, installed, 'from the registry', { full: true });
}

/**
 * The README's recipe: the tarballs in a folder, pnpm `overrides` in pnpm-workspace.yaml pointing every
 * @lab package at its tarball (else pnpm looks the nested @lab dependencies up on the registry:
 * ERR_PNPM_FETCH_404), then `pnpm add` of the wanted tarballs.
 */
async function installFromTarballs(folder, released, installed) {
  newProject(folder, '');
  const overrides = released.map((pkg) => `  '${pkg.name}': file:./tarballs/${pkg.tarball.split(sep).pop()}`);
  writeFileSync(join(folder, 'pnpm-workspace.yaml'), `overrides:\n${overrides.join('\n')}\n`);
  cpSync(join(scratch, 'tarballs'), join(folder, 'tarballs'), { recursive: true });
  const wanted = installed.map((pkg) => `./tarballs/${pkg.tarball.split(sep).pop()}`);
  await run('pnpm', ['add', '--prefer-offline', '--reporter=silent', ...wanted], folder);
  ok(`pnpm add ${wanted.join(' ')} with pnpm overrides for the @lab dependencies`);
  // The same tarballs' types and commands were checked from the registry: here, that they install and run.
  await useInstalled(folder, installed, 'from tarballs', { full: false, fromRecord: join(scratch, 'from-registry', 'run') });
}

/** npm needs no overrides: it finds a tarball's nested @lab dependencies among the tarballs it is given. */
async function installWithNpm(folder, released) {
  newProject(folder, '');
  const needed = ['@lab/batchnorm', '@lab/tensor', '@lab/layers'].map((name) => released.find((pkg) => pkg.name === name));
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...needed.map((pkg) => pkg.tarball)], folder);
  writeFileSync(
    join(folder, 'esm.mjs'),
    `import { batchnormForward } from '@lab/batchnorm';\nimport { tensor } from '@lab/tensor';\n${BATCHNORM_SMOKE}`,
  );
  await run('node', ['esm.mjs'], folder);
  ok(`npm install of the batchnorm, tensor and layers tarballs: @lab/batchnorm works`);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  scratch = mkdtempSync(join(tmpdir(), 'lab-packaging-'));
  const registry = await startRegistry(join(scratch, 'registry'));
  try {
    ok(`local registry (Verdaccio) at ${registry.url}`);
    const released = await prepareRelease(join(scratch, 'release'), registry);
    mkdirSync(join(scratch, 'tarballs'));
    for (const pkg of released) pkg.tarball = await download(registry.url, pkg.name, pkg.version, join(scratch, 'tarballs'));
    ok(`changeset version + pnpm publish -r: ${released.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ')}`);

    const installed = [];
    for (const name of TARGETS) {
      const pkg = released.find((candidate) => candidate.name === name);
      if (pkg === undefined) console.log(`skip ${name}: not a public package of this workspace`);
      else installed.push(pkg);
    }
    if (!installed.some((pkg) => pkg.name === '@lab/batchnorm')) throw new CheckError('@lab/batchnorm was not published');

    // The lints use the CPU, the installs mostly wait for pnpm's store and the network: run them side by side.
    await Promise.all([
      lintAll(released),
      (async () => {
        await installFromRegistry(join(scratch, 'from-registry'), registry, installed);
        await installFromTarballs(join(scratch, 'from-tarballs'), released, installed);
        await installWithNpm(join(scratch, 'with-npm'), released);
      })(),
    ]);
  } finally {
    registry.stop();
  }
  ok(`packaging check in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`check-packaging: ${error instanceof CheckError ? error.message : error.stack}\n`);
  process.exitCode = 1;
} finally {
  cleanUp();
}
