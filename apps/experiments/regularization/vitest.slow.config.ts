// The slow suite: reproducing the published results (3 models × 30000 iterations on football.mat).
export { slowTests as default } from '../../../vitest.shared.ts';
