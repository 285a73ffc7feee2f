/** The away auto-reply (issue 11): its Settings section and the line an automatic reply's bubble carries. */
export { AutoReplySettings } from './AutoReplySettings';
export { AutomaticNote } from './AutomaticNote';
