/** Evidence: evidence:attest (feature.ts), bundles from the server's records (service.ts), the operator CLI (cli.ts). */
export { evidenceFeature } from './feature';
export { exportFromServer } from './service';
export { EVIDENCE_USAGE, evidenceCommand } from './cli';
