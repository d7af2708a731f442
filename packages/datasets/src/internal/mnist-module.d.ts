/** The slice of the `mnist` package (cazala/mnist, an optional peer dependency) that lab uses. */
declare module 'mnist' {
  interface MnistDigit {
    /** Number of samples of this digit. */
    readonly length: number;
    /** Samples `start` … `end` inclusive, each 784 pixels in [0, 1], row by row. */
    range(start: number, end: number): number[][];
  }
  const digits: readonly MnistDigit[];
  export default digits;
}
