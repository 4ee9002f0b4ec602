import { airflowConnections } from '../../workloads/airflow';
import type { Rule } from '../types';
import { checkModel } from './model-rule';

/**
 * WORK001: Airflow connection ids are unique across the spec: the connections
 * of an account share one file, and one Airflow may read several accounts'
 * files. Default ids can meet too (`aws_<account>_<role>` of account `a-b`,
 * role `c` and of account `a`, role `b-c`).
 */
export const work001: Rule = {
  id: 'WORK001',
  level: 'error',
  kinds: ['model'],
  name: 'One Airflow connection id per role across the spec',
  explanation: 'One Airflow sees the connections of several accounts; a second connection with the same id would silently replace the first.',
  fix: 'give this trust entry its own airflowConnection id (or airflowConnection: false)',
  suppressible: false,
  check: (subject) =>
    checkModel(subject, (model, report) => {
      const owners = new Map<string, string>();
      model.accounts.forEach((account, ai) =>
        account.roles.forEach((role, ri) => {
          for (const [id, { trustIndex }] of airflowConnections(model, account, role)) {
            const owner = `"${role.name}" of account "${account.name}"`;
            const other = owners.get(id);
            if (other === undefined) owners.set(id, owner);
            else if (other !== owner) {
              const t = role.trust[trustIndex].spec;
              const explicit = (t.type === 'aws-role' || t.type === 'iam-user') && typeof t.airflowConnection === 'string';
              report({
                path: ['accounts', ai, 'roles', ri, 'trust', trustIndex, ...(explicit ? ['airflowConnection'] : [])],
                message: `Airflow connection id "${id}" is already the connection to role ${other}; one Airflow sees both, and the later one would replace the earlier`,
              });
            }
          }
        }),
      );
    }),
};
