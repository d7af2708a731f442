import { fixtureRecords } from '@lab/test-kit';
import { describe, expect, it } from 'vitest';
import { parseRunRecord, renderReport } from '../src/index';

/** The Setup section of a report. */
function setup(markdown: string): string {
  const start = markdown.indexOf('## Setup');
  return markdown.slice(start, markdown.indexOf('\n## ', start + 1));
}

const v2 = fixtureRecords().find((f) => f.file === 'v2-train.json')?.value as Record<string, unknown> & {
  config: Record<string, unknown> & { optimizer: Record<string, unknown>; schedule: Record<string, unknown> };
  environment: Record<string, unknown>;
};

describe("the Setup of a train record that holds its config (lab's own, v2-train.json)", () => {
  it('shows every setting of the config, one row each, and the git commit under Environment', async () => {
    const { markdown } = await renderReport(parseRunRecord(v2));
    const section = setup(markdown);
    for (const [path, value] of [
      ['optimizer.beta2', '0.999'],
      ['optimizer.epsilon', '1e-8'],
      ['schedule.kind', 'exponential'],
      ['schedule.decayRate', '0.999'],
      ['data.noise', '0.2'],
      ['data.seed', '4'],
      ['model.layers[2].keepProb', '0.9'],
      ['model.layers[6].init.kind', 'xavier'],
      ['training.earlyStopping.patience', '50'],
    ]) {
      const escaped = (text = '') => text.replace(/[.[\]]/g, '\\$&');
      expect(section, path).toMatch(new RegExp(`\\| \`${escaped(path)}\` +\\| ${escaped(value)} +\\|`));
    }
    expect(markdown).toContain(`\`${v2.environment.gitCommit}\``);
  });

  it('says whether the working copy had uncommitted changes, when the record knows', async () => {
    const commit = `\`${v2.environment.gitCommit}\``;
    const withDirty = async (gitDirty: boolean) =>
      (await renderReport(parseRunRecord({ ...v2, environment: { ...v2.environment, gitDirty } }))).markdown;
    expect(await withDirty(true)).toMatch(new RegExp(`\\| git commit \\| ${commit} with uncommitted changes to tracked files +\\|`));
    expect(await withDirty(false)).toMatch(new RegExp(`\\| git commit \\| ${commit}, no uncommitted changes +\\|`));
    expect((await renderReport(parseRunRecord(v2))).markdown).toMatch(new RegExp(`\\| git commit \\| ${commit} +\\|`));
  });

  it('changes with the config: another schedule shows in its rows', async () => {
    const step = { ...v2, config: { ...v2.config, schedule: { kind: 'step', dropFactor: 0.5, epochsPerDrop: 7 } } };
    const before = setup((await renderReport(parseRunRecord(v2))).markdown);
    const after = setup((await renderReport(parseRunRecord(step))).markdown);
    expect(after).toMatch(/\| `schedule\.epochsPerDrop` +\| 7 +\|/);
    expect(before).not.toContain('epochsPerDrop');
    expect(after).not.toContain('decayRate');
  });
});
