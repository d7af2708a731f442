// The slow suite: the example configs that train long (the course's three models on football.mat,
// CS231n's deep MLP on MNIST), and the sweep presets in examples/.
export { slowTests as default } from '../../vitest.shared.ts';
