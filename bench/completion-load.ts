/**
 * The clients of bench/cases-http.ts, run by it in a process of their own so that sending requests
 * does not take the server's event loop (as real clients, on other machines, would not).
 * Reads {url, cookie, csrfToken, clients, tasks} as JSON from stdin; with autocannon, `clients`
 * connections complete one work item per request, each task once; prints the latency of every
 * answer and the count of failures as JSON.
 */
import autocannon from 'autocannon';

interface Input {
  url: string;
  cookie: string;
  csrfToken: string;
  clients: number;
  tasks: { id: string; workItemId: string }[];
}

async function main() {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  const input = JSON.parse(text) as Input;
  let next = 0;
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  let finished!: (err: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    finished = (err) => (err ? reject(err as Error) : resolve());
  });
  const instance = autocannon(
    {
      url: input.url,
      connections: input.clients,
      amount: input.tasks.length,
      headers: {
        'content-type': 'application/json',
        cookie: input.cookie,
        'x-csrf-token': input.csrfToken,
      },
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const task = input.tasks[next++]!;
            return {
              ...request,
              path: `/api/cases/${task.id}/commands`,
              body: JSON.stringify({
                type: 'complete',
                workItemId: task.workItemId,
                outcome: 'approve',
                opinion: '经审查符合条件',
              }),
            };
          },
        },
      ],
    },
    (err) => finished(err),
  );
  // autocannon ends on its one-second tick: the run lasts until the last answer, not until then.
  let last = started;
  instance.on('response', (_client: unknown, status: number, _bytes: number, time: number) => {
    last = performance.now();
    latencies.push(time);
    if (status !== 200) failures += 1;
  });
  await done;
  const seconds = (last - started) / 1000;
  process.stdout.write(JSON.stringify({ latencies, failures, seconds }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
