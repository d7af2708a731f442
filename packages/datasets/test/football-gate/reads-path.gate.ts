import { describe, expect, it } from 'vitest';
import { FOOTBALL_TAG, footballMatPath } from '../../../../vitest.football';

describe('needs football.mat', { tags: [FOOTBALL_TAG] }, () => {
  it('gets its path', () => expect(footballMatPath()).toMatch(/\.mat$/));
  it('gets it again', () => expect(footballMatPath()).toMatch(/\.mat$/));
});

it('needs nothing', () => expect(1 + 1).toBe(2));
