export * from './run-record';
