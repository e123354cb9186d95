/** What a verified staff JWT tells about its bearer. */
export interface AuthUser {
  id: string;
  email: string;
  isAdmin: boolean;
}

export interface JwtClaims {
  sub: string;
  email: string;
  adm: boolean;
}
