export * from './schemas';
export * from './events';
export * from './limits';
export * from './text';
export * from './conversation';
export * from './translation';
export * from './groups';
export * from './evidence';
