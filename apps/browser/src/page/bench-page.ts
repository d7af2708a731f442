import { kernelTimings } from './kernel-timings';

// The browser entry of the benchmark page: time the kernels once and leave the timings on window.
const target = window as unknown as { labTimings?: unknown; labError?: string };
try {
  target.labTimings = kernelTimings();
} catch (error) {
  target.labError = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
}
