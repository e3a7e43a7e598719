import { App } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError } from '../api/client';
import { runCommand } from './cases-api';
import type { CaseDetail } from './types';

/** Runs one command; resolves when done, rejects with the server's refusal. */
export type Act = (command: Record<string, unknown>, done: string) => Promise<void>;

/** A refusal because the case is no longer what the user saw: the page has reloaded it. */
export const isStale = (e: unknown) => e instanceof ApiError && e.status === 409;

/**
 * Commands on the case the page shows, always with the version it loaded. A 409 means the case
 * changed under the user (someone else acted, or its state no longer allows it): the page says
 * so in the server's words and reloads; other refusals stay with the dialog that sent them.
 */
export function useAct(detail: CaseDetail | undefined, reload: () => void) {
  const { message } = App.useApp();
  const [problem, setProblem] = useState<{ stale: boolean; text: string }>();

  const act: Act = useCallback(
    async (command, done) => {
      if (!detail) return;
      try {
        await runCommand(detail.id, detail.version, command);
      } catch (e) {
        const error = e instanceof ApiError ? e : new ApiError(0, 'client_error', String(e));
        if (error.status === 409) {
          setProblem({
            stale: error.code === 'version_conflict',
            text: error.message,
          });
          reload();
        } else if (error.status === 403) {
          setProblem({ stale: false, text: error.message });
        }
        throw error;
      }
      setProblem(undefined);
      void message.success(done);
      reload();
    },
    [detail, reload, message],
  );

  return { act, problem, clearProblem: () => setProblem(undefined) };
}
