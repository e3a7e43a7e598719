import path from 'node:path';
import { ConfigError, loadConfig, redactUri } from '../../../server/config';

describe('configuration from the environment', () => {
  test('defaults: port 3000 on loopback, embedded database under ./data', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.MONGODB_URI).toBeUndefined();
    expect(config.DATA_DIR).toBe(path.resolve('data'));
  });

  test('a port that is not a number stops start-up with a message naming PORT', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT="abc"/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  test('every bad value is named, not only the first', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'loud', MONGODB_URI: 'postgres://db' });
      throw new Error('should have failed');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const names = (err as ConfigError).problems.map((p) => p.split('=')[0]);
      expect(names.sort()).toEqual(['LOG_LEVEL', 'MONGODB_URI', 'PORT']);
    }
  });

  test('an empty variable counts as unset', () => {
    const config = loadConfig({ PORT: '', MONGODB_URI: '' });
    expect(config.PORT).toBe(3000);
    expect(config.MONGODB_URI).toBeUndefined();
  });

  test('passwords in a MongoDB URI are hidden in messages', () => {
    expect(redactUri('mongodb://admin:s3cret@db1:27017,db2/county?replicaSet=rs0')).toBe(
      'mongodb://admin:***@db1:27017,db2/county?replicaSet=rs0',
    );
    expect(redactUri('mongodb://db1/county')).toBe('mongodb://db1/county');
  });
});
