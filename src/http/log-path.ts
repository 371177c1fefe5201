/** A run of base64url as long as a token (ours are 43 characters), wherever it appears in a path. */
const TOKEN_LIKE = /[A-Za-z0-9_-]{32,}/g;
const TOKEN = '[token]';

/** Percent-decoding until nothing changes, so `%2568` hides nothing; broken escapes stay as they are. */
function decoded(path: string): string {
  let current = path;
  for (let round = 0; round < 3; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return current;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/**
 * A path as it may be logged: no query string (it can hold a name or a phone), and no personal-link
 * token on any spelling of the link. Express matches `/h/:token` without regard to case, and a
 * mistyped link (`/h//TOKEN`, `/%68/TOKEN`, `/h%2FTOKEN`) still carries a token, so after decoding
 * the segment after any `h` segment is hidden, and so is anything as long as a token.
 */
export function loggablePath(url: string): string {
  let previous = '';
  return decoded(url.split('?')[0]!)
    .split('/')
    .map((segment) => {
      if (segment === '') return segment;
      const hidden = previous.trim().toLowerCase() === 'h' ? TOKEN : segment.replace(TOKEN_LIKE, TOKEN);
      previous = segment;
      return hidden;
    })
    .join('/');
}
