/**
 * The socket.io event maps. Every client→server event takes one payload and an ack callback that
 * receives a `Result`; server→client events are notifications without ack. The payload schema
 * for each request lives in `requestSchemas` so the server can parse generically.
 */
import type { z } from 'zod';
import type { Result } from '../result';
import * as S from './schemas';
import * as T from './translation';
import * as G from './groups';
import * as E from './evidence';
import * as Q from './quickReplies';
import * as AR from './autoReply';
import * as A from './account';

/** Client → server requests: name → [request schema, response type]. */
export const requestSchemas = {
  'auth:signUp': S.SignUpRequest,
  'auth:signIn': S.SignInRequest,
  'auth:signOut': S.SignOutRequest,
  'profile:get': S.Empty,
  'profile:update': S.ProfileUpdate,
  'user:lookup': S.MemberRef,
  'contact:list': S.Empty,
  'contact:add': S.MemberRef,
  'contact:remove': S.MemberRef,
  'contact:block': S.BlockRequest,
  'group:list': G.GroupListRequest,
  'group:create': G.GroupCreateRequest,
  'group:rename': G.GroupRenameRequest,
  'group:collapse': G.GroupCollapseRequest,
  'group:reorder': G.GroupReorderRequest,
  'group:delete': G.GroupDeleteRequest,
  'contact:move': G.ContactMoveRequest,
  'contact:pin': G.ContactPinRequest,
  'contact:note': G.ContactNoteRequest,
  'contactRequest:list': G.ContactRequestListRequest,
  'contactRequest:accept': G.ContactRequestAnswer,
  'contactRequest:decline': G.ContactRequestAnswer,
  'message:send': S.SendMessageRequest,
  'message:receipt': S.ReceiptRequest,
  'message:receipts': S.ReceiptsRequest,
  'typing:set': S.TypingRequest,
  'sync:conversations': S.SyncConversationsRequest,
  'sync:messages': S.SyncMessagesRequest,
  'sync:batch': S.SyncBatchRequest,
  'presence:set': S.PresenceSetRequest,
  'translate:texts': T.TranslateTextsRequest,
  'translate:preview': T.TranslatePreviewRequest,
  'translate:languages': S.Empty,
  'glossary:list': T.GlossaryListRequest,
  'glossary:put': T.GlossaryPutRequest,
  'glossary:delete': T.GlossaryDeleteRequest,
  'evidence:attest': E.AttestRequest,
  'quickReply:list': Q.QuickReplyListRequest,
  'quickReply:put': Q.QuickReplyPutRequest,
  'quickReply:delete': Q.QuickReplyDeleteRequest,
  'autoReply:get': S.Empty,
  'autoReply:set': AR.AutoReplySetRequest,
  'session:list': S.Empty,
  'session:revoke': A.SessionRevokeRequest,
  'settings:get': S.Empty,
  'settings:update': A.SettingsUpdate,
} as const;

export type RequestName = keyof typeof requestSchemas;

/** What each request answers with on success. */
export interface ResponseMap {
  'auth:signUp': S.Session;
  'auth:signIn': S.Session;
  'auth:signOut': Record<string, never>;
  'profile:get': S.Me;
  'profile:update': S.Me;
  'user:lookup': S.PublicUser;
  'contact:list': S.Contact[];
  'contact:add': S.Contact;
  'contact:remove': Record<string, never>;
  'contact:block': S.Contact;
  'group:list': G.GroupListResponse;
  'group:create': G.GroupResult;
  'group:rename': G.GroupResult;
  'group:collapse': G.GroupResult;
  'group:reorder': G.GroupReorderResult;
  'group:delete': G.GroupDeleteResult;
  'contact:move': G.ContactsResult;
  'contact:pin': G.ContactsResult;
  'contact:note': G.ContactsResult;
  'contactRequest:list': G.ContactRequest[];
  'contactRequest:accept': S.Contact;
  'contactRequest:decline': Record<string, never>;
  'message:send': S.SendAck;
  'message:receipt': S.ReceiptEvent;
  'message:receipts': S.ReceiptsResponse;
  'typing:set': Record<string, never>;
  'sync:conversations': S.ConversationSummary[];
  'sync:messages': S.SyncMessagesResponse;
  'sync:batch': S.SyncBatchResponse;
  'presence:set': S.Presence;
  'translate:texts': T.TranslateTextsResponse;
  'translate:preview': T.TranslatePreviewResponse;
  'translate:languages': T.TranslateLanguagesResponse;
  'glossary:list': T.Glossary[];
  'glossary:put': T.Glossary;
  'glossary:delete': Record<string, never>;
  'evidence:attest': E.AttestResponse;
  'quickReply:list': Q.QuickReplyListResponse;
  'quickReply:put': Q.QuickReplyResult;
  'quickReply:delete': Q.QuickReplyResult;
  'autoReply:get': AR.AutoReplySettings;
  'autoReply:set': AR.AutoReplySettings;
  'session:list': A.SessionInfo[];
  'session:revoke': A.SessionRevokeResponse;
  'settings:get': A.AccountSettings;
  'settings:update': A.AccountSettings;
}

