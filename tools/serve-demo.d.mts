export interface DemoServer {
  url: string;
  port: number;
  close(): Promise<void>;
}
export function startDemoServer(options?: { port?: number; root?: string }): Promise<DemoServer>;
