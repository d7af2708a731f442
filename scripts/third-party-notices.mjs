#!/usr/bin/env node
// Writes (--write) or checks (default) THIRD_PARTY_NOTICES.md of every workspace package whose
// built dist/ bundles code of other packages: their licenses must travel with the tarball. What is
// bundled is read from the source maps (every source under a node_modules folder), so a dependency
// that comes in with another is listed too. Run after a build.
//   node scripts/third-party-notices.mjs [--write]
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const NOTICES = 'THIRD_PARTY_NOTICES.md';
const LICENSE_FILES = ['LICENSE', 'LICENSE.md', 'LICENCE', 'LICENCE.md', 'license', 'LICENSE.txt', 'LICENSE-MIT'];

/** The folder of every package a source-map source lies in (`…/node_modules/<name>` or `…/node_modules/@scope/name`). */
function bundledPackageRoots(packageDir) {
  const dist = join(packageDir, 'dist');
  const roots = new Set();
  if (!existsSync(dist)) return roots;
  for (const file of readdirSync(dist).filter((name) => name.endsWith('.js.map'))) {
    const map = JSON.parse(readFileSync(join(dist, file), 'utf8'));
    for (const source of map.sources ?? []) {
      const path = resolve(dist, map.sourceRoot ?? '', source);
      const match = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/@.][^/]*)\//.exec(path);
      if (match !== null && !/\/node_modules\/@lab\//.test(match[1])) roots.add(match[1]);
    }
  }
  return roots;
}

function licenseOf(packageRoot) {
  const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
  const file = LICENSE_FILES.map((name) => join(packageRoot, name)).find((path) => existsSync(path));
  if (file === undefined) throw new Error(`third-party-notices: ${manifest.name} (${packageRoot}) ships no license file`);
  return { name: manifest.name, version: manifest.version, license: manifest.license, text: readFileSync(file, 'utf8').trim() };
}

function noticesOf(roots) {
  const licenses = [...roots].map(licenseOf).sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const sections = licenses.map(
    ({ name, version, license, text }) => `## ${name} ${version} (${license})\n\n\`\`\`text\n${text}\n\`\`\`\n`,
  );
  return `# Third-party notices\n\nThis package's \`dist/\` bundles the code of the packages below; their licenses follow.\n\n${sections.join('\n')}`;
}

const write = process.argv.includes('--write');
const problems = [];
for (const group of ['packages', 'apps', 'apps/experiments']) {
  for (const name of readdirSync(join(root, group))) {
    const packageDir = join(root, group, name);
    if (!existsSync(join(packageDir, 'package.json'))) continue;
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    const file = join(packageDir, NOTICES);
    const roots = bundledPackageRoots(packageDir);
    const expected = roots.size === 0 ? undefined : noticesOf(roots);
    if (write) {
      if (expected === undefined) rmSync(file, { force: true });
      else writeFileSync(file, expected);
    } else {
      const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      if (current !== expected) problems.push(`${group}/${name}/${NOTICES} is ${expected === undefined ? 'not needed' : 'out of date'}`);
    }
    const shipped = manifest.private === true || (manifest.files ?? []).includes(NOTICES);
    if (expected !== undefined && !shipped) problems.push(`${group}/${name}/package.json: "files" lacks ${NOTICES}`);
  }
}
if (problems.length > 0) {
  console.error(`third-party-notices: ${problems.join('; ')} (after a build: node scripts/third-party-notices.mjs --write)`);
  process.exit(1);
}
