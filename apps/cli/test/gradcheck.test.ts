import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../src/command-context';
import { gradcheckCommand } from '../src/commands/gradcheck';
import { FakeStream, runCli } from './helpers/run-cli';

describe('lab gradcheck', () => {
  it('prints one passing row per kernel and loss and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['gradcheck'], '/');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^kernel\s+shapes\s+relative errors\s+result$/);
    expect(lines[2]).toMatch(/^affine\s+x \(4, 5\), w \(3, 5\), b \(3,\)\s+dx \d\.\de-\d+, dw \d\.\de-\d+, db \d\.\de-\d+\s+pass$/);
    expect(stdout).toMatch(/^batchnorm \(backward alt\)\s+x \(4, 5\), gamma \(5,\), beta \(5,\)\s+dx .+, dgamma .+, dbeta .+\s+pass$/m);
    expect(lines.filter((line) => line.endsWith('pass'))).toHaveLength(12);
    expect(lines.at(-1)).toBe('All 12 gradient checks passed (relative error < 1e-7).');
  });

  it('prints every relative error with --json', async () => {
    const { code, stdout } = await runCli(['gradcheck', '--json'], '/');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ command: 'gradcheck', tolerance: 1e-7, passed: true });
    expect(result.checks).toHaveLength(12);
    expect(result.checks[0]).toMatchObject({ name: 'affine', shapes: { x: [4, 5], w: [3, 5], b: [3] }, passed: true });
    expect(Object.keys(result.checks[0].errors)).toEqual(['dx', 'dw', 'db']);
  });

  it('exits 1 and says so on stderr when a check fails', () => {
    const stdout = new FakeStream();
    const stderr = new FakeStream();
    const context: CommandContext = { io: { stdout, stderr, env: {}, cwd: '/' }, exitCode: 0 };
    gradcheckCommand({}, context, [
      { name: 'good', shapes: { x: [2] }, run: () => ({ dx: 1e-10 }) },
      { name: 'wrong', shapes: { x: [2] }, run: () => ({ dx: 0.5 }) },
    ]);
    expect(context.exitCode).toBe(1);
    expect(stdout.text).toMatch(/^wrong\s+x \(2,\)\s+dx 5\.0e-1\s+FAIL$/m);
    expect(stderr.text).toBe('lab: 1 of 2 gradient checks failed (relative error >= 1e-7)\n');
  });
});
