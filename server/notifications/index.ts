import type { Logger } from 'pino';
import type { CaseService } from '../cases';
import type { Config } from '../config';
import type { Api } from '../http/api';
import type { PersonalDataCipher } from '../identity/personal-data';
import type { Models } from '../models';
import { channelsFrom, type Channel } from './channels';
import { NotificationHandler } from './handler';
import type { ChannelName } from './models';
import { notificationRoutes } from './routes';
import { NotificationSender } from './sender';

export { NotificationSender, BACKOFF_MS } from './sender';
export { NotificationHandler } from './handler';
export * from './models';

export interface Notifications {
  handler: NotificationHandler;
  sender: NotificationSender;
  channels: Partial<Record<ChannelName, Channel>>;
}

/**
 * Notifications (RUN-15): the handler the projector runs after each case's events are written
 * (it queues deliveries), the sender that sends them (started by jobs.ts), and the routes.
 */
export function mountNotifications(
  api: Api,
  deps: {
    config: Config;
    models: Models;
    cases: CaseService;
    cipher: PersonalDataCipher;
    logger: Logger;
  },
): Notifications {
  const { models, cases, config } = deps;
  // The cases' clock, so a test that moves case time moves the retries too.
  const clock = () => cases.executor.clock();
  const channels = channelsFrom(config, models.messages, clock);
  const sender = new NotificationSender({
    deliveries: models.deliveries,
    queue: models.deliveryQueue,
    cases: cases.store.collection,
    applicants: models.applicants,
    cipher: deps.cipher,
    channels,
    logger: deps.logger,
  });
  sender.clock = clock;
  const handler = new NotificationHandler({
    deliveries: models.deliveries,
    queue: models.deliveryQueue,
    templates: models.notificationTemplates,
    users: models.users,
    units: cases.units,
    loadCase: (id) => cases.store.load(id),
    enabled: new Set(Object.keys(channels) as ChannelName[]),
    ...(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {}),
    clock,
    queued: () => sender.nudge(),
  });
  cases.projector.addHandler(handler);
  notificationRoutes(api, {
    messages: models.messages,
    deliveries: models.deliveries,
    templates: models.notificationTemplates,
    users: models.users,
    executor: cases.executor,
  });
  return { handler, sender, channels };
}
