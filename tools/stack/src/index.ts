export { startStack } from './stack';
export type { Instance, Stack, StackOptions } from './stack';
export { portPlan, SERVICES } from './ports';
export type { PortPlan, ServiceName } from './ports';
export { Supervisor } from './processes';
export { httpStatus, waitFor, sleep } from './probes';
export { prepareCredentials, readCredentials, credentialFiles } from './credentials';
export type { AppTokens, Credentials } from './credentials';
export { appTokenHeader } from './stack';
