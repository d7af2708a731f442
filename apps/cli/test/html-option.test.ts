import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { smallMoonsRun, smallMoonsSweep } from '@lab/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/run-cli';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
  await writeFile(join(dir.path, 'run.yaml'), smallMoonsRun());
  await writeFile(join(dir.path, 'sweep.yaml'), smallMoonsSweep());
});
afterAll(async () => dir.cleanup());

/** Every command that writes a report, briefly, into `out`. */
const COMMANDS: Record<string, (out: string) => string[]> = {
  train: (out) => ['train', '--config', 'run.yaml', '--out', out],
  'experiment regularization': (out) => ['experiment', 'regularization', '--iterations', '100', '--workers', '1', '--out', out],
  'experiment initialization': (out) => ['experiment', 'initialization', '--iterations', '100', '--out', out],
  'experiment optimization': (out) => ['experiment', 'optimization', '--epochs', '2', '--out', out],
  sweep: (out) => ['sweep', '--config', 'sweep.yaml', '--workers', '1', '--out', out],
};

describe.each(Object.entries(COMMANDS))('lab %s --html', (name, argv) => {
  it('writes report.html beside report.md, one figure slot per figure the markdown links, and names it', async () => {
    const out = `html-${name.replace(/ /g, '-')}`;
    const json = await runCli([...argv(out), '--html', '--json'], dir.path);
    expect(json.code, json.stderr).toBe(0);
    const summary = JSON.parse(json.stdout) as { report: string; html?: string };
    expect(summary.html).toBe(join(dir.path, out, 'report.html'));
    const markdown = await readFile(summary.report, 'utf8');
    const page = await readFile(join(dir.path, out, 'report.html'), 'utf8');
    const linked = [...markdown.matchAll(/!\[[^\]]*\]\(([^)]+\.svg)\)/g)].length;
    expect(linked).toBeGreaterThan(0);
    expect([...page.matchAll(/data-figure="\d+"/g)].length).toBe(linked);

    const text = await runCli([...argv(`${out}-text`), '--html', '--quiet'], dir.path);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^Page: +${out}-text/report\\.html \\(open it in a browser\\)$`, 'm'));
  });

  it('writes no page, and names none, without --html', async () => {
    const out = `plain-${name.replace(/ /g, '-')}`;
    const { code, stdout, stderr } = await runCli([...argv(out), '--json'], dir.path);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).not.toHaveProperty('html');
    expect(existsSync(join(dir.path, out, 'report.html'))).toBe(false);
  });
});
