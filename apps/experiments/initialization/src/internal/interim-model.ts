import type { Param, Sequential } from '@lab/layers';
import { StateError, sum, Tensor } from '@lab/tensor';
import type { TrainingModel } from '@lab/trainer';

/** INTERIM, until @lab/trainer's compile lands: a Sequential ending in a sigmoid, with the course's cross-entropy. */
export interface BinaryNetworkModel extends TrainingModel {
  predictProba(x: Tensor): Tensor;
}

export function interimBinaryModel(network: Sequential): BinaryNetworkModel {
  const params: Param[] = network.params();
  const body = network.layers.slice(0, -1);
  let batch: { x: Tensor; y: Tensor } | undefined;
  let output: Tensor | undefined;
  return {
    params: () => params,
    setBatch: (x, y) => {
      batch = { x, y };
    },
    computeGradients: () => {
      if (batch === undefined) throw new StateError('computeGradients: call setBatch first');
      const a = network.forward(batch.x, 'train');
      output = a;
      const m = batch.x.shape[0] ?? 1;
      const dz = new Tensor(new Float64Array(a.size), a.shape);
      for (let i = 0; i < a.size; i++) dz.data[i] = (1 / m) * ((a.data[i] ?? 0) - (batch.y.data[i] ?? 0));
      let g: Tensor = dz;
      for (let i = body.length - 1; i >= 0; i--) g = (body[i] as (typeof body)[number]).backward(g);
    },
    cost: () => {
      if (batch === undefined || output === undefined) throw new StateError('cost: call computeGradients first');
      const a = output.data;
      const y = batch.y.data;
      const terms = new Float64Array(a.length);
      for (let i = 0; i < a.length; i++) {
        const term = -Math.log(a[i] ?? 0) * (y[i] ?? 0) + -Math.log(1 - (a[i] ?? 0)) * (1 - (y[i] ?? 0));
        terms[i] = Number.isNaN(term) ? 0 : term;
      }
      return (1 / a.length) * (sum(new Tensor(terms, [a.length])).data[0] ?? 0);
    },
    predictProba: (x) => network.forward(x, 'test'),
  };
}
