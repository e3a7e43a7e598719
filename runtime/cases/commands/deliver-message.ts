import { isAdmin, requireText } from '../access';
import type { CommandHandler } from '../command';
import { CaseError } from '../errors';
import { passMessage, setOutcome } from '../flow';
import type { Outcome } from '../state';

/**
 * A department system reports (e.g. the higher level's reply to 上报, RUN-12): the flow waiting
 * for that message goes on. A delivery seen before is ignored, so the system may resend.
 */
export interface DeliverMessageCommand {
  type: 'deliverMessage';
  /** The message's BPMN id or its name; one is enough. */
  messageId?: string;
  messageName?: string;
  /** The sender's id for this delivery: what makes a resend harmless. */
  deliveryId: string;
  /** The reply's decision, read by later conditions as `outcome`. */
  outcome?: Outcome;
  opinion?: string;
}

export const deliverMessage: CommandHandler<DeliverMessageCommand> = {
  type: 'deliverMessage',
  label: '接收消息',
  allowedIn: ['inProgress'],
  run(tx, command) {
    const a = tx.actor;
    if (a.kind !== 'system' && !isAdmin(a)) {
      throw new CaseError('not_permitted', '只有部门系统（或系统管理员）才能递送消息');
    }
    const deliveryId = requireText(command.deliveryId, '消息的递送编号');
    if (tx.state.messages.some((m) => m.deliveryId === deliveryId)) return;
    const token = tx.state.tokens.find((t) => {
      if (t.waiting !== 'message') return false;
      const node = tx.def.node(t.nodeId);
      return (
        node.kind === 'messageCatch' &&
        ((!!command.messageId && node.messageId === command.messageId) ||
          (!!command.messageName && node.messageName === command.messageName))
      );
    });
    if (!token) {
      throw new CaseError(
        'no_message_wait',
        `办件当前没有在等待消息「${command.messageName ?? command.messageId ?? ''}」`,
      );
    }
    const node = tx.def.node(token.nodeId);
    if (
      command.outcome !== undefined &&
      command.outcome !== 'approve' &&
      command.outcome !== 'reject'
    ) {
      throw new CaseError('invalid_command', '消息中的结果应为同意或不同意');
    }
    tx.state.messages.push({
      deliveryId,
      nodeId: node.id,
      name: node.name,
      at: tx.now,
      ...(command.outcome ? { outcome: command.outcome } : {}),
      ...(command.opinion ? { opinion: command.opinion } : {}),
    });
    if (command.outcome) setOutcome(tx, command.outcome);
    tx.record({
      action: 'message',
      process: {
        department: tx.state.handlingUnit,
        itemCode: tx.state.itemCode,
        step: { id: node.id, name: node.name },
        stepState: 'completed',
        ...(command.opinion ? { opinion: command.opinion } : {}),
      },
    });
    tx.emit({ type: 'messageDelivered', nodeId: node.id, deliveryId });
    passMessage(tx, token);
  },
};
