import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { trainResumably } from './readme-resume.example';

const scratch = mkdtempSync(join(tmpdir(), 'lab-readme-resume-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Each param's own bytes (a compiled model's params are views into its arena). */
const bytes = (model: ReturnType<typeof trainResumably>) =>
  model.params().map((p) => Buffer.from(p.value.data.buffer, p.value.data.byteOffset, p.value.data.byteLength).toString('hex'));

/** The example's code between its markers, with the README's import specifier. */
function exampleCode(): string {
  const text = readFileSync(new URL('./readme-resume.example.ts', import.meta.url), 'utf8');
  const start = text.indexOf('// readme:start\n');
  const end = text.indexOf('// readme:end');
  expect(start).toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  return text
    .slice(start + '// readme:start\n'.length, end)
    .replace("from '../src/node/index'", "from '@lab/trainer/node'")
    .replace("from '../src/index'", "from '@lab/trainer'");
}

describe("the README's resume example", () => {
  it('is in the README, verbatim', () => {
    const code = exampleCode();
    expect(code.length).toBeGreaterThan(500);
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`## Checkpoints and resume`);
    expect(readme).toContain(`\`\`\`ts\n${code}\`\`\``);
  });

  it('continues after a crash with the same weights as a run that never stopped, and falls back from a damaged checkpoint', () => {
    const straight = trainResumably(join(scratch, 'straight.ckpt.json'), 24);
    // 211 examples in batches of 64: 4 steps per epoch. The "crash" comes after 12 steps (3 epochs)…
    const path = join(scratch, 'crashed.ckpt.json');
    trainResumably(path, 12);
    expect(existsSync(path)).toBe(true);
    // …and the same call, asked for all 24 steps, continues from the checkpoint.
    expect(bytes(trainResumably(path, 24))).toEqual(bytes(straight));

    const again = join(scratch, 'damaged.ckpt.json');
    trainResumably(again, 12);
    const text = readFileSync(again);
    text[text.length - 10] ^= 1;
    writeFileSync(again, text);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // One epoch back: the previous checkpoint (after 8 steps) is as good a start.
    expect(bytes(trainResumably(again, 24))).toEqual(bytes(straight));
    expect(warn).toHaveBeenCalledWith(
      `${again}: damaged: the SHA-256 of its contents differs from the one it records; resuming from ${again}.previous`,
    );
    warn.mockRestore();
  });
});
