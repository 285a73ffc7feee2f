/** What every screen of a signed-in session needs: the database, the engine, who I am. */
import { createContext, useContext } from 'react';
import type { TradewindDb } from '../db/schema';
import type { SyncEngine } from './engine';

export interface SessionContextValue {
  db: TradewindDb;
  engine: SyncEngine;
  me: string;
  signOut: () => void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside a signed-in session');
  return v;
}
