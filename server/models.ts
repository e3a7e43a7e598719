import type { CreateIndexesOptions } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Config } from './config';
import { loginLogModel, operationLogModel } from './audit/models';
import { itemModel } from './catalog/item-model';
import { itemSerialCounterModel, itemSerialModel } from './catalog/serial-model';
import { itemVersionModel } from './catalog/version-model';
import { itemFormModel } from './forms/form-model';
import { itemProcessModel } from './process/process-model';
import { SessionStore } from './identity/sessions';
import { userModel } from './identity/user-model';
import { applicantModel } from './identity/applicant-model';
import { addressFailuresModel } from './identity/address-failures';
import { identityLinkModel, oidcLoginModel } from './identity/oidc-models';
import { postModel } from './organisation/post-model';
import { unitModel } from './organisation/unit-model';
import { calendarOverrideModel, officialYearModel } from './calendar';
import {
  caseModel,
  caseNumberCounterModel,
  caseNumberModel,
  departmentSystemModel,
  eventModel,
} from './cases';
import {
  deliveryModel,
  deliveryQueueModel,
  messageModel,
  notificationTemplateModel,
} from './notifications/models';
import { systemLogModel } from './operations/system-logs';
import { faultModel } from './operations/fault-model';

/** Every collection's model, bound to one connection (one database per test file). */
export function createModels(
  connection: Connection,
  config: Pick<Config, 'SESSION_IDLE_MINUTES' | 'SESSION_ABSOLUTE_HOURS'>,
) {
  return {
    units: unitModel(connection),
    posts: postModel(connection),
    users: userModel(connection),
    applicants: applicantModel(connection),
    loginAddressFailures: addressFailuresModel(connection),
    loginLogs: loginLogModel(connection),
    operationLogs: operationLogModel(connection),
    oidcLogins: oidcLoginModel(connection),
    identityLinks: identityLinkModel(connection),
    items: itemModel(connection),
    itemVersions: itemVersionModel(connection),
    itemSerials: itemSerialModel(connection),
    itemSerialCounters: itemSerialCounterModel(connection),
    itemForms: itemFormModel(connection),
    itemProcesses: itemProcessModel(connection),
    calendarOverrides: calendarOverrideModel(connection),
    officialCalendarYears: officialYearModel(connection),
    cases: caseModel(connection),
    events: eventModel(connection),
    caseNumbers: caseNumberModel(connection),
    caseNumberCounters: caseNumberCounterModel(connection),
    departmentSystems: departmentSystemModel(connection),
    deliveries: deliveryModel(connection),
    deliveryQueue: deliveryQueueModel(connection),
    messages: messageModel(connection),
    notificationTemplates: notificationTemplateModel(connection),
    systemLogs: systemLogModel(connection),
    faults: faultModel(connection),
    sessions: new SessionStore(connection, {
      idleMs: config.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: config.SESSION_ABSOLUTE_HOURS * 3_600_000,
    }),
  };
}

export type Models = ReturnType<typeof createModels>;

/**
 * Creates collections and indexes explicitly: autoIndex is off (docs/database.md). On the embedded
 * database only unique indexes are made: FerretDB v1 answers no query but one by `_id` from an
 * index, so the others would only slow every write down.
 */
export async function ensureIndexes(
  models: Models,
  database: 'embedded' | 'external',
): Promise<void> {
  const all = [
    models.units,
    models.posts,
    models.users,
    models.applicants,
    models.loginAddressFailures,
    models.loginLogs,
    models.operationLogs,
    models.oidcLogins,
    models.identityLinks,
    models.items,
    models.itemVersions,
    models.itemSerials,
    models.itemSerialCounters,
    models.itemForms,
    models.itemProcesses,
    models.calendarOverrides,
    models.officialCalendarYears,
    models.cases,
    models.events,
    models.caseNumbers,
    models.caseNumberCounters,
    models.departmentSystems,
    models.deliveries,
    models.deliveryQueue,
    models.messages,
    models.notificationTemplates,
    models.systemLogs,
    models.faults,
    models.sessions.model,
  ];
  for (const model of all) {
    await model.createCollection().catch((err: { codeName?: string }) => {
      if (err.codeName !== 'NamespaceExists') throw err;
    });
    if (database === 'external') {
      await model.createIndexes();
      continue;
    }
    for (const [fields, options] of model.schema.indexes()) {
      if (!options?.unique) continue;
      await model.collection.createIndex(fields as Record<string, 1 | -1>, {
        ...(options as CreateIndexesOptions),
        unique: true,
      });
    }
  }
}
