import { ConfigValidationError, envName, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('works with no environment at all', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.processRole).toBe('all');
    expect(config.smtpUrl).toBeUndefined();
  });

  it('reads and converts variables', () => {
    const config = loadConfig({ PORT: '8080', PROCESS_ROLE: 'worker', SMTP_URL: 'smtp://mail:25' });
    expect(config).toMatchObject({ port: 8080, processRole: 'worker', smtpUrl: 'smtp://mail:25' });
  });

  it('names the bad variable without echoing its value', () => {
    const run = () => loadConfig({ PORT: 'eighty', JWT_SECRET: 'short-secret-value' });
    expect(run).toThrow(ConfigValidationError);
    expect(run).toThrow(/PORT:/);
    expect(run).toThrow(/JWT_SECRET: must be at least 32 characters/);
    expect(run).not.toThrow(/short-secret-value/);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT: must be an integer number'],
    [{ PORT: '70000' }, 'PORT: must not be greater than 65535'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO: must be a boolean value'],
    [{ APP_URL: 'laptop' }, 'APP_URL: must be a URL address'],
    [{ PROCESS_ROLE: 'both' }, 'PROCESS_ROLE: must be one of the following values: all, api, worker'],
  ])('says the one thing wrong with %j, naming the variable once', (env, line) => {
    const message = (() => {
      try {
        loadConfig(env);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toBe(`Invalid configuration:\n  ${line}`);
  });

  it('rejects an unknown process role', () => {
    expect(() => loadConfig({ PROCESS_ROLE: 'both' })).toThrow(/PROCESS_ROLE/);
  });

  it('maps field names to variable names', () => {
    expect(envName('databaseUrl')).toBe('DATABASE_URL');
    expect(envName('outboxPollMs')).toBe('OUTBOX_POLL_MS');
  });
});
