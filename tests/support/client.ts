import { ApiClient } from '../../seeds/api-client';
import type { TestServer } from './server';

export { ApiClient };

export async function signedIn(
  server: TestServer,
  username: string,
  password: string,
): Promise<ApiClient> {
  const client = new ApiClient(server.baseUrl);
  const res = await client.login(username, password);
  if (res.status !== 200) throw new Error(`登录 ${username} 失败：${JSON.stringify(res.body)}`);
  return client;
}
