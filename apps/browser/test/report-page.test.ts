import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { smallMoonsSweep } from '@lab/test-kit';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHROMIUM, findChromium, withChromium } from '../src/harness/chromium';
import { missingChromium } from './chromium-gate';

const executable = findChromium();
const lab = fileURLToPath(new URL('../../cli/dist/lab.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'lab-report-page-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The records whose pages are checked: one of each kind with figures of every sort. */
const RECORDS = ['v2-train.json', 'v1-regularization.json', 'v1-batchnorm.json'];

function fixtureRecordPath(file: string): string {
  return fileURLToPath(new URL(`../../../tools/test-kit/fixtures/records/${file}`, import.meta.url));
}

/** `lab report RECORD --out DIR --html`, as a user runs it; returns report.html's path. */
function writePage(file: string): string {
  const out = join(work, file);
  execFileSync(process.execPath, [lab, 'report', fixtureRecordPath(file), '--out', out, '--html']);
  return join(out, 'report.html');
}

/** `lab sweep --config S.yaml --out DIR --html`, as a user runs it; returns report.html's path. */
function writeSweepPage(): string {
  const config = join(work, 'sweep.yaml');
  // Two λ values, two seeds each, 200 iterations: enough for every sweep figure.
  writeFileSync(config, smallMoonsSweep({ iterations: 200, repeats: 2 }));
  const out = join(work, 'sweep');
  execFileSync(process.execPath, [lab, 'sweep', '--config', config, '--out', out, '--workers', '1', '--html', '--quiet']);
  return join(out, 'report.html');
}

/** Opens a page from its file, as a reader double-clicking it would, and waits until every figure is drawn or failed. */
async function openPage(page: Page, path: string): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) problems.push(`requested ${request.url()}`);
  });
  await page.goto(pathToFileURL(path).href);
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('[data-figure]')).every((figure) => figure.hasAttribute('data-state')),
  );
  return problems;
}

describe('report.html in a real browser (headless Chromium)', () => {
  if (missingChromium(executable, 'report page test')) return;

  it.runIf(executable !== undefined)(
    "draws every figure of each run's and a sweep's report, with no console message and nothing fetched",
    async () => {
      const pages = [...RECORDS.map((file) => ({ file, write: () => writePage(file) })), { file: 'sweep', write: writeSweepPage }];
      await withChromium(executable ?? DEFAULT_CHROMIUM, async (browser) => {
        for (const { file, write } of pages) {
          const path = write();
          const markdown = readFileSync(join(path, '..', 'report.md'), 'utf8');
          const linked = [...markdown.matchAll(/!\[[^\]]*\]\(([^)]+\.svg)\)/g)].length;
          const page = await browser.newPage();
          const problems = await openPage(page, path);
          const figures = await page.$$eval('[data-figure]', (elements) =>
            elements.map((element) => ({
              state: element.getAttribute('data-state'),
              marks: element.querySelectorAll('svg .role-mark').length,
            })),
          );
          expect(problems, file).toEqual([]);
          expect(figures.length, file).toBe(linked);
          expect(
            figures.filter((figure) => figure.state !== 'drawn' || figure.marks === 0),
            file,
          ).toEqual([]);
          await page.close();
        }
      });
    },
    120_000,
  );

  it.runIf(executable !== undefined)(
    'shows the recorded value under the pointer, and a legend click picks one model',
    async () => {
      const record = JSON.parse(readFileSync(fixtureRecordPath('v1-regularization.json'), 'utf8')) as {
        models: { name: string; costs: { iteration: number; cost: number }[] }[];
      };
      await withChromium(executable ?? DEFAULT_CHROMIUM, async (browser) => {
        const page = await browser.newPage();
        expect(await openPage(page, writePage('v1-regularization.json'))).toEqual([]);
        const costs = page.locator('[data-figure="0"]');
        const opacities = () =>
          costs.evaluate((figure) =>
            Array.from(figure.querySelectorAll('.mark-line path')).map((line) => line.getAttribute('stroke-opacity') ?? '1'),
          );
        expect(await opacities()).toEqual(['1', '1', '1']);
        await costs.locator('.role-legend-label text').nth(1).click();
        await expect.poll(opacities).toEqual(['0.12', '1', '0.12']);
        // The vertices that carry the hover values stay invisible, picked or not.
        const vertexOpacities = await costs.evaluate((figure) =>
          Array.from(figure.querySelectorAll('.mark-symbol.role-mark path')).map((vertex) => vertex.getAttribute('opacity')),
        );
        expect(new Set(vertexOpacities)).toEqual(new Set(['0']));

        const vertex = costs.locator('.mark-symbol.role-mark path').last();
        const box = await vertex.boundingBox();
        if (box === null) throw new Error('the last vertex of the cost curves is not on screen');
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        const tip = await page.locator('.lab-tooltip').textContent();
        const shown = Object.fromEntries((tip ?? '').split('\n').map((line) => line.split(': ') as [string, string]));
        const model = record.models.find((candidate) => candidate.name === shown.model);
        const point = model?.costs.find((candidate) => candidate.iteration === Number(shown.iteration?.replace(/,/g, '')));
        expect(point, `tooltip ${JSON.stringify(tip)}`).toBeDefined();
        expect(Number(shown.cost)).toBeCloseTo(point?.cost ?? Number.NaN, 9);
      });
    },
    120_000,
  );
});
