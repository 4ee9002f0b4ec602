import { WORKLOADS_DIR } from '../../workloads/artifact';
import { findings, NOT_APPLICABLE, type Rule } from '../types';

/** SPEC001: an account named like the workload settings' folder below the modules directory. */
export const spec001: Rule = {
  id: 'SPEC001',
  level: 'error',
  kinds: ['model'],
  name: `Account named "${WORKLOADS_DIR}", the folder of the workload settings`,
  explanation: `Each account's module is written to modules/<account>/, and the workload settings to modules/${WORKLOADS_DIR}/: an account of that name would share the folder with them.`,
  fix: `rename the account, e.g. "${WORKLOADS_DIR}-account"`,
  suppressible: false,
  check(subject) {
    if (subject.kind !== 'model') return NOT_APPLICABLE;
    return findings(
      subject.model.accounts.flatMap((account, ai) =>
        account.name.toLowerCase() === WORKLOADS_DIR
          ? [
              {
                path: ['accounts', ai, 'name'],
                message: `account name "${account.name}" is the folder of the workload settings in the modules directory`,
                fix: `rename the account, e.g. "${account.name}-account"`,
              },
            ]
          : [],
      ),
    );
  },
};
