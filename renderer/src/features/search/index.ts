/** Message search (issue 10): the box and dialog, Ctrl/Cmd+F in a conversation, the background indexer. */
export { FindBar } from './FindBar';
export { SearchBox } from './SearchBox';
export { useSearchIndexer } from './progress';
