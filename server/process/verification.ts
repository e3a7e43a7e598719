import type { VerificationContext, VerificationResult } from '../../runtime/process/verify';
import { AppError } from '../http/errors';
import {
  JobBudgetSpentError,
  JobFailedError,
  SandboxBusyError,
  type Sandbox,
} from '../sandbox/pool';

/** Where flowcharts are verified: the server's worker pool, with a time budget per diagram. */
export interface Verifier {
  sandbox: Sandbox;
  budgetMs: number;
}

/**
 * Verifies a flowchart in a worker (PROC-4), so a diagram built to be slow holds up no one else:
 * one that overruns its budget is stopped and answered 422; when every worker is busy and the
 * queue is full the answer is 503 with Retry-After.
 */
export async function verifyInSandbox(
  verifier: Verifier,
  xml: string,
  context: VerificationContext,
): Promise<VerificationResult> {
  try {
    return await verifier.sandbox.run('verifyProcess', { xml, context }, verifier.budgetMs);
  } catch (error) {
    if (error instanceof JobBudgetSpentError) {
      const seconds = Number((verifier.budgetMs / 1000).toFixed(1));
      throw new AppError(
        422,
        'verification_timeout',
        `流程图过于复杂，校验超时（超过 ${seconds} 秒）已中止：请减少环节、分支或并行块，或删去无关内容后重试`,
        { budgetMs: verifier.budgetMs },
      );
    }
    if (error instanceof JobFailedError) {
      throw new AppError(
        422,
        'verification_failed',
        '流程图过于复杂，校验所需资源超出限度已中止：请减少环节、分支或并行块后重试',
      );
    }
    if (error instanceof SandboxBusyError) {
      const busy = new AppError(
        503,
        'verification_busy',
        `流程图校验繁忙，请 ${error.retryAfterSeconds} 秒后重试`,
        { retryAfterSeconds: error.retryAfterSeconds },
      );
      busy.headers = { 'Retry-After': String(error.retryAfterSeconds) };
      throw busy;
    }
    throw error;
  }
}
