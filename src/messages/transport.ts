import { createTransport } from 'nodemailer';
import type { Logger } from '../logger.js';

export interface OutgoingMessage {
  id: number;
  to: string;
  subject: string;
  body: string;
}

/** How a message leaves: the log in development, e-mail over SMTP when configured. */
export interface Transport {
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
}

/** Development: the log shows that a message went, and to which outbox row; never its text or address. */
export function logTransport(log: Logger): Transport {
  return {
    name: 'log',
    send: async (message) => {
      log.info({ messageId: message.id }, 'message delivered to the log (no SMTP configured)');
    },
  };
}

/** E-mail through an SMTP server, e.g. `smtp://user:password@mail.example.nl:587`. */
export function smtpTransport(url: string, from: string): Transport {
  const mailer = createTransport(url);
  return {
    name: 'smtp',
    send: async (message) => {
      await mailer.sendMail({ from, to: message.to, subject: message.subject, text: message.body });
    },
  };
}
