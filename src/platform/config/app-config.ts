import { plainToInstance, Transform } from 'class-transformer';
import { IsTrustProxy } from '../http/trust-proxy.js';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export const PROCESS_ROLES = ['all', 'api', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const PREVIOUS_SECRETS = /^[A-Za-z0-9_-]{1,16}:[^,]{32,}(,[A-Za-z0-9_-]{1,16}:[^,]{32,})*$/;
const DEVELOPMENT_SECRET = 'plenary-local-development-secret-change-me';
const DEVELOPMENT_ADMIN_PASSWORD = 'plenary-admin-password';

/**
 * Values anyone can read in this repository: the defaults above, and what docker/compose.yml
 * supplied before it required a secret of one's own. Production refuses every one of them.
 */
export const SHIPPED_SECRETS: readonly string[] = [DEVELOPMENT_SECRET, 'change-me-to-a-long-random-secret-of-32+chars'];
export const SHIPPED_ADMIN_PASSWORDS: readonly string[] = [DEVELOPMENT_ADMIN_PASSWORD];

/**
 * The environment Plenary reads, validated at boot. Every field has a default that works
 * on a developer machine with the project-local services from scripts/services.sh.
 * Variable names are the upper-snake-case of the field names (see ENV_NAMES).
 */
export class AppConfig {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgresql:// URL' })
  databaseUrl = 'postgresql://plenary:plenary@127.0.0.1:54329/plenary';

  /**
   * PostgreSQL connections per process. Keep the sum over all API and worker processes under
   * the server's max_connections. On the 2-core development machine bench/vote-storm.ts ran
   * alike with 6, 10 and 20: past a few per core, more connections only wait on each other.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  databasePoolSize = 10;

  /** Longest one statement of the app may run (ms); PostgreSQL cancels it after that. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  databaseStatementTimeoutMs = 30_000;

  /** Longest a transaction of the app may sit idle (ms) before PostgreSQL ends it and frees its locks. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  databaseIdleInTransactionTimeoutMs = 60_000;

  /** Connections of the separate pool that streaming exports use (so unread downloads cannot take the app's). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  exportPoolSize = 3;

  /** How long a new export waits for a free export connection before a 503 (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  exportWaitMs = 5_000;

  /** Longest an export's statement or transaction may last (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  exportTimeoutMs = 300_000;

  /** Longest a client may take to send a whole request, headers and body (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  requestTimeoutMs = 30_000;

  /**
   * A connection with no bytes moving either way this long is closed (ms): a slow sender, and a
   * reader that stopped reading a download or a live stream. Keep it above CANVAS_HEARTBEAT_MS.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  connectionTimeoutMs = 60_000;

  /** Live canvas streams one process keeps open at most (each holds a socket and a descriptor). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  canvasStreamsPerProcess = 2_000;

  /** Live canvas streams one address may hold open on one process (a venue's phones and walls share it). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  canvasStreamsPerAddress = 600;

  /** Live canvas streams one participant (cookie, personal link or staff account) may hold open on one process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  canvasStreamsPerParticipant = 6;

  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' })
  redisUrl = 'redis://127.0.0.1:63799';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  port = 3000;

  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  appUrl = 'http://localhost:3000';

  /**
   * `production` (the Docker image sets it) refuses to start with any secret or password
   * that ships with Plenary, and the demo is seeded only when SEED_DEMO asks for it.
   */
  @IsIn(['development', 'production', 'test'])
  nodeEnv: 'development' | 'production' | 'test' = 'development';

  /**
   * The one secret every key is derived from (HKDF-SHA-256, one key per purpose: staff
   * tokens, sealed personal links, participant cookies, sealed ballots, flash cookies).
   * JWT_SECRET, its name before key derivation, is read when MASTER_SECRET is not set.
   */
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  masterSecret = DEVELOPMENT_SECRET;

  /** Names the master secret's keys: sealed values and staff tokens carry it, so the secret can be rotated. */
  @Matches(KEY_ID, { message: 'must be 1 to 16 letters, digits, - or _' })
  masterKeyId = 'k1';

  /**
   * Master secrets that were rotated out, as `keyId:secret` pairs separated by commas: what
   * they sealed or signed is still opened and verified; nothing new uses them.
   */
  @IsOptional()
  @Matches(PREVIOUS_SECRETS, {
    message: 'must be keyId:secret pairs (secrets of at least 32 characters) separated by commas',
  })
  previousMasterSecrets?: string;

  /**
   * How long a staff access token (the API's bearer) lives. Short, because a copied token
   * works until then for whoever holds it (sign-out and deactivation end it sooner).
   */
  @Matches(/^\d+[smhd]$/, { message: 'must be a duration such as 15m, 1h or 1d' })
  jwtExpiresIn = '1h';

  /** A staff browser session ends after this many minutes without a request. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  staffSessionIdleMinutes = 60;

  /** And this many hours after sign-in, however busy. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  staffSessionMaxHours = 12;

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  smtpUrl?: string;

  /**
   * SMTP connections per worker process. A message waits for its connection's round trips,
   * so a worker with more connections keeps more messages moving; some relays cap
   * connections per client (lower it for those).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  smtpPoolSize = 16;

  @IsString()
  @MinLength(3)
  mailFrom = 'Plenary <no-reply@plenary.local>';

  @IsString()
  mailDir = '.data/mail';

  @IsIn(PROCESS_ROLES)
  processRole: ProcessRole = 'all';

  @IsEmail()
  adminEmail = 'admin@plenary.local';

  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  adminPassword = DEVELOPMENT_ADMIN_PASSWORD;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  logLevel = 'info';

  /** Bull's key prefix; each e2e test file uses its own so files run in parallel. */
  @IsString()
  @MinLength(1)
  queuePrefix = 'plenary';

  /** How often a worker looks for due outbox rows. */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  outboxPollMs = 1000;

  /** Rows stuck in queued/sending longer than this go back to pending (their job is gone). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  outboxStaleMs = 60_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  outboxMaxAttempts = 6;

  /** Base of the exponential backoff between delivery attempts. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  outboxBackoffMs = 5_000;

  /** How often a worker reconciles every event's reminders with its rules (a safety net). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  reminderSyncMs = 30_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSizeMax = 100;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  bodyLimitBytes = 1_048_576;

  /**
   * The largest body a request not from signed-in staff may send (registrations, notes, ballots and
   * page forms need a few kilobytes); capped by BODY_LIMIT_BYTES.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  publicBodyLimitBytes = 65_536;

  /**
   * Which proxies' X-Forwarded-For to believe: empty or false (nobody: the client is the TCP
   * peer), a number of hops, or proxy addresses/CIDRs. See the README's scaling section.
   */
  @IsTrustProxy()
  trustProxy = '';

  /**
   * Sign-in requests per minute per email and address; the address alone gets 10x. Limits keyed
   * on who is acting count a key only once it is verified; a request without one counts against
   * its address at the rule's own limit.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  rateLimitLogin = 10;

  /**
   * Failed sign-ins one email may have from one address (in 15 minutes) before each further
   * failure makes that address wait, twice as long each time (1 s, 2 s, 4 s … up to 15 minutes).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  loginFreeFailures = 5;

  /**
   * Failed sign-ins one email may have from all addresses together (in 15 minutes) before
   * addresses it has never signed in from must wait; the owner's own addresses are not stopped.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  loginEmailFailureLimit = 50;

  /** Unsuccessful sign-ins to one account (in 15 minutes) after which its owner is emailed, once per hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  loginAlertFailures = 10;

  /** Requests per minute from one address on a route without its own rule, and anonymous reads of a canvas. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  rateLimitDefault = 600;

  /**
   * Requests per minute per route from one address by verified actors (participant cookies,
   * personal links, emails) together: a venue's whole room shares one Wi-Fi address, so this is
   * a backstop for hundreds of phones, not a per-person limit.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  rateLimitPerAddress = 1500;

  /** New canvas participant cookies one address may be given per hour (each is a participant with its own limits). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  participantCookiesPerAddress = 1000;

  /** Registrations and link re-sends per minute for one email address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  rateLimitRegistration = 10;

  /**
   * "Your personal link" emails one registration may be sent per hour, however often its
   * address is used to register again or to ask for the link: the link reaches its owner
   * without a stranger being able to flood them.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  registrationLinkMailsPerHour = 3;

  /** Unknown join codes one participant (or, without a verified one, one address) may try per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  joinCodeMissesPerMinute = 20;

  /** Canvas notes a participant may post per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  rateLimitCanvasNotes = 30;

  /** Canvas dot-votes (successful or not) a participant may send per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  rateLimitCanvasDots = 120;

  /** How often a canvas event stream sends a heartbeat comment, keeping proxies from closing it. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  canvasHeartbeatMs = 15_000;

  /**
   * How far back the public live wall may replay (events): a wall needs only what happened
   * since its page loaded, so older history stays with the facilitators.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  canvasPublicReplayEvents = 200;

  /**
   * Ballots per minute for one delegate token. The shared venue IP gets 10x, so keep it
   * high enough that a room voting at once is not throttled (a second ballot is a 409 anyway).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  rateLimitBallots = 120;

  /** Turns off rate limits, for benchmarks that hammer one route from one address. */
  @Transform(toBool)
  @IsBoolean()
  rateLimitDisabled = false;

  /** Edits to a published agenda within this long of each other become one email per person. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  agendaChangeDebounceMs = 300_000;

  /** The longest a person waits for an agenda-change email while edits keep coming. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  agendaChangeMaxDelayMs = 1_800_000;

  /** How often a cached agenda is re-checked against the database (a backstop for lost invalidations). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  agendaCacheRecheckMs = 5_000;

  /** How often a worker counts in the sealed ballots of awards whose voting has closed. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  awardCloseCheckMs = 5_000;

  /** How often a worker releases agency places whose release date has come. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  agencyPlacesReleaseCheckMs = 30_000;

  /** Seed a demo meeting into an empty database at start-up. */
  @Transform(toBool)
  @IsBoolean()
  seedDemo = false;
}

export type AppConfigOverrides = Partial<AppConfig>;

/** Field name → environment variable, e.g. databaseUrl → DATABASE_URL. */
export const envName = (field: string): string => field.replace(/([A-Z])/g, '_$1').toUpperCase();

export class ConfigValidationError extends Error {}

/** Constraints on what kind of value it is; range checks on a value of the wrong kind say nothing useful. */
const KIND_CONSTRAINTS = ['isInt', 'isBoolean', 'isString', 'isIn', 'isUrl', 'isEmail', 'matches'];

/**
 * The one message that applies to a bad value: what kind it must be if it is not that kind
 * ("abc" for PORT is not "greater than 65535"), else the first range it breaks. The variable
 * is named once, by the caller, so the field name class-validator starts its messages with goes.
 */
function oneMessage(field: string, constraints: Record<string, string>): string {
  const kind = KIND_CONSTRAINTS.find((name) => name in constraints);
  const message = constraints[kind ?? Object.keys(constraints)[0]] ?? 'is invalid';
  return message.startsWith(`${field} `) ? message.slice(field.length + 1) : message;
}

/**
 * Builds the config from an environment (process.env in production), throwing a
 * message that names every bad variable. Values are never echoed: they may be secrets.
 */
export function loadConfig(env: Record<string, string | undefined>, overrides: AppConfigOverrides = {}): AppConfig {
  const defaults = new AppConfig();
  const raw: Record<string, unknown> = { ...defaults };
  for (const field of Object.keys(defaults)) {
    const value = env[envName(field)];
    if (value !== undefined && value !== '') raw[field] = value;
  }
  for (const field of ['smtpUrl', 'previousMasterSecrets'] as const) {
    const value = env[envName(field)];
    if (value) raw[field] = value;
  }
  // The master secret's former name, for deployments that set only JWT_SECRET.
  const secretName = !env.MASTER_SECRET && env.JWT_SECRET && !overrides.masterSecret ? 'JWT_SECRET' : 'MASTER_SECRET';
  if (secretName === 'JWT_SECRET') raw.masterSecret = env.JWT_SECRET;
  Object.assign(raw, overrides);

  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { forbidUnknownValues: true });
  const nameOf = (field: string) => (field === 'masterSecret' ? secretName : envName(field));
  const lines = errors.map((e) => `${nameOf(e.property)}: ${oneMessage(e.property, e.constraints ?? {})}`);
  if (lines.length === 0 && config.nodeEnv === 'production') lines.push(...productionRefusals(config, secretName));
  if (lines.length > 0) throw new ConfigValidationError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  return config;
}

/** What production mode will not start with: secrets and passwords that ship with Plenary. */
function productionRefusals(config: AppConfig, secretName: string): string[] {
  const generate = 'set a long random one of your own (openssl rand -base64 48)';
  const refusals: string[] = [];
  if (SHIPPED_SECRETS.includes(config.masterSecret)) {
    refusals.push(`${secretName}: is a value shipped with Plenary, so anyone can forge tokens with it; ${generate}`);
  }
  const previous = (config.previousMasterSecrets ?? '').split(',').filter(Boolean);
  if (previous.some((pair) => SHIPPED_SECRETS.includes(pair.slice(pair.indexOf(':') + 1)))) {
    refusals.push('PREVIOUS_MASTER_SECRETS: holds a value shipped with Plenary; remove it');
  }
  if (SHIPPED_ADMIN_PASSWORDS.includes(config.adminPassword)) {
    refusals.push('ADMIN_PASSWORD: is the password shipped with Plenary; set one of your own');
  }
  return refusals;
}

/** The process environment; the only place that reads it. */
export const loadConfigFromEnvironment = (overrides: AppConfigOverrides = {}): AppConfig =>
  loadConfig(process.env, overrides);
