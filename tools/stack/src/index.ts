export { startStack, Stack, StackOptions } from './stack';
export { portPlan, PortPlan, SERVICES, ServiceName } from './ports';
export { Supervisor } from './processes';
export { httpStatus, waitFor, sleep } from './probes';
