import { expect, it } from 'vitest';
import { FOOTBALL_TAG, footballMatPath } from '../../../../vitest.football';

it('needs football.mat too', { tags: [FOOTBALL_TAG] }, () => expect(footballMatPath()).toMatch(/\.mat$/));
