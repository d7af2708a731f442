import { describe, expect, it } from 'vitest';
import { tensor, zeros } from './create';
import { cos, sin } from './trig';

describe('sin, cos', () => {
  it('agree with the exact values at the angles where they are known', () => {
    const x = tensor([[0, Math.PI / 6, Math.PI / 2, Math.PI, -Math.PI / 2]]);
    // The doubles π/6, π, π/3 are not the real angles: NumPy gives these (from Python's math on glibc).
    expect(sin(x).toArray()).toEqual([[0, 0.49999999999999994, 1, 1.2246467991473532e-16, -1]]);
    expect(cos(tensor([0, Math.PI / 3, Math.PI, 2 * Math.PI])).toArray()).toEqual([1, 0.5000000000000001, -1, 1]);
  });

  it('give glibc’s last bit where V8’s Math.cos and Math.sin give another (angles of make_circles(300))', () => {
    // NumPy on Linux (glibc) for the outer circle's angles i·2π/150, from Python's math.cos/sin.
    const t = (2 * Math.PI) / 150;
    expect(Array.from(cos(tensor([13 * t, 63 * t])).data)).toEqual([0.8553642601605066, -0.8763066800438634]);
    expect(Array.from(sin(tensor([20 * t, 52 * t, 100 * t])).data)).toEqual([0.7431448254773941, 0.8211492091337041, -0.8660254037844384]);
    expect([Math.cos(13 * t), Math.sin(20 * t)]).toEqual([0.8553642601605067, 0.7431448254773942]);
  });

  it('write into out and check its shape', () => {
    const x = tensor([1, 2, 3]);
    const out = zeros(3);
    expect(sin(x, out)).toBe(out);
    expect(() => cos(x, zeros(2))).toThrow('cos: (3,): out must have shape (3,), got (2,)');
  });
});
