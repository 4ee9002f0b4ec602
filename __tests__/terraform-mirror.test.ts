/** Reading a Terraform CLI config's filesystem mirrors for the AWS provider versions they hold. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mirroredAwsVersions, mirrorMisses, mirrorPaths } from '../src/terraform/mirror';
import { tempDir } from './helpers/synth';

test('mirrorPaths reads the path of every filesystem_mirror block, and nothing from direct or network_mirror', () => {
  const config = `provider_installation {
  filesystem_mirror {
    path    = "/opt/tf-plugins"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  network_mirror { url = "https://mirror.example.com/" }
  filesystem_mirror {
    path = "C:\\\\tf\\\\plugins"
  }
  direct { exclude = ["registry.terraform.io/hashicorp/aws"] }
}`;
  expect(mirrorPaths(config)).toEqual(['/opt/tf-plugins', 'C:\\tf\\plugins']);
});

test('versions come from both layouts (unpacked folders, packed zips); a constraint none fits is a miss', () => {
  const a = tempDir('xacct-mirror-');
  const b = tempDir('xacct-mirror-');
  const aws = (root: string) => join(root, 'registry.terraform.io', 'hashicorp', 'aws');
  mkdirSync(join(aws(a), '5.100.0', 'linux_amd64'), { recursive: true });
  mkdirSync(aws(b), { recursive: true });
  writeFileSync(join(aws(b), 'terraform-provider-aws_6.3.0_linux_amd64.zip'), '');
  writeFileSync(join(aws(b), 'README'), '');
  expect(mirroredAwsVersions([a, b, join(a, 'missing')])).toEqual(['5.100.0', '6.3.0']);

  const rc = join(a, 'tf.rc');
  writeFileSync(rc, `provider_installation {\n  filesystem_mirror {\n    path = "${a}"\n  }\n}\n`);
  expect(mirrorMisses(rc, '>= 6.2.0, < 7.0')).toEqual({ paths: [a], versions: ['5.100.0'] });
  expect(mirrorMisses(rc, '>= 5.100, < 7.0')).toBeUndefined();
  // No config, or one without a filesystem mirror: Terraform asks the registry and reports itself.
  expect(mirrorMisses(undefined, '>= 6.2.0, < 7.0')).toBeUndefined();
  writeFileSync(rc, 'plugin_cache_dir = "/tmp"\n');
  expect(mirrorMisses(rc, '>= 6.2.0, < 7.0')).toBeUndefined();
});
