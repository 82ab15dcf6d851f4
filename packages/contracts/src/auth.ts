import { Type, type Static } from '@sinclair/typebox';

export const Role = Type.Union([
  Type.Literal('admin'),
  Type.Literal('analyst'),
  Type.Literal('reporter'),
  Type.Literal('viewer'),
]);
export type Role = Static<typeof Role>;

/** What a key may do, as stored (the key itself is stored only as a hash). */
export interface ApiKeyRecord {
  id: string;
  role: Role;
  /** Reporters: the districts they may post for. Empty for other roles. */
  districts: string[];
  /**
   * The regions the key may read (and, for reporters, post in); empty: every region. A wall
   * screen's viewer key is usually limited to its region.
   */
  regions?: string[];
  label: string;
  createdAt: string;
  /** After this instant the key no longer works (null or absent: no expiry). */
  expiresAt?: string | null;
}

/** A key record as listed, with when it was last used (null: never). */
export interface ApiKeyListing extends ApiKeyRecord {
  lastUsedAt: string | null;
}
