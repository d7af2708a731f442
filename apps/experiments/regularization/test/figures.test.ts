import { CLASS_COLORS, type Figure, SERIES_COLORS } from '@lab/report';
import { findAll, markItems, parseSvg } from '@lab/test-kit';
import { describe, expect, it } from 'vitest';
import { renderRegularizationReport as renderReport } from '../src/report/render-regularization-report';
import { syntheticRecord } from './fixtures/synthetic-record';

const MAX_FIGURE_BYTES = 300 * 1024;

function figure(figures: readonly Figure[], fileName: string): Figure {
  const found = figures.find((f) => f.fileName === fileName);
  if (found === undefined) throw new Error(`no figure ${fileName}`);
  return found;
}

describe('figures', async () => {
  const record = syntheticRecord({ courseData: true });
  const { figures } = await renderReport(record);

  it('are the cost curves and one decision boundary per model', () => {
    expect(figures.map((f) => f.fileName)).toEqual([
      'cost-curves.svg',
      'decision-boundary-no-regularization.svg',
      'decision-boundary-l2.svg',
      'decision-boundary-dropout.svg',
    ]);
  });

  it('each parse as XML, are under 300 KB and carry a title', () => {
    for (const { fileName, svg } of figures) {
      const root = parseSvg(svg);
      expect(Buffer.byteLength(svg), fileName).toBeLessThan(MAX_FIGURE_BYTES);
      const titles = findAll(root, (e) => e.tag === 'g' && e.attributes.class === 'mark-text role-title-text');
      expect(titles, fileName).toHaveLength(1);
    }
  });

  it('draw one cost line per model, each in its own colour', () => {
    const lines = markItems(parseSvg(figure(figures, 'cost-curves.svg').svg), 'line');
    expect(lines).toHaveLength(record.models.length);
    expect(lines.map((l) => l.attributes.stroke)).toEqual(SERIES_COLORS.slice(0, record.models.length));
    for (const [m, line] of lines.entries()) {
      // One vertex per recorded cost: an M followed by an L per further point.
      expect((line.attributes.d ?? '').match(/[ML]/g)).toHaveLength(record.models[m]?.costs.length ?? -1);
    }
  });

  it('draw every training point once, coloured by its label, over both decision regions', () => {
    const labels = record.trainPoints.y;
    const zeros = labels.filter((y) => y === 0).length;
    for (const fileName of figures.slice(1).map((f) => f.fileName)) {
      const root = parseSvg(figure(figures, fileName).svg);
      const points = markItems(root, 'symbol');
      expect(
        points.filter((p) => p.attributes.fill === CLASS_COLORS.point[0]),
        fileName,
      ).toHaveLength(zeros);
      expect(
        points.filter((p) => p.attributes.fill === CLASS_COLORS.point[1]),
        fileName,
      ).toHaveLength(labels.length - zeros);
      const regions = markItems(root, 'rect');
      const fills = new Set(regions.map((r) => r.attributes.fill));
      expect(fills, fileName).toEqual(new Set(CLASS_COLORS.region));
      // The course's 0.01 mesh over its window: 140 rows of 115 cells, each row's runs merged, so a
      // few rectangles per row rather than 16 100 cells.
      expect(regions.length, fileName).toBeGreaterThanOrEqual(140);
      expect(regions.length, fileName).toBeLessThan(140 * 6);
    }
  });

  it('stay under 300 KB with a fine grid, many points and a cost at every iteration', async () => {
    const big = syntheticRecord({ gridSize: 200, costEvery: 1 });
    const many = {
      ...big,
      trainPoints: { x: [...big.trainPoints.x, ...big.trainPoints.x], y: [...big.trainPoints.y, ...big.trainPoints.y] },
    };
    const rendered = await renderReport(many);
    for (const { fileName, svg } of rendered.figures) {
      expect(Buffer.byteLength(svg), fileName).toBeLessThan(MAX_FIGURE_BYTES);
      parseSvg(svg);
    }
    const lines = markItems(parseSvg(figure(rendered.figures, 'cost-curves.svg').svg), 'line');
    expect(lines).toHaveLength(3);
  });
});
