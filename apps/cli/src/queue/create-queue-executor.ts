export async function createQueueExecutor(url: string, note: (t: string) => void): Promise<never> { throw new Error(url + String(note)); }
