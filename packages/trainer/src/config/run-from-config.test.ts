import { describe, expect, it } from 'vitest';
import { parseRunConfig } from './run-config';
import { loadRunData, runFromConfig, trainFromData } from './run-from-config';

const config = parseRunConfig({
  name: 'moons, Adam',
  dataset: { kind: 'builtin', name: 'moons', n: 120 },
  model: { layerSizes: [2, 8, 1] },
  optimizer: { kind: 'adam', learningRate: 0.01 },
  training: { numIterations: 300, costEvery: 100 },
  seed: 5,
});
const environment = { node: 'v20', platform: 'linux', arch: 'x64', cpu: 'test', cores: 1, packages: {} };

/** A record without the fields that depend on the clock. */
function timeless(record: Awaited<ReturnType<typeof runFromConfig>>): unknown {
  const { createdAt: _created, totalSeconds: _total, models, ...rest } = record;
  return { ...rest, models: models.map(({ seconds: _seconds, ...model }) => model) };
}

describe('runFromConfig', () => {
  it('is loadRunData then trainFromData: the same record, bit for bit, apart from the timings', async () => {
    const whole = await runFromConfig(config, { environment });
    const data = await loadRunData(config);
    const inTwoSteps = trainFromData(config, data, { environment });
    expect(timeless(inTwoSteps)).toEqual(timeless(whole));
    expect(inTwoSteps.models[0].costs).toHaveLength(3);
  });
});
