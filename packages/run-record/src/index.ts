export * from './record-version';
export * from './recorded-cost';
export * from './run-record';
