import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/run-cli';
import { checkpointedBlobsConfig } from './helpers/run-configs';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
  await writeFile(join(dir.path, 'three.yaml'), checkpointedBlobsConfig(3, 'checkpoint.json'));
  await writeFile(join(dir.path, 'five.yaml'), checkpointedBlobsConfig(5, 'checkpoint.json'));
});
afterAll(async () => dir.cleanup());

interface Record {
  readonly models: readonly { readonly seconds: number }[];
  readonly training: { readonly resumedFrom?: { readonly path: string; readonly iteration: number } };
}

async function record(out: string): Promise<Record> {
  return JSON.parse(await readFile(join(dir.path, out, 'run.json'), 'utf8')) as Record;
}

/** Flips one bit in the middle of a file, as a bad disk sector or a torn copy might. */
async function flipBit(path: string): Promise<void> {
  const bytes = await readFile(path);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = (bytes[at] as number) ^ 0x04;
  await writeFile(path, bytes);
}

describe('lab train --resume over a damaged checkpoint', () => {
  it('is refused by its SHA-256; --resume says so in one line and continues from the previous one, ending as an uninterrupted run', async () => {
    const straight = await runCli(['train', '--config', 'five.yaml', '--out', 'straight', '--quiet'], dir.path);
    expect(straight.code).toBe(0);
    expect((await runCli(['train', '--config', 'three.yaml', '--out', 'run', '--quiet'], dir.path)).code).toBe(0);
    const newest = join(dir.path, 'run.checkpoints', 'checkpoint.json');
    await flipBit(newest);

    const resumed = await runCli(['train', '--config', 'five.yaml', '--out', 'run', '--resume', '--quiet'], dir.path);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(
      new RegExp(
        `^lab: warning: ${newest.replaceAll('.', '\\.')}: [^\\n]*; resuming from the previous checkpoint, ${newest.replaceAll('.', '\\.')}\\.previous\\n$`,
      ),
    );
    const a = await record('straight');
    const b = await record('run');
    const strip = ({ seconds: _s, ...model }: Record['models'][number]) => model;
    expect(b.models.map(strip)).toEqual(a.models.map(strip));
    // 84 training rows in batches of 16: 6 steps an epoch; the previous checkpoint is epoch 2's.
    expect(b.training.resumedFrom).toEqual({ path: `${newest}.previous`, iteration: 12 });
  });

  it('both damaged: one line naming the newest and why, exit 1', async () => {
    expect((await runCli(['train', '--config', 'three.yaml', '--out', 'both', '--quiet'], dir.path)).code).toBe(0);
    const newest = join(dir.path, 'both.checkpoints', 'checkpoint.json');
    await flipBit(newest);
    await flipBit(`${newest}.previous`);
    const resumed = await runCli(['train', '--config', 'five.yaml', '--out', 'both', '--resume', '--quiet'], dir.path);
    expect({ code: resumed.code, stdout: resumed.stdout }).toEqual({ code: 1, stdout: '' });
    expect(resumed.stderr).toMatch(/^lab: [^\n]*checkpoint\.json[^\n]*\n$/);
  });
});
