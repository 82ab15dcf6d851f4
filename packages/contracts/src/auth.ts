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
  label: string;
  createdAt: string;
}
