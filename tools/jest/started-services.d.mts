/**
 * Stops each service the tests recorded as started in the run directory, once each; `say` writes what is done
 * (the run's output by default).
 */
export function stopStartedServices(runDir: string, say?: (line: string) => void): Promise<void>;
