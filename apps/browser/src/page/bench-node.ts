import { kernelTimings } from './kernel-timings';

// The Node entry of the benchmark: the same bundle's timings as one JSON line on stdout.
console.log(JSON.stringify(kernelTimings()));
