import fs from 'node:fs';
import path from 'node:path';
import { configSchema } from '../../../server/config';

describe('the README', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');

  test('documents every environment variable the server reads', () => {
    const undocumented = Object.keys(configSchema.shape).filter(
      (name) => !readme.includes(`| \`${name}\``),
    );
    expect(undocumented).toEqual([]);
  });

  test('gives the two quick-start commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
