export * from './client.js';
export * from './errors.js';
export { grants } from './permissions.js';
export { EventParser } from './events.js';
