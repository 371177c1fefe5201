import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as dutch from '@zxcvbn-ts/language-nl-be';
import { AppError } from '../errors.js';

/** zxcvbn's "very unguessable" (≥ 10^10 guesses): "Welkom2026!" and a word with a year fail; three words pass. */
const MIN_SCORE = 4;

let checker: ZxcvbnFactory | null = null;

/** Built on first use: the dictionaries (50,000 common passwords, Dutch words and names) take memory. */
function strength(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...dutch.dictionary },
    graphs: common.adjacencyGraphs,
  });
  return checker;
}

/**
 * The password rule: at least 10 characters (the schema), and not guessable: not on the lists of
 * common passwords, not a word or name with a year, not the user's own e-mail or name.
 */
export function checkPassword(password: string, user: { email: string; name: string }, field = 'password'): void {
  const result = strength().check(password, [user.email, ...user.email.split(/[@.]/), user.name, 'wijkmatch']);
  if (result.score < MIN_SCORE) {
    throw new AppError('validation_failed', 'the password is too easy to guess', [
      { field, message: 'too common or too easy to guess; use three or four unrelated words' },
    ]);
  }
}
