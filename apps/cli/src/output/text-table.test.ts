import { describe, expect, it } from 'vitest';
import { formatTextTable } from './text-table';

describe('formatTextTable', () => {
  it('pads columns to their widest cell, aligned as asked, without trailing spaces', () => {
    const text = formatTextTable(
      [
        { header: 'model', align: 'left' },
        { header: 'λ', align: 'right' },
      ],
      [
        ['L2', '0.7'],
        ['no regularization', '0'],
      ],
    );
    expect(text).toBe(
      ['model                λ', '-----------------  ---', 'L2                 0.7', 'no regularization    0', ''].join('\n'),
    );
  });
});
