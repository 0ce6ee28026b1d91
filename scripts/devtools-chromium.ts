import { spawn } from "node:child_process";

/**
 * Chromium with a DevTools port for Lighthouse (the port it picked, read from its own log line),
 * with the launch flags that work on these machines; `stop` waits for it to exit, so its profile
 * folder can then be removed.
 */
export async function startDevtoolsChromium(executable: string, profile: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"];
  const child = spawn(executable, flags, { stdio: ["ignore", "ignore", "pipe"] });
  const port = await new Promise<number>((resolve, reject) => {
    let log = "";
    child.stderr!.on("data", (d) => {
      log += d;
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(log);
      if (match) resolve(Number(match[1]));
    });
    child.on("exit", (code) => reject(new Error(`chromium exited (${code}):\n${log}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill();
    await exited;
  };
  return { port, stop };
}
