/**
 * Who the messaging bench's member with many conversations is (bench/messaging/seed.ts seeds them
 * into Tradewind's store; bench/messaging/relay.ts answers the same list from memory).
 */
export const SELLER = 'bench-seller';

/** The id of the seller's `i`-th partner. */
export const partnerId = (i: number): string => `bench-p${String(i).padStart(5, '0')}`;
