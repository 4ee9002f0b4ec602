/** The AWS provider versions the modules accept: the major version they are tested with. */
export const MODULE_AWS_VERSION = '~> 5.100';
