import type { Open, PagedIterable, RequestOptions, Transport } from '@bw/core/internal';

/** The account's balance and billing type (`GET ~/account`). */
export interface Account {
  /** Dollars, as a decimal string. */
  balance: string;
  accountType: Open<'pre-pay' | 'post-pay'>;
}

/** One charge, payment or credit on the account. */
export interface AccountTransaction {
  id: string;
  time?: string;
  /** Dollars, as a decimal string. */
  amount?: string;
  type?: Open<'charge' | 'payment' | 'credit' | 'auto-recharge'>;
  units?: string;
  productType?: Open<
    | 'local-number-per-month'
    | 'toll-free-number-per-month'
    | 'sms-in'
    | 'sms-out'
    | 'mms-in'
    | 'mms-out'
    | 'call-in'
    | 'call-out'
    | 'sip-call-in'
    | 'sip-call-out'
    | 'transcription'
    | 'cnam-search'
  >;
  number?: string;
  resourceId?: string;
}

/** Filters of `listAccountTransactions`, sent as query parameters. */
export interface ListAccountTransactionsOptions {
  maxItems?: number;
  /** Only transactions newer than this, `yyyy-MM-dd'T'HH:mm:ssZ`. */
  fromDate?: string;
  /** Only transactions older than this, `yyyy-MM-dd'T'HH:mm:ssZ`. */
  toDate?: string;
  type?: 'charge' | 'payment' | 'credit' | 'auto-recharge';
  number?: string;
  /** Page size: API default 25, at most 1000. */
  size?: number;
}

/** Account and transaction methods of `AccountClient`. */
export abstract class AccountMethods {
  declare protected readonly transport: Transport;

  /** Reads the balance and account type. `GET ~/account`. */
  async getAccount(requestOptions?: RequestOptions): Promise<Account> {
    return this.transport.json<Account>(
      { method: 'GET', path: this.transport.userPath('account') },
      requestOptions,
    );
  }

  /** Lists account transactions, lazily across pages. `GET ~/account/transactions`. */
  listAccountTransactions(
    opts?: ListAccountTransactionsOptions,
    requestOptions?: RequestOptions,
  ): PagedIterable<AccountTransaction> {
    return this.transport.paged<AccountTransaction>(
      { method: 'GET', path: this.transport.userPath('account', 'transactions'), query: opts },
      requestOptions,
    );
  }
}
