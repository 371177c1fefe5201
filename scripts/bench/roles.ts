import { type ChildProcess, fork } from 'node:child_process';

/**
 * A bench script forked in another role (its argv[2]), so that the part measured does not share its
 * event loop with the part measuring; messages both ways carry a `kind`.
 */
export function forkRole<Command, Reply extends { kind: string }>(script: string, role: string) {
  const child: ChildProcess = fork(script, [role], { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
  /** The child's next reply of this kind. */
  const next = <K extends Reply['kind']>(kind: K) =>
    new Promise<Extract<Reply, { kind: K }>>((resolve) => {
      const on = (reply: Reply) => {
        if (reply.kind !== kind) return;
        child.off('message', on);
        resolve(reply as Extract<Reply, { kind: K }>);
      };
      child.on('message', on);
    });
  const tell = (command: Command) => child.send(command as object);
  /** Sends the command and waits for the reply of this kind. */
  const ask = <K extends Reply['kind']>(command: Command, kind: K) => {
    const reply = next(kind);
    tell(command);
    return reply;
  };
  return { child, next, tell, ask };
}
