export * from './national-id';