export type RequestPayload<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;
export type ParsedRequest<N extends RequestName> = z.output<(typeof requestSchemas)[N]>;

export type ClientToServerEvents = {
  [N in RequestName]: (payload: RequestPayload<N>, ack: (result: Result<ResponseMap[N]>) => void) => void;
};

/** Server → client notifications. */
export interface ServerToClientEvents {
  'message:new': (message: S.Message) => void;
  'receipt:updated': (receipt: S.ReceiptEvent) => void;
  'typing:changed': (event: S.TypingEvent) => void;
  'presence:changed': (presence: S.Presence) => void;
  /** A contact was added, changed or removed on another device of mine, or someone added me. */
  'contact:changed': (change: S.ContactChange) => void;
  /** One of my groups was created, renamed, collapsed, moved or deleted on another device. */
  'group:changed': (event: G.GroupChangedEvent) => void;
  /** Someone asked to add me (my policy is "ask me first"). */
  'contactRequest:received': (request: G.ContactRequest) => void;
  /** A request of mine changed on another device of mine (sent, accepted, declined) or was accepted. */
  'contactRequest:changed': (request: G.ContactRequest) => void;
  /** One of my quick replies was saved or deleted (tombstone) on another device of mine. */
  'quickReply:changed': (event: Q.QuickReplyChangedEvent) => void;
  /** My away auto-reply settings changed on another device of mine. */
  'autoReply:changed': (settings: AR.AutoReplySettings) => void;
  /** My profile changed on another device of mine. */
  'profile:changed': (me: S.Me) => void;
  /** My account settings changed on another device of mine (`settings:update`). */
  'settings:changed': (settings: A.AccountSettings) => void;
  /** The session was revoked (signed out elsewhere); the client must sign in again. */
  'session:revoked': (info: { reason: string }) => void;
}

/**
 * Handshake `auth` payload: `{ token }` for a signed-in client, `{}` for an anonymous one.
 * `presence` is the setting the device starts with (what it would send in `presence:set`,
 * `away` while idle); the server parses it with `PresenceSetting` and takes `online` when it is
 * absent or not valid.
 */
export interface HandshakeAuth {
  token?: string;
  presence?: S.PresenceSetting;
}

/**
 * The schema of each request's success value, so a client parses every ack (STYLE.md: types are
 * no validation). `satisfies` keeps it in step with `ResponseMap`.
 */
export const responseSchemas = {
  'auth:signUp': S.Session,
  'auth:signIn': S.Session,
  'auth:signOut': S.Empty,
  'profile:get': S.Me,
  'profile:update': S.Me,
  'user:lookup': S.PublicUser,
  'contact:list': S.Contact.array(),
  'contact:add': S.Contact,
  'contact:remove': S.Empty,
  'contact:block': S.Contact,
  'group:list': G.GroupListResponse,
  'group:create': G.GroupResult,
  'group:rename': G.GroupResult,
  'group:collapse': G.GroupResult,
  'group:reorder': G.GroupReorderResult,
  'group:delete': G.GroupDeleteResult,
  'contact:move': G.ContactsResult,
  'contact:pin': G.ContactsResult,
  'contact:note': G.ContactsResult,
  'contactRequest:list': G.ContactRequestList,
  'contactRequest:accept': S.Contact,
  'contactRequest:decline': S.Empty,
  'message:send': S.SendAck,
  'message:receipt': S.ReceiptEvent,
  'message:receipts': S.ReceiptsResponse,
  'typing:set': S.Empty,
  'sync:conversations': S.ConversationSummary.array(),
  'sync:messages': S.SyncMessagesResponse,
  'sync:batch': S.SyncBatchResponse,
  'presence:set': S.Presence,
  'translate:texts': T.TranslateTextsResponse,
  'translate:preview': T.TranslatePreviewResponse,
  'translate:languages': T.TranslateLanguagesResponse,
  'glossary:list': T.GlossaryListResponse,
  'glossary:put': T.Glossary,
  'glossary:delete': S.Empty,
  'evidence:attest': E.AttestResponse,
  'quickReply:list': Q.QuickReplyListResponse,
  'quickReply:put': Q.QuickReplyResult,
  'quickReply:delete': Q.QuickReplyResult,
  'autoReply:get': AR.AutoReplySettings,
  'autoReply:set': AR.AutoReplySettings,
  'session:list': A.SessionList,
  'session:revoke': A.SessionRevokeResponse,
  'settings:get': A.AccountSettings,
  'settings:update': A.AccountSettings,
} as const satisfies { [N in RequestName]: z.ZodType<ResponseMap[N], unknown> };
