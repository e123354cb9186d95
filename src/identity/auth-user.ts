/** The staff user a request acts as: the account as it is now (the admin flag from the database). */
export interface AuthUser {
  id: string;
  email: string;
  isAdmin: boolean;
}

export interface JwtClaims {
  sub: string;
  email: string;
  /** The account's token version when signed; a bumped version ends the token. */
  ver: number;
}
