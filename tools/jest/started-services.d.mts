/** Stops each service the tests recorded as started in the run directory, once each. */
export function stopStartedServices(runDir: string): Promise<void>;
