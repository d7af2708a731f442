import { getBackend } from '@lab/tensor';
import { runCases } from './cases';
import { runTrainingCases } from './training-cases';

/** What the page leaves on `window.labResult` for the test to read. */
export type PageResult =
  | {
      readonly ok: true;
      readonly results: Record<string, number[]>;
      readonly engineMath: Record<string, number[]>;
      readonly backend: string;
    }
  | { readonly ok: false; readonly error: string };

// The browser entry of the test page: run the cases once and leave the outcome on window.
const target = window as unknown as { labResult?: PageResult };
try {
  const training = runTrainingCases();
  target.labResult = { ok: true, results: { ...runCases(), ...training.exact }, engineMath: training.engineMath, backend: getBackend() };
} catch (error) {
  target.labResult = { ok: false, error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) };
}
