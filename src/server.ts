import { createServer as createHttpServer, type Server } from 'node:http';
import { type AppOptions, createApp } from './app.js';
import { attachBoardSocket } from './realtime/board.socket.js';
import type { Services } from './services.js';

/** The app on an HTTP server with the live board beside it: what main.ts listens with, and real-socket tests. */
export function createServer(services: Services, options: AppOptions & { pollMs?: number }) {
  const app = createApp(services, options);
  const http: Server = createHttpServer(app);
  const boards = attachBoardSocket(http, {
    auth: services.auth,
    board: services.board,
    bus: services.bus,
    allowedOrigins: options.allowedOrigins,
    logger: options.logger,
    pollMs: options.pollMs,
  });
  return {
    app,
    http,
    boards,
    listen(port: number, host?: string): Promise<number> {
      return new Promise((resolve) => {
        http.listen(port, host, () => {
          const address = http.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    /** Boards are told first; in-flight HTTP requests finish; then the server is closed. */
    close: () => boards.close(),
  };
}
