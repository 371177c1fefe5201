/**
 * Your own account, linked beside your name: the password for everyone, and for the roles the API
 * allows it, a second factor from an authenticator app.
 */
import type { UserAccount } from '../../../auth/auth.schema.js';
import { SECOND_FACTOR_ROLES } from '../../../domain.js';
import { startPage } from '../components/page.js';
import { api } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { PasswordSection } from './account/password.js';
import { SecondFactorSection } from './account/second-factor.js';

function AccountPage({ account }: { account: UserAccount }) {
  const factor = (SECOND_FACTOR_ROLES as readonly string[]).includes(account.role);
  return (
    <section aria-labelledby="account-title" class="account">
      <h1 id="account-title">{t('nav.account')}</h1>
      <p>{t('account.intro', { name: account.name, email: account.email })}</p>
      <PasswordSection />
      {factor ? <SecondFactorSection on={account.secondFactor} /> : null}
    </section>
  );
}

void startPage(
  () => api<UserAccount>('GET', '/auth/account'),
  (account) => <AccountPage account={account} />,
);
