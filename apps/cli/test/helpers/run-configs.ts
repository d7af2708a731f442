/**
 * A run config with every kind of state a checkpoint holds (mini-batches, batch norm, dropout and
 * Adam) on three blobs, checkpointing every epoch into `checkpointPath` (relative to `<out>.checkpoints`).
 */
export function checkpointedBlobsConfig(epochs: number, checkpointPath: string): string {
  return `name: blobs
seed: 4
data: { kind: blobs, n: 120, centers: 3, std: 1.5 }
model:
  layers:
    - { kind: linear, units: 16, init: { kind: he } }
    - { kind: batchnorm }
    - { kind: relu }
    - { kind: dropout, keepProb: 0.9 }
    - { kind: linear, units: 3 }
  loss: softmax-cross-entropy
optimizer: { kind: adam, learningRate: 0.01 }
training: { epochs: ${epochs}, batchSize: 16, costEvery: 3, checkpoints: { path: ${checkpointPath}, interval: 1 } }
`;
}
