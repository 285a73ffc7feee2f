/** Accounts: creation, lookup, profile. Rows ↔ protocol shapes. */
import { AppError } from '../../../../shared/result';
import type {
  BusinessHours,
  ContactPolicy,
  Me,
  PresenceVisibility,
  Profile,
  PublicUser,
  Role,
} from '../../../../shared/protocol';
import { MemberId, defaultPresenceVisibility } from '../../../../shared/protocol';
import { isUniqueViolation, json, toIso, type Queryable } from '../../platform/db/store';
import { DEFAULT_SCRYPT, hashPassword, type ScryptParams } from './password';

export interface UserRow {
  member_id: string;
  display_name: string;
  password_hash: string;
  role: Role;
  company: string;
  country: string;
  time_zone: string;
  languages: string[];
  business_hours: BusinessHours | null;
  contact_policy: ContactPolicy;
  presence_visibility: PresenceVisibility;
  read_language: string;
  member_since: Date | string;
  last_seen_at: Date | string | null;
}

export function toPublicUser(row: UserRow): PublicUser {
  const profile: Profile = {
    company: row.company,
    country: row.country,
    timeZone: row.time_zone,
    languages: row.languages,
  };
  if (row.business_hours) profile.businessHours = row.business_hours;
  return {
    memberId: row.member_id,
    displayName: row.display_name,
    role: row.role,
    profile,
    memberSince: toIso(row.member_since),
  };
}

export function toMe(row: UserRow): Me {
  return {
    ...toPublicUser(row),
    contactPolicy: row.contact_policy,
    presenceVisibility: row.presence_visibility,
    readLanguage: row.read_language,
  };
}

export async function getUser(db: Queryable, memberId: string): Promise<UserRow | null> {
  const rows = await db.query<UserRow>('select * from users where member_id = $1', [memberId]);
  return rows[0] ?? null;
}

export async function requireUser(db: Queryable, memberId: string): Promise<UserRow> {
  const row = await getUser(db, memberId);
  if (!row) throw new AppError('not_found', `There is no member with the id "${memberId}".`);
  return row;
}

export interface NewUser {
  memberId: string;
  displayName: string;
  password: string;
  role: Role;
  profile: Profile;
  readLanguage?: string | undefined;
  contactPolicy?: ContactPolicy | undefined;
  /** Defaults to the role's (`defaultPresenceVisibility`). */
  presenceVisibility?: PresenceVisibility | undefined;
  /** Defaults to now; the demo data backdates it. */
  memberSince?: Date | undefined;
}

const taken = (memberId: string) =>
  new AppError('conflict', `The member id "${memberId}" is taken. Please choose another.`);

/** `cost`: scrypt's parameters for the new password (the server's `passwordCost`). */
export async function createUser(
  db: Queryable,
  input: NewUser,
  now: Date,
  cost: ScryptParams = DEFAULT_SCRYPT,
): Promise<UserRow> {
  // Answer a taken id before spending scrypt's CPU on it; the unique key still decides races.
  if (await getUser(db, input.memberId)) throw taken(input.memberId);
  const passwordHash = await hashPassword(input.password, cost);
  try {
    const rows = await db.query<UserRow>(
      `insert into users (member_id, display_name, password_hash, role, company, country, time_zone,
                          languages, business_hours, contact_policy, read_language, member_since,
                          presence_visibility)
       values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12, $13)
       returning *`,
      [
        input.memberId,
        input.displayName,
        passwordHash,
        input.role,
        input.profile.company,
        input.profile.country,
        input.profile.timeZone,
        json(input.profile.languages),
        json(input.profile.businessHours ?? null),
        input.contactPolicy ?? 'anyone',
        input.readLanguage ?? input.profile.languages[0] ?? 'en',
        input.memberSince ?? now,
        input.presenceVisibility ?? defaultPresenceVisibility(input.role),
      ],
    );
    return rows[0]!;
  } catch (err) {
    if (isUniqueViolation(err)) throw taken(input.memberId);
    throw err;
  }
}

export interface ProfileChanges {
  displayName?: string | undefined;
  /** `businessHours: null` clears published hours; an absent key keeps them. */
  profile?:
    | (Omit<Partial<Profile>, 'businessHours'> & { businessHours?: BusinessHours | null | undefined })
    | undefined;
  contactPolicy?: ContactPolicy | undefined;
  presenceVisibility?: PresenceVisibility | undefined;
  readLanguage?: string | undefined;
}

export async function updateUser(db: Queryable, memberId: string, c: ProfileChanges): Promise<UserRow> {
  const p = c.profile ?? {};
  const rows = await db.query<UserRow>(
    `update users set
       display_name   = coalesce($2, display_name),
       company        = coalesce($3, company),
       country        = coalesce($4, country),
       time_zone      = coalesce($5, time_zone),
       languages      = coalesce($6::jsonb, languages),
       business_hours = case when $7::boolean then $8::jsonb else business_hours end,
       contact_policy = coalesce($9, contact_policy),
       read_language  = coalesce($10, read_language),
       presence_visibility = coalesce($11, presence_visibility)
     where member_id = $1
     returning *`,
    [
      memberId,
      c.displayName ?? null,
      p.company ?? null,
      p.country ?? null,
      p.timeZone ?? null,
      json(p.languages),
      // null (not published) is a change too; only an absent value keeps the stored hours.
      p.businessHours !== undefined,
      json(p.businessHours ?? null),
      c.contactPolicy ?? null,
      c.readLanguage ?? null,
      c.presenceVisibility ?? null,
    ],
  );
  if (!rows[0]) throw new AppError('not_found', 'Your account no longer exists.');
  return rows[0];
}

export async function listUsers(db: Queryable): Promise<UserRow[]> {
  return db.query<UserRow>('select * from users order by member_since, member_id');
}

/**
 * Creates many accounts that share one password (scrypt runs once): operator and benchmark
 * seeding (`npm run server -- seed …`). Ids already taken are left as they are.
 */
export async function createUsersSharingPassword(
  db: Queryable,
  inputs: readonly Omit<NewUser, 'password'>[],
  password: string,
  now: Date,
): Promise<void> {
  if (inputs.length === 0) return;
  // What sign-up refuses is refused here too: an id nobody could sign in with, or one that would
  // need escaping wherever it is written (conversation ids are made of member ids).
  for (const u of inputs) {
    const parsed = MemberId.safeParse(u.memberId);
    if (!parsed.success || parsed.data !== u.memberId)
      throw new AppError(
        'bad_request',
        `"${u.memberId}" is not a member id: ${parsed.error?.issues[0]?.message ?? 'it must be lower case, without spaces.'}`,
      );
  }
  const passwordHash = await hashPassword(password);
  await db.query(
    `insert into users (member_id, display_name, password_hash, role, company, country, time_zone,
                        languages, read_language, member_since)
     select id, name, $3, role, company, country, tz, langs::jsonb, rl, $4::timestamptz
     from unnest($1::text[], $2::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
       as t(id, name, role, company, country, tz, langs, rl)
     on conflict (member_id) do nothing`,
    [
      inputs.map((u) => u.memberId),
      inputs.map((u) => u.displayName),
      passwordHash,
      now,
      inputs.map((u) => u.role),
      inputs.map((u) => u.profile.company),
      inputs.map((u) => u.profile.country),
      inputs.map((u) => u.profile.timeZone),
      inputs.map((u) => JSON.stringify(u.profile.languages)),
      inputs.map((u) => u.readLanguage ?? u.profile.languages[0] ?? 'en'),
    ],
  );
}
