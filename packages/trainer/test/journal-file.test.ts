import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatJournalEvent, type JournalEvent, parseJournal } from '../src/index';
import { JournalFile } from '../src/node/index';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lab-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const events: JournalEvent[] = [
  { type: 'sweep', version: 1, name: 'λ', at: 'a', config: { name: 'λ' } },
  { type: 'resume', at: 'b' },
  { type: 'complete', at: 'c', trials: 0 },
];

describe('JournalFile', () => {
  it('appends one line per event, in call order', async () => {
    const path = join(dir, 'journal.jsonl');
    const journal = await JournalFile.create(path);
    await Promise.all(events.map((e) => journal.append(e)));
    await journal.close();
    expect(await readFile(path, 'utf8')).toBe(events.map(formatJournalEvent).join(''));
  });

  it('refuses to create over an existing journal, and to resume a missing one', async () => {
    const path = join(dir, 'journal.jsonl');
    await writeFile(path, '');
    await expect(JournalFile.create(path)).rejects.toThrow(
      /^journal\.jsonl: a sweep journal already exists in .*: resume it with --resume, or choose another --out$/,
    );
    await expect(JournalFile.resume(join(dir, 'other.jsonl'))).rejects.toThrow(/^other\.jsonl: no sweep journal in .* to resume/);
  });

  it('cuts a torn last line off before appending, with a warning', async () => {
    const path = join(dir, 'journal.jsonl');
    const good = formatJournalEvent(events[0] as JournalEvent);
    await writeFile(path, `${good}{"type":"resu`);
    const { journal, parsed } = await JournalFile.resume(path);
    expect(parsed.warnings).toEqual(['journal.jsonl: line 2 is incomplete or garbled (a write cut short by a crash): dropped it']);
    await journal.append(events[1] as JournalEvent);
    await journal.close();
    const text = await readFile(path, 'utf8');
    expect(text).toBe(good + formatJournalEvent(events[1] as JournalEvent));
    expect(parseJournal(text).warnings).toEqual([]);
  });
});
