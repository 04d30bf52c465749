export * from './messages';
export * from './decision';
export * from './aggregate';
export * from './command-records';
