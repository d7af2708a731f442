#!/usr/bin/env node
// Packaging check: packs every library with pnpm (which rewrites workspace:^ to real
// ranges), lints each tarball with publint and @arethetypeswrong/cli, then installs the
// target package and its @lab dependencies from those tarballs with npm into a scratch
// project outside the workspace and imports it there with both ESM `import` and CJS `require`.
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const target = process.argv[2] ?? '@lab/batchnorm';
const bin = (name) => join(root, 'node_modules/.bin', name);

function run(command, args, cwd) {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    process.stderr.write(`check-packaging: \`${command} ${args.join(' ')}\` failed in ${cwd}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    process.exit(1);
  }
}

const libraries = new Map();
for (const folder of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', folder);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (!manifest.private) libraries.set(manifest.name, { dir, manifest });
}
if (!libraries.has(target)) {
  process.stderr.write(`check-packaging: ${target} is not a library package of this workspace\n`);
  process.exit(1);
}

const scratch = mkdtempSync(join(tmpdir(), 'lab-packaging-'));
const tarballDir = join(scratch, 'tarballs');
mkdirSync(tarballDir);
const tarballs = new Map();
try {
  for (const [name, { dir }] of libraries) {
    const before = new Set(readdirSync(tarballDir));
    run('pnpm', ['pack', '--pack-destination', tarballDir], dir);
    const created = readdirSync(tarballDir).filter((file) => !before.has(file));
    if (created.length !== 1) throw new Error(`pnpm pack of ${name} wrote ${created.length} files`);
    const tarball = join(tarballDir, created[0]);
    tarballs.set(name, tarball);
    run(bin('publint'), ['run', dir, '--strict'], root);
    run(bin('attw'), [tarball, '--format', 'table-flipped'], root);
    console.log(`ok   ${name}: packed, publint and attw clean`);
  }

  // The target and every @lab package it needs at run time, transitively.
  const needed = new Set();
  const visit = (name) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const dep of Object.keys(libraries.get(name).manifest.dependencies ?? {})) if (libraries.has(dep)) visit(dep);
  };
  visit(target);
  for (const name of needed) {
    const packed = execFileSync('tar', ['-xzOf', tarballs.get(name), 'package/package.json'], { encoding: 'utf8' });
    if (packed.includes('workspace:')) throw new Error(`${name}: packed package.json still has a workspace: range`);
  }

  const consumer = join(scratch, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'lab-consumer', version: '1.0.0', private: true }));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...[...needed].map((n) => tarballs.get(n))], consumer);
  for (const name of needed) {
    if (lstatSync(join(consumer, 'node_modules', name)).isSymbolicLink())
      throw new Error(`${name} was linked, not installed from its tarball`);
  }

  // Two examples standardized by hand: each column of x has mean 2 and 4, biased std 1 and 2.
  const smoke = (load) => `${load}
const x = tensor([[1, 2], [3, 6]]);
const { out } = batchnormForward(x, tensor([1, 1]), tensor([0, 0]), { mode: 'train', eps: 0 });
const want = [-1, -1, 1, 1];
if (!out.data.every((v, i) => Math.abs(v - want[i]) < 1e-12)) throw new Error('unexpected output ' + out.data);
console.log('ok   ' + ${JSON.stringify(target)} + ' works from its tarball via ' + ${JSON.stringify(load.startsWith('import') ? 'ESM import' : 'CJS require')});
`;
  if (target === '@lab/batchnorm') {
    writeFileSync(
      join(consumer, 'esm.mjs'),
      smoke(`import { batchnormForward } from '@lab/batchnorm';\nimport { tensor } from '@lab/tensor';`),
    );
    writeFileSync(
      join(consumer, 'cjs.cjs'),
      smoke(`const { batchnormForward } = require('@lab/batchnorm');\nconst { tensor } = require('@lab/tensor');`),
    );
  } else {
    writeFileSync(
      join(consumer, 'esm.mjs'),
      `import * as lib from '${target}';\nif (!Object.keys(lib).length) throw new Error('no exports');\nconsole.log('ok   ${target} via ESM import');\n`,
    );
    writeFileSync(
      join(consumer, 'cjs.cjs'),
      `const lib = require('${target}');\nif (!Object.keys(lib).length) throw new Error('no exports');\nconsole.log('ok   ${target} via CJS require');\n`,
    );
  }
  process.stdout.write(run('node', ['esm.mjs'], consumer));
  process.stdout.write(run('node', ['cjs.cjs'], consumer));
} catch (error) {
  process.stderr.write(`check-packaging: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
