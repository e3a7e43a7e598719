import { checkCharacter } from '../../../runtime';
import { seedDemoCounty } from '../../../seeds';
import { DEMO_PASSWORD } from '../../../seeds/demo-county';
import { PersonalDataCipher } from '../../../server/identity/personal-data';
import { ApiClient, signedIn } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, TEST_DATA_KEY, type TestServer } from '../../support/server';

const idOf = (first17: string) => first17 + checkCharacter(first17);
const ID = idOf('33030319850612301');

/** Applicants are a separate kind of account, with personal data encrypted at rest (ROLE-2). */
describe('applicant accounts', () => {
  const t = useTestDatabase();
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    await seedDemoCounty(server.models, () => undefined);
  });
  afterAll(() => server.close());

  const register = (body: Record<string, unknown>) =>
    new ApiClient(server.baseUrl).post('/api/applicant/register', {
      name: '王小明',
      idNumber: ID,
      phone: '13812345678',
      password: 'Citizen#2026',
      ...body,
    });

  test('an ID number with a wrong check digit, birth date or format is refused, naming the problem', async () => {
    const wrongCheck = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');
    const res = await register({ idNumber: wrongCheck });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'invalid_id_number',
      details: { problem: 'checkDigit' },
    });
    expect(res.body.error.message).toContain('校验位');
    expect(
      (await register({ idNumber: idOf('33030319851332301') })).body.error.details.problem,
    ).toBe('birthDate');
    expect((await register({ idNumber: { $gt: '' } })).status).toBe(400);
    expect(await server.models.applicants.countDocuments()).toBe(0);
  });

  test('registration stores the ID number and phone encrypted, never in plain text', async () => {
    const res = await register({});
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '王小明',
      idNumber: '330303********' + ID.slice(-4),
      phone: '138****5678',
    });
    const raw = await t.connection.db!.collection('applicants').findOne({});
    expect(JSON.stringify(raw)).not.toContain(ID);
    expect(JSON.stringify(raw)).not.toContain('13812345678');
    const cipher = new PersonalDataCipher(TEST_DATA_KEY);
    expect(cipher.decrypt(raw!.idNumberEncrypted as string)).toBe(ID);
    expect((await register({})).status).toBe(409);
  });

  test('an applicant logs in with ID number and password, and the session opens no staff route', async () => {
    const citizen = new ApiClient(server.baseUrl);
    const login = await citizen.post('/api/applicant/login', {
      idNumber: ID.toLowerCase(),
      password: 'Citizen#2026',
    });
    expect(login.status).toBe(200);
    citizen.csrfToken = login.body.csrfToken;
    expect(citizen.cookie).toMatch(/^asid=/);
    expect((await citizen.get('/api/applicant/me')).body.applicant.name).toBe('王小明');
    expect((await citizen.get('/api/auth/me')).status).toBe(401);
    expect((await citizen.get('/api/users')).status).toBe(401);
    // Even presented as a staff cookie, an applicant's session is not a staff session.
    const forged = new ApiClient(server.baseUrl);
    forged.cookie = citizen.cookie!.replace('asid=', 'sid=');
    expect((await forged.get('/api/units')).status).toBe(401);

    expect((await citizen.post('/api/applicant/logout')).status).toBe(200);
    expect((await citizen.get('/api/applicant/me')).status).toBe(401);
  });

  test('a staff session opens no applicant route', async () => {
    const staff = await signedIn(server, 'yz.window', DEMO_PASSWORD);
    expect((await staff.get('/api/applicant/me')).status).toBe(401);
  });

  test('a wrong password is a 401 and is logged under the masked ID number', async () => {
    const res = await new ApiClient(server.baseUrl).post('/api/applicant/login', {
      idNumber: ID,
      password: 'Wrong#Pass1',
    });
    expect(res.status).toBe(401);
    const log = await server.models.loginLogs
      .findOne({ reason: /申请人/, outcome: 'failure' })
      .lean()
      .orFail();
    expect(log.username).toBe('330303********' + ID.slice(-4));
  });
});
