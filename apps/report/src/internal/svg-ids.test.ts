import { describe, expect, it } from 'vitest';
import { normalizeSvgIds } from './svg-ids';

describe('normalizeSvgIds', () => {
  it('renumbers ids per prefix in order of appearance, references included', () => {
    const svg =
      '<svg><g clip-path="url(#clip7)"/><g clip-path="url(#clip3)"/><path fill="url(#gradient_12)"/>' +
      '<defs><clipPath id="clip7"/><clipPath id="clip3"/><linearGradient id="gradient_12"/></defs></svg>';
    expect(normalizeSvgIds(svg)).toBe(
      '<svg><g clip-path="url(#clip1)"/><g clip-path="url(#clip2)"/><path fill="url(#gradient_1)"/>' +
        '<defs><clipPath id="clip1"/><clipPath id="clip2"/><linearGradient id="gradient_1"/></defs></svg>',
    );
  });

  it('leaves colours and documents without ids alone', () => {
    const svg = '<svg><path fill="#aa0011" stroke="#4c78a8"/></svg>';
    expect(normalizeSvgIds(svg)).toBe(svg);
  });
});
