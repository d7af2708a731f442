#!/usr/bin/env node
// Writes (--write) or checks (default) THIRD_PARTY_NOTICES.md of every package whose build bundles
// a dependency into its dist/: those dependencies' licenses must travel with the tarball.
//   node scripts/third-party-notices.mjs [--write]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** Package folder → the dependencies its tsup build bundles (`noExternal`). */
const BUNDLED = {
  'apps/cli': ['commander', 'yaml'],
  'packages/datasets': ['fflate', 'papaparse'],
  'packages/trainer': ['zod'],
};

const LICENSE_FILES = ['LICENSE', 'LICENSE.md', 'LICENCE', 'license', 'LICENSE.txt'];

function licenseOf(packageDir, name) {
  // pnpm links every dependency, dev ones included, into the package's own node_modules.
  const manifestPath = join(root, packageDir, 'node_modules', name, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  for (const file of LICENSE_FILES) {
    try {
      const text = readFileSync(join(dirname(manifestPath), file), 'utf8').trim();
      return { name, version: manifest.version, license: manifest.license, text };
    } catch {}
  }
  throw new Error(`third-party-notices: ${name} (needed by ${packageDir}) ships no license file`);
}

function noticesOf(packageDir, names) {
  const sections = names.map((name) => {
    const { version, license, text } = licenseOf(packageDir, name);
    return `## ${name} ${version} (${license})\n\n\`\`\`text\n${text}\n\`\`\`\n`;
  });
  return `# Third-party notices\n\nThis package's \`dist/\` bundles the code of the packages below; their licenses follow.\n\n${sections.join('\n')}`;
}

const write = process.argv.includes('--write');
const stale = [];
for (const [packageDir, names] of Object.entries(BUNDLED)) {
  const file = join(root, packageDir, 'THIRD_PARTY_NOTICES.md');
  const expected = noticesOf(packageDir, names);
  if (write) writeFileSync(file, expected);
  else {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {}
    if (current !== expected) stale.push(`${packageDir}/THIRD_PARTY_NOTICES.md`);
  }
}
if (stale.length > 0) {
  console.error(`third-party-notices: out of date: ${stale.join(', ')} (run node scripts/third-party-notices.mjs --write)`);
  process.exit(1);
}
